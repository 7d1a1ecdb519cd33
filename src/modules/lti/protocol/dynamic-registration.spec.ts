import { ROLE } from '../../../../test/support/lti-platform';
import { startToolFixture, TOOL_BASE, type ToolFixture } from '../../../../test/support/lti/tool-fixture';
import { registerWithPlatform, toolRegistrationRequest } from './dynamic-registration';
import { validateLaunch } from './launch';
import { startLogin } from './login';
import { TOOL_CONFIGURATION } from './uris';

describe('LTI Dynamic Registration against the test LMS', () => {
  let lti: ToolFixture;
  beforeEach(async () => {
    lti = await startToolFixture();
  });
  afterEach(() => lti.close());

  const tool = { baseUrl: TOOL_BASE, name: 'kube-netlab', description: 'Kubernetes networking labs' };

  it('registers, returns what the service stores, and the new registration launches', async () => {
    const token = lti.platform.issueRegistrationToken();
    const result = await registerWithPlatform({ openid_configuration: lti.platform.openIdConfigurationUrl, registration_token: token }, tool, lti.http);
    if (!result.ok) throw new Error(result.message);
    expect(result).toEqual({
      ok: true,
      issuer: lti.platform.issuer,
      clientId: expect.stringMatching(/^client-/),
      deploymentId: 'deployment-2',
      authorizationUrl: lti.platform.authorizationUrl,
      tokenUrl: lti.platform.tokenUrl,
      jwksUrl: lti.platform.jwksUrl,
      productFamilyCode: 'kube-netlab-test-lms',
    });
    const [request] = lti.platform.registrationRequests;
    expect(request).toMatchObject({
      initiate_login_uri: 'https://netlab.test/lti/login',
      redirect_uris: ['https://netlab.test/lti/launch'],
      jwks_uri: 'https://netlab.test/lti/jwks',
      token_endpoint_auth_method: 'private_key_jwt',
      [TOOL_CONFIGURATION]: {
        target_link_uri: 'https://netlab.test/lti/launch',
        messages: [{ type: 'LtiResourceLinkRequest' }, expect.objectContaining({ type: 'LtiDeepLinkingRequest' })],
      },
    });
    expect(request.scope.split(' ')).toEqual(
      expect.arrayContaining(['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem', 'https://purl.imsglobal.org/spec/lti-ags/scope/score', 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly']),
    );

    // The tool announced https://netlab.test/lti/jwks, which no server answers in unit tests: use the fixture's served key set.
    lti.platform.tools.get(result.clientId)!.jwksUrl = lti.platform.tools.get('kube-netlab-client')!.jwksUrl;
    lti.registrations.all.push({ id: 'registration-dr', ...result, deploymentIds: [result.deploymentId!] });
    const start = await startLogin(lti.platform.loginParams(result.clientId, { user: { id: 'u', roles: [ROLE.learner] }, resourceLink: { id: 'r' } }, 'https://netlab.test/lti/launch'), lti.loginDeps);
    if (!start.ok) throw new Error(start.message);
    const form = await lti.platform.authorize(start.redirectUrl);
    const launch = await validateLaunch(form.idToken, form.state, lti.launchDeps);
    expect(launch).toMatchObject({ ok: true, registration: { id: 'registration-dr' }, launch: { clientId: result.clientId, deploymentId: 'deployment-2' } });
  });

  it('refuses a configuration whose issuer the configuration URL does not start with', async () => {
    const http = {
      userAgent: 'ua',
      fetch: async () => Response.json({ ...Object.fromEntries(['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'registration_endpoint'].map((k) => [k, 'https://lms.example/x'])), issuer: 'https://lms.example' }),
    };
    const result = await registerWithPlatform({ openid_configuration: 'https://lms.example.evil.test/.well-known/openid-configuration' }, tool, http);
    expect(result).toMatchObject({ ok: false, reason: 'issuer_mismatch' });
  });

  it("accepts Canvas's shared issuer from an institution's Canvas host, and from no other host", async () => {
    const canvas = (registered: string[]) => ({
      userAgent: 'ua',
      fetch: async (url: string | URL) => {
        registered.push(String(url));
        return String(url).endsWith('/registrations')
          ? Response.json({ client_id: '10000000000042', 'https://purl.imsglobal.org/spec/lti-tool-configuration': { deployment_id: '12:abc' } })
          : Response.json({ ...Object.fromEntries(['authorization_endpoint', 'token_endpoint', 'jwks_uri'].map((k) => [k, 'https://sso.canvaslms.com/x'])), registration_endpoint: 'https://school.instructure.com/api/lti/registrations', issuer: 'https://canvas.instructure.com' });
      },
    });
    const calls: string[] = [];
    const ok = await registerWithPlatform({ openid_configuration: 'https://school.instructure.com/api/lti/security/openid-configuration', registration_token: 't' }, tool, canvas(calls));
    expect(ok).toMatchObject({ ok: true, issuer: 'https://canvas.instructure.com', clientId: '10000000000042' });
    for (const elsewhere of ['https://instructure.com.evil.test/openid-configuration', 'http://school.instructure.com/api/lti/security/openid-configuration']) {
      expect(await registerWithPlatform({ openid_configuration: elsewhere }, tool, canvas([]))).toMatchObject({ ok: false, reason: 'issuer_mismatch' });
    }
  });

  it('refuses a missing configuration URL and reports the platform’s refusal of a spent token', async () => {
    expect(await registerWithPlatform({}, tool, lti.http)).toMatchObject({ ok: false, reason: 'bad_request' });
    const result = await registerWithPlatform({ openid_configuration: lti.platform.openIdConfigurationUrl, registration_token: 'never-issued' }, tool, lti.http);
    expect(result).toMatchObject({ ok: false, reason: 'platform_error', message: expect.stringContaining('401') });
  });

  it('refuses a configuration URL that is not http(s), and never echoes what the URL answered', async () => {
    const secret = 'ami-secret-access-key';
    const fetched: string[] = [];
    const http = {
      userAgent: 'ua',
      fetch: async (url: string | URL) => {
        fetched.push(String(url));
        return new Response(`internal: ${secret}`, { status: String(url).includes('fail') ? 500 : 200 });
      },
    };
    expect(await registerWithPlatform({ openid_configuration: 'file:///etc/passwd' }, tool, http)).toMatchObject({ ok: false, reason: 'bad_request' });
    expect(fetched).toEqual([]);
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://10.0.0.5/fail']) {
      const result = await registerWithPlatform({ openid_configuration: url }, tool, http);
      expect(result).toMatchObject({ ok: false, reason: 'platform_error' });
      expect(!result.ok && result.message).not.toContain(secret);
    }
  });

  it('describes the tool with the LTI endpoints under /lti', () => {
    expect(toolRegistrationRequest({ baseUrl: 'https://netlab.example/', name: 'n' })).toMatchObject({
      initiate_login_uri: 'https://netlab.example/lti/login',
      jwks_uri: 'https://netlab.example/lti/jwks',
      [TOOL_CONFIGURATION]: { domain: 'netlab.example' },
    });
  });
});
