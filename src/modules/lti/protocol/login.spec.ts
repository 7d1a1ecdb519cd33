import { ROLE } from '../../../../test/support/lti-platform';
import { CLIENT_ID, LAUNCH_URL, startToolFixture, type ToolFixture } from '../../../../test/support/lti/tool-fixture';
import { validateLaunch } from './launch';
import { parseLoginRequest, startLogin } from './login';
import { newWindowLoginUrl, renderLaunchCheckPage, renderLoginPage } from './platform-storage';

describe('OIDC third-party initiated login', () => {
  let lti: ToolFixture;
  beforeAll(async () => {
    lti = await startToolFixture();
  });
  afterAll(() => lti.close());

  const base = () => ({ iss: lti.platform.issuer, login_hint: 'u1', target_link_uri: LAUNCH_URL, client_id: CLIENT_ID, lti_message_hint: 'm1' });

  it('builds the authentication request of Security Framework §5.1.1.2', async () => {
    const start = await startLogin({ ...base(), lti_deployment_id: 'deployment-1' }, lti.loginDeps);
    if (!start.ok) throw new Error(start.message);
    const url = new URL(start.redirectUrl);
    expect(url.origin + url.pathname).toBe(lti.platform.authorizationUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: CLIENT_ID,
      redirect_uri: LAUNCH_URL,
      login_hint: 'u1',
      lti_message_hint: 'm1',
      state: start.state,
      nonce: start.nonce,
    });
    expect(start.binding).toEqual({ key: expect.stringMatching(/^lti_state_/), value: start.nonce });
    expect(start.storage).toBeUndefined();
  });

  it('makes a fresh nonce and state for every login', async () => {
    const [a, b] = await Promise.all([startLogin(base(), lti.loginDeps), startLogin(base(), lti.loginDeps)]);
    expect(a.ok && b.ok && a.nonce !== b.nonce && a.state !== b.state).toBe(true);
  });

  it('names every missing parameter', () => {
    expect(parseLoginRequest({ iss: 'x', login_hint: ['a', 'b'] })).toEqual({
      ok: false,
      reason: 'bad_request',
      message: 'login initiation request: login_hint must be given once, as a string; target_link_uri is missing',
    });
  });

  it('refuses an unknown issuer or client, an ambiguous issuer, a disallowed deployment and a foreign target', async () => {
    expect(await startLogin({ ...base(), iss: 'https://other.example' }, lti.loginDeps)).toMatchObject({ reason: 'unknown_registration' });
    expect(await startLogin({ ...base(), client_id: 'nobody' }, lti.loginDeps)).toMatchObject({ reason: 'unknown_registration' });
    expect(await startLogin({ ...base(), lti_deployment_id: 'deployment-other' }, lti.loginDeps)).toMatchObject({ reason: 'unknown_deployment' });
    expect(await startLogin({ ...base(), target_link_uri: 'https://evil.example/phish' }, lti.loginDeps)).toMatchObject({ reason: 'bad_target_link_uri' });

    lti.registrations.all.push({ ...lti.registration, id: 'registration-2', clientId: 'second-client' });
    const { client_id: _omitted, ...withoutClient } = base();
    expect(await startLogin(withoutClient, lti.loginDeps)).toMatchObject({ reason: 'ambiguous_registration' });
    lti.registrations.all.pop();
  });

  describe('without third-party cookies (platform storage)', () => {
    it('answers with a page that stores the binding with lti.put_data before following the authentication request', async () => {
      const params = { ...base(), lti_storage_target: '_parent' };
      const start = await startLogin(params, lti.loginDeps);
      if (!start.ok) throw new Error(start.message);
      expect(start.storage).toEqual({ target: '_parent', platformOrigin: lti.platform.issuer });

      const fallback = newWindowLoginUrl('https://netlab.test/lti/login', params);
      expect(new URL(fallback).searchParams.has('lti_storage_target')).toBe(false);
      const html = renderLoginPage(start, fallback);
      expect(html).toContain("subject: 'lti.put_data'");
      expect(html).toContain(JSON.stringify(start.binding.key));
      expect(html).toContain(`var platformOrigin = ${JSON.stringify(lti.platform.issuer)}`);
      expect(html).toContain(JSON.stringify(start.redirectUrl));
      expect(html).toContain('target="_blank"');
    });

    it('answers the launch with a page that reads the binding back with lti.get_data', async () => {
      const { idToken, state } = await lti.login({ user: { id: 'u2', roles: [ROLE.learner] }, resourceLink: { id: 'r' } }, { lti_storage_target: 'lti_storage_frame' });
      const result = await validateLaunch(idToken, state, lti.launchDeps);
      if (!result.ok) throw new Error(result.message);
      expect(result.state.storageTarget).toBe('lti_storage_frame');
      const html = renderLaunchCheckPage(result.state, 'https://netlab.test/labs/1');
      expect(html).toContain("subject: 'lti.get_data'");
      expect(html).toContain(`var targetName = "lti_storage_frame"`);
      expect(html).toContain(JSON.stringify(result.state.nonce));
    });

    it('escapes values so a hostile one cannot end the script', () => {
      const html = renderLoginPage({ redirectUrl: 'https://x/</script><script>alert(1)</script>', binding: { key: 'k', value: 'v' }, storage: { target: '_parent', platformOrigin: 'https://lms' } });
      expect(html).not.toContain('</script><script>alert(1)');
    });
  });
});
