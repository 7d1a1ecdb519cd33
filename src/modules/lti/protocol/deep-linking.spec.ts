import { ROLE } from '../../../../test/support/lti-platform';
import { startToolFixture, type ToolFixture } from '../../../../test/support/lti/tool-fixture';
import { buildDeepLinkingResponse } from './deep-linking';
import { validateLaunch } from './launch';

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

describe('deep linking against the test LMS', () => {
  let lti: ToolFixture;
  beforeEach(async () => {
    lti = await startToolFixture();
  });
  afterEach(() => lti.close());

  async function deepLinkingLaunch() {
    const { idToken, state } = await lti.login({
      messageType: 'LtiDeepLinkingRequest',
      user: { id: 'teacher-1', roles: [ROLE.instructor] },
      context: { id: 'course-42' },
    });
    const result = await validateLaunch(idToken, state, lti.launchDeps);
    if (!result.ok) throw new Error(`${result.reason}: ${result.message}`);
    return result.launch;
  }

  it('returns the picked lab as an ltiResourceLink with a line item, echoing data, and the platform accepts it', async () => {
    const launch = await deepLinkingLaunch();
    expect(launch.deepLinking).toMatchObject({ returnUrl: lti.platform.deepLinkReturnUrl, acceptLineItem: true, acceptMultiple: true });

    const response = await buildDeepLinkingResponse(
      launch,
      [{ title: 'Lab: Services', url: 'https://netlab.test/lti/launch', custom: { lab_id: 'lab-services' }, lineItem: { scoreMaximum: 100, resourceId: 'lab-services', tag: 'kube-netlab' } }],
      { keys: lti.keys, clock: lti.clock },
      { msg: 'Added Lab: Services' },
    );
    if (!response.ok) throw new Error(response.message);
    expect(response.html).toContain(`action="${lti.platform.deepLinkReturnUrl}"`);

    // The browser submits the auto-post form: the platform verifies the JWT with the tool's key set.
    const jwt = /name="JWT" value="([^"]+)"/.exec(response.html)?.[1];
    const answer = await fetch(response.returnUrl, { method: 'POST', body: new URLSearchParams({ JWT: jwt ?? '' }) });
    expect(answer.status).toBe(200);

    const [accepted] = lti.platform.deepLinkResponses;
    expect(accepted.claims[`${DL}content_items`]).toEqual([
      {
        type: 'ltiResourceLink',
        title: 'Lab: Services',
        url: 'https://netlab.test/lti/launch',
        custom: { lab_id: 'lab-services' },
        lineItem: { scoreMaximum: 100, label: 'Lab: Services', resourceId: 'lab-services', tag: 'kube-netlab' },
      },
    ]);
    expect(accepted.claims[`${DL}data`]).toBe(launch.deepLinking?.data);
    expect(accepted.claims[`${DL}msg`]).toBe('Added Lab: Services');
    expect(accepted.claims).toMatchObject({ iss: 'kube-netlab-client', aud: lti.platform.issuer });
  });

  it('refuses what the platform said it does not accept, and a resource link launch', async () => {
    const launch = await deepLinkingLaunch();
    const deps = { keys: lti.keys, clock: lti.clock };
    const single = { ...launch, deepLinking: { ...launch.deepLinking!, acceptMultiple: false, acceptLineItem: false } };
    expect(await buildDeepLinkingResponse(single, [{ title: 'a' }, { title: 'b' }], deps)).toMatchObject({ ok: false, reason: 'multiple_not_accepted' });
    expect(await buildDeepLinkingResponse(single, [{ title: 'a', lineItem: { scoreMaximum: 1 } }], deps)).toMatchObject({ ok: false, reason: 'line_item_not_accepted' });
    const filesOnly = { ...launch, deepLinking: { ...launch.deepLinking!, acceptTypes: ['file'] } };
    expect(await buildDeepLinkingResponse(filesOnly, [{ title: 'a' }], deps)).toMatchObject({ ok: false, reason: 'type_not_accepted' });
    expect(await buildDeepLinkingResponse({ ...launch, deepLinking: undefined }, [], deps)).toMatchObject({ ok: false, reason: 'not_deep_linking' });
  });
});
