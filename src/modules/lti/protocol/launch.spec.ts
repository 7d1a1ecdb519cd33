import { ROLE, type TestLaunch } from '../../../../test/support/lti-platform';
import { startToolFixture, type ToolFixture } from '../../../../test/support/lti/tool-fixture';
import { validateLaunch } from './launch';
import { PlatformKeySets } from './platform-keys';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const AGS = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const NRPS = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';

const student: TestLaunch = {
  user: { id: 'user-student-1', name: 'Ada Student', email: 'ada@example.edu', roles: [ROLE.learner] },
  context: { id: 'course-42', label: 'NET101', title: 'Kubernetes networking' },
  resourceLink: { id: 'link-7', title: 'Lab: Services' },
  custom: { lab_id: 'lab-services' },
};

describe('validateLaunch against the test LMS', () => {
  let lti: ToolFixture;
  beforeEach(async () => {
    lti = await startToolFixture();
  });
  afterEach(() => lti.close());

  async function launch(spec: TestLaunch) {
    const { idToken, state } = await lti.login(spec);
    return validateLaunch(idToken, state, lti.launchDeps);
  }

  it('accepts a resource link launch and returns its claims in the tool’s terms', async () => {
    const result = await launch(student);
    if (!result.ok) throw new Error(`${result.reason}: ${result.message}`);
    expect(result.registration.id).toBe('registration-1');
    expect(result.launch).toMatchObject({
      messageType: 'LtiResourceLinkRequest',
      issuer: lti.platform.issuer,
      clientId: 'kube-netlab-client',
      deploymentId: 'deployment-1',
      targetLinkUri: 'https://netlab.test/lti/launch',
      user: { id: 'user-student-1', name: 'Ada Student', email: 'ada@example.edu', roles: [ROLE.learner], role: 'student' },
      context: { id: 'course-42', label: 'NET101', title: 'Kubernetes networking' },
      resourceLink: { id: 'link-7', title: 'Lab: Services' },
      custom: { lab_id: 'lab-services' },
      ags: { lineItemsUrl: lti.platform.lineItemsUrl('course-42') },
      nrps: { contextMembershipsUrl: lti.platform.membershipsUrl('course-42'), serviceVersions: ['2.0'] },
    });
    expect(lti.nonces.used.size).toBe(1);
  });

  it('maps an instructor launch to the instructor role', async () => {
    const result = await launch({ ...student, user: { id: 'teacher', roles: [ROLE.instructor] } });
    expect(result.ok && result.launch.user.role).toBe('instructor');
  });

  // Each case: what the platform does to the id_token, and the refusal it must earn.
  const refusals: Array<[string, Partial<TestLaunch>, string]> = [
    ['a signature by another key under a published kid', { signing: 'bad_signature' }, 'bad_signature'],
    ['a key id the platform does not publish', { signing: 'unknown_kid' }, 'unknown_kid'],
    ['another audience', { tamper: (c) => ((c.aud = 'someone-else'), delete c.azp) }, 'wrong_audience'],
    ['several audiences and azp naming another client', { tamper: (c) => ((c.aud = ['kube-netlab-client', 'other']), (c.azp = 'other')) }, 'wrong_azp'],
    ['another issuer', { tamper: (c) => (c.iss = 'https://evil.example') }, 'wrong_issuer'],
    ['an expired token', { tamper: (c) => ((c.iat -= 3600), (c.exp = c.iat + 300)) }, 'expired'],
    ['a deployment the organization did not allow', { tamper: (c) => (c[`${LTI}deployment_id`] = 'deployment-other') }, 'unknown_deployment'],
    ['a message type the tool does not accept', { tamper: (c) => (c[`${LTI}message_type`] = 'LtiSubmissionReviewRequest') }, 'wrong_message_type'],
    ['LTI 1.1-era version', { tamper: (c) => (c[`${LTI}version`] = '1.1.0') }, 'wrong_version'],
    ['another nonce than the login’s', { tamper: (c) => (c.nonce = 'not-the-login-nonce') }, 'nonce_mismatch'],
    ['another target_link_uri than the login’s', { tamper: (c) => (c[`${LTI}target_link_uri`] = 'https://netlab.test/elsewhere') }, 'wrong_target_link_uri'],
    ['a resource link request without resource_link', { resourceLink: undefined }, 'bad_claims'],
    // A `javascript:` URL parses as a URL; the tool posts to and calls these, so only http(s) passes.
    ['an AGS line items URL that is not http(s)', { tamper: (c) => (c[AGS].lineitems = 'javascript:alert(document.domain)') }, 'bad_claims'],
    ['a roster URL that is not http(s)', { tamper: (c) => (c[NRPS].context_memberships_url = 'data:text/html,x') }, 'bad_claims'],
    ['a deep linking return URL that is not http(s)', { messageType: 'LtiDeepLinkingRequest', tamper: (c) => (c[`${DL}deep_linking_settings`].deep_link_return_url = 'javascript://x/%0aalert(1)') }, 'bad_claims'],
  ];

  it.each(refusals)('refuses %s', async (_what, change, reason) => {
    const result = await launch({ ...student, ...change });
    expect(result).toMatchObject({ ok: false, reason });
    // Nothing is recorded for a refused launch: its nonce stays unspent.
    expect(lti.nonces.used.size).toBe(0);
  });

  it('refuses a replayed id_token: the nonce is single use', async () => {
    const { idToken, state } = await lti.login(student);
    expect((await validateLaunch(idToken, state, lti.launchDeps)).ok).toBe(true);
    expect(await validateLaunch(idToken, state, lti.launchDeps)).toMatchObject({ ok: false, reason: 'nonce_replayed' });
  });

  it('refuses a state that is not this tool’s, is tampered with, or has expired', async () => {
    const { idToken, state } = await lti.login(student);
    const [header, payload, signature] = state.split('.');
    const forged = [header, Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), reg: 'registration-2' })).toString('base64url'), signature].join('.');
    expect(await validateLaunch(idToken, forged, lti.launchDeps)).toMatchObject({ ok: false, reason: 'bad_state' });
    expect(await validateLaunch(idToken, '', lti.launchDeps)).toMatchObject({ ok: false, reason: 'bad_state' });
    lti.advance(11 * 60_000);
    expect(await validateLaunch(idToken, state, lti.launchDeps)).toMatchObject({ ok: false, reason: 'bad_state', message: expect.stringContaining('expired') });
  });

  it('refuses an unsigned (alg none) token', async () => {
    const { idToken, state } = await lti.login(student);
    const [, payload] = idToken.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    expect(await validateLaunch(unsigned, state, lti.launchDeps)).toMatchObject({ ok: false, reason: 'bad_token' });
  });

  it('refetches the platform key set once for an unknown kid, then accepts a rotated key', async () => {
    expect((await launch(student)).ok).toBe(true);
    await lti.platform.rotateKey();
    const jwksFetches = () => lti.platform.requests.filter((r) => r.path === '/.well-known/jwks.json').length;

    // Within the cooldown the cached set is trusted: the new kid is unknown.
    expect(await launch(student)).toMatchObject({ ok: false, reason: 'unknown_kid' });
    expect(jwksFetches()).toBe(1);

    lti.advance(31_000);
    expect((await launch(student)).ok).toBe(true);
    expect(jwksFetches()).toBe(2);
    expect(lti.platform.requests.find((r) => r.path === '/.well-known/jwks.json')?.userAgent).toBe('kube-netlab/0.1.0-test');
  });

  it('refuses with platform_unreachable when the key set cannot be fetched', async () => {
    const { idToken, state } = await lti.login(student);
    const failing = new PlatformKeySets({ fetch: async () => new Response('down', { status: 503 }), userAgent: 'x' }, lti.clock);
    const result = await validateLaunch(idToken, state, { ...lti.launchDeps, platformKeys: failing });
    expect(result).toMatchObject({ ok: false, reason: 'platform_unreachable', message: expect.stringContaining('503') });
  });
});
