import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { as, signUp } from '../support/auth';
import { bootStack, count, type Stack } from '../support/boot';
import { ROLE, TestPlatform, type TestLaunch } from '../support/lti-platform';

/**
 * LTI 1.3 end to end: the real API and worker against a test LMS (test/support/lti-platform.ts)
 * over HTTP. The LMS registers kube-netlab dynamically; an instructor adds a lab with deep
 * linking; a student launches it, hands in a partly right answer, and the LMS gradebook gets
 * the score once, and once more after a regrade; a platform that is down gets its score
 * late; the roster is synced; tampered launches are refused and create nothing.
 *
 * Expected scores are those of test/e2e/grading.e2e-spec.ts for the same answers (see
 * examples/labs/expose-web.lab.yaml): a targetPort nothing listens on loses the 2-point
 * connection check (8/10); after the endpoints check goes from 4 to 6 points, 10/12.
 */
const LAB = readFileSync(join(__dirname, '..', '..', 'examples', 'labs', 'expose-web.lab.yaml'), 'utf8');
const COURSE = { id: 'course-net101', title: 'Networking 101', label: 'NET101' };
const TEACHER = { id: 'lms-teacher-1', name: 'Grace Hopper', email: 'Grace@LMS.test', roles: [ROLE.instructor] };
const ADA = { id: 'lms-student-ada', email: 'ada@lms.test', roles: [ROLE.learner] };
const BOB = { id: 'lms-student-bob', roles: [ROLE.learner] };

function service(namespace: string, targetPort: number): string {
  return `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: ${targetPort}\n`;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A `<meta name="kube-netlab-NAME" content="...">` or hidden input value of an HTML page. */
const metaOf = (html: string, name: string) => new RegExp(`name="kube-netlab-${name}" content="([^"]*)"`).exec(html)?.[1];
const inputOf = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];

describe('LTI 1.3 with a test LMS', () => {
  let stack: Stack;
  let platform: TestPlatform;
  let owner: ReturnType<typeof as>;
  let publicUrl: string;
  let clientId: string;
  let labId: string;
  let classroomId: string;
  let resourceLink: { id: string; title: string; custom: Record<string, string> };

  beforeAll(async () => {
    platform = await TestPlatform.start();
    stack = await bootStack({ LTI_PASSBACK_BACKOFF_MS: '300', LTI_PASSBACK_ATTEMPTS: '30', GRADE_WAIT_MS: '30000' });
    publicUrl = `http://localhost:${new URL(stack.url).port}`;
    owner = as(stack, (await signUp(stack, 'LTI University')).token);
  });
  afterAll(async () => {
    await stack?.close();
    await platform?.close();
  });

  /** Login at the tool, the platform's authorization endpoint, then the launch POST (with the login's cookie unless told not to). */
  async function launch(who: TestLaunch, options: { cookie?: boolean; json?: boolean } = {}) {
    const login = await request(stack.url).get('/lti/login').query(platform.loginParams(clientId, who, `${publicUrl}/lti/launch`));
    expect(login.status).toBe(302);
    const form = await platform.authorize(login.headers.location);
    expect(form.action).toBe(`${publicUrl}/lti/launch`);
    const post = request(stack.url).post('/lti/launch').type('form');
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    if (options.cookie !== false) post.set('Cookie', cookie);
    if (options.json !== false) post.set('Accept', 'application/json');
    const response = await post.send({ id_token: form.idToken, state: form.state });
    return { response, form, cookie };
  }

  const passbacks = async () => (await owner.graphql(`query ($id: ID!) { ltiPassbacks(labId: $id) { student score scoreMaximum status attempts lastError lastResponseStatus sentAt } }`, { id: labId })).data!.ltiPassbacks;
  const scoresOf = (sub: string) => platform.scores.filter((s) => s.body.userId === sub);

  it('the LMS registers kube-netlab dynamically with the organization’s registration URL', async () => {
    const config = (await owner.graphql(`{ ltiToolConfiguration { loginUrl launchUrl jwksUrl deepLinkUrl registrationUrl } }`)).data!.ltiToolConfiguration;
    expect(config).toMatchObject({ loginUrl: `${publicUrl}/lti/login`, launchUrl: `${publicUrl}/lti/launch`, jwksUrl: `${publicUrl}/lti/jwks` });
    const url = new URL(config.registrationUrl);
    expect(url.pathname).toBe('/lti/register');
    const answer = await request(stack.url)
      .get(url.pathname)
      .query({ kn: url.searchParams.get('kn'), openid_configuration: platform.openIdConfigurationUrl, registration_token: platform.issueRegistrationToken() })
      .expect(200);
    expect(answer.text).toContain('org.imsglobal.lti.close');
    const sent = platform.registrationRequests[0];
    expect(sent).toMatchObject({ initiate_login_uri: config.loginUrl, redirect_uris: [config.launchUrl], jwks_uri: config.jwksUrl, token_endpoint_auth_method: 'private_key_jwt' });
    const registrations = (await owner.graphql(`{ ltiRegistrations { issuer clientId deploymentIds authorizationUrl } }`)).data!.ltiRegistrations;
    expect(registrations).toHaveLength(1);
    clientId = registrations[0].clientId;
    expect(registrations[0]).toEqual({ issuer: platform.issuer, clientId, deploymentIds: [platform.tools.get(clientId)!.deploymentId], authorizationUrl: platform.authorizationUrl });
    // Without the organization's ticket nothing is registered.
    await request(stack.url).get('/lti/register').query({ openid_configuration: platform.openIdConfigurationUrl }).set('Accept', 'application/json').expect(400);
  });

  it('the tool publishes its key at /lti/jwks', async () => {
    const jwks = (await request(stack.url).get('/lti/jwks').expect(200)).body;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it('an instructor’s deep linking launch makes the course’s classroom and offers the organization’s labs; picking one answers the LMS', async () => {
    const lab = await owner.graphql(`mutation ($input: CreateLabInput!) { createLab(input: $input) { id maxScore } }`, { input: { source: LAB } });
    labId = lab.data!.createLab.id;

    const { response } = await launch({ messageType: 'LtiDeepLinkingRequest', user: TEACHER, context: COURSE }, { json: false });
    expect(response.status).toBe(200);
    const picker = response.text;
    expect(picker).toContain('Expose the web Deployment (10 points)');
    const teacher = as(stack, metaOf(picker, 'token'));
    const classrooms = (await teacher.graphql(`{ viewer { user { email role } } classrooms { id name course access } }`)).data!;
    expect(classrooms.viewer.user).toEqual({ email: 'grace@lms.test', role: 'instructor' });
    expect(classrooms.classrooms).toEqual([{ id: expect.any(String), name: 'Networking 101', course: 'NET101', access: 'manage' }]);
    classroomId = classrooms.classrooms[0].id;

    const chosen = await request(stack.url).post('/lti/deep-link').type('form').send({ request: inputOf(picker, 'request'), lab_id: labId }).expect(200);
    expect(/action="([^"]*)"/.exec(chosen.text)![1]).toBe(platform.deepLinkReturnUrl);
    await request(platform.issuer).post('/deep-link-return').type('form').send({ JWT: inputOf(chosen.text, 'JWT') }).expect(200);
    const [item] = platform.deepLinkResponses[0].claims['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'];
    expect(item).toEqual({
      type: 'ltiResourceLink',
      title: 'Expose the web Deployment',
      url: `${publicUrl}/lti/launch`,
      custom: { lab_id: labId },
      lineItem: { scoreMaximum: 10, label: 'Expose the web Deployment', resourceId: labId },
    });
    resourceLink = { id: 'placement-1', title: item.title, custom: item.custom };
  });

  it('launching the placement lands the instructor on the lab, assigned to the classroom', async () => {
    const { response } = await launch({ user: TEACHER, context: COURSE, resourceLink, custom: resourceLink.custom }, { json: false });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('<h1>Expose the web Deployment</h1>');
    expect(metaOf(response.text, 'role')).toBe('instructor');
    expect(metaOf(response.text, 'lab-id')).toBe(labId);
    const classroom = (await owner.graphql(`query ($id: ID!) { classroom(id: $id) { labIds } }`, { id: classroomId })).data!.classroom;
    expect(classroom.labIds).toEqual([labId]);
  });

  let ada: ReturnType<typeof as>;

  it('a student’s launch provisions them as a student of the classroom, with their own variant of the lab', async () => {
    const users = await count(stack, 'users');
    const { response, cookie } = await launch({ user: ADA, context: COURSE, resourceLink, custom: resourceLink.custom });
    expect(response.status).toBe(200);
    // The login's binding cookie is spent: the launch deletes it (one more per launch would fill the Cookie header).
    expect(response.headers['set-cookie']).toEqual([`${cookie.split('=')[0]}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=None`]);
    expect(response.body).toMatchObject({ role: 'student', classroomId, lab: { id: labId, title: 'Expose the web Deployment', maxScore: 10 } });
    expect(response.body.lab.instructions).toMatch(/namespace `(shop|store|market|depot)`/);
    expect(await count(stack, 'users')).toBe(users + 1);
    ada = as(stack, response.body.token);
    expect((await ada.graphql(`{ viewer { user { email role } } }`)).data!.viewer.user).toEqual({ email: 'ada@lms.test', role: 'student' });
    const members = (await owner.get(`/api/classrooms/${classroomId}/members`).expect(200)).body;
    expect(members.map((m: any) => [m.email, m.role])).toEqual([
      ['grace@lms.test', 'instructor'],
      ['ada@lms.test', 'student'],
    ]);
  });

  it('without cookies (blocked in the LMS frame), the launch continues once the platform’s storage holds the login’s binding', async () => {
    const who = { user: ADA, context: COURSE, resourceLink, custom: resourceLink.custom };
    const login = await request(stack.url).post('/lti/login').type('form').send(platform.loginParams(clientId, who, `${publicUrl}/lti/launch`, { lti_storage_target: '_parent' })).expect(200);
    expect(login.text).toContain("subject: 'lti.put_data'");
    const next = (html: string) => JSON.parse(/window\.location\.replace\(("[^"]*")\)/.exec(html)![1]) as string;
    const form = await platform.authorize(next(login.text));
    const check = await request(stack.url).post('/lti/launch').type('form').send({ id_token: form.idToken, state: form.state }).expect(200);
    expect(check.text).toContain("subject: 'lti.get_data'");
    const resume = new URL(next(check.text));
    expect(resume.pathname).toBe('/lti/launch/continue');
    const landed = await request(stack.url).get(resume.pathname + resume.search).set('Accept', 'application/json').expect(200);
    expect(landed.body).toMatchObject({ role: 'student', classroomId, lab: { id: labId } });
    const again = await request(stack.url).get(resume.pathname + resume.search).set('Accept', 'application/json').expect(401);
    expect(again.body.error.reason).toBe('nonce_replayed');
  });

  it('a partly right submission reaches the LMS gradebook as a partial score, exactly once, in a column made once', async () => {
    const lab = (await ada.graphql(`query ($id: ID!) { lab(id: $id) { starter parameters { value } } }`, { id: labId })).data!.lab;
    const submitted = await ada.graphql(`mutation ($lab: ID!, $m: String!) { submitLab(labId: $lab, manifests: $m) { status score maxScore } }`, { lab: labId, m: lab.starter + service(lab.parameters[0].value, 8080) });
    expect(submitted.data!.submitLab).toEqual({ status: 'graded', score: 8, maxScore: 10 });

    const rows = await until(passbacks, (r) => r.length === 1 && r[0].status === 'sent');
    expect(rows[0]).toMatchObject({ student: 'ada@lms.test', score: 8, scoreMaximum: 10, attempts: 1, lastError: null });
    await new Promise((r) => setTimeout(r, 1000)); // a duplicate would arrive within this
    const scores = scoresOf(ADA.id);
    expect(scores).toHaveLength(1);
    expect(scores[0].contentType).toBe('application/vnd.ims.lis.v1.score+json');
    expect(scores[0].body).toMatchObject({ scoreGiven: 8, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
    expect(scores[0].body.comment).toMatch(/^8\/10 \(best of 1 attempt\)\./);
    expect(Date.parse(scores[0].body.timestamp)).not.toBeNaN();
    const columns = platform.lineItems.get(COURSE.id)!;
    expect(columns).toEqual([expect.objectContaining({ label: 'Expose the web Deployment', scoreMaximum: 10, resourceId: labId, resourceLinkId: 'placement-1' })]);
    expect(scores[0].lineItemId).toBe(columns[0].id);
  });

  it('a regrade sends the new score exactly once more', async () => {
    const updated = await owner.graphql(`mutation ($id: ID!, $s: String!) { updateLab(id: $id, input: { source: $s }) { maxScore } }`, { id: labId, s: LAB.replace('points: 4', 'points: 6') });
    expect(updated.data!.updateLab.maxScore).toBe(12);
    await owner.graphql(`mutation ($id: ID!) { regradeLab(labId: $id) { id } }`, { id: labId });
    const rows = await until(passbacks, (r) => r.length === 2 && r.every((p: any) => p.status === 'sent'));
    expect(rows[1]).toMatchObject({ student: 'ada@lms.test', score: 10, scoreMaximum: 12 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(scoresOf(ADA.id).map((s) => [s.body.scoreGiven, s.body.scoreMaximum])).toEqual([
      [8, 10],
      [10, 12],
    ]);
    expect(platform.lineItems.get(COURSE.id)).toHaveLength(1);
  });

  it('a platform that is down delays the score; it is retried with the error on record and arrives once the platform is back', async () => {
    const { response } = await launch({ user: BOB, context: COURSE, resourceLink, custom: resourceLink.custom });
    expect(response.status).toBe(200);
    const bob = as(stack, response.body.token);
    expect((await bob.graphql(`{ viewer { user { email } } }`)).data!.viewer.user.email).toBe(`${BOB.id}@127.0.0.1`);
    const lab = (await bob.graphql(`query ($id: ID!) { lab(id: $id) { starter parameters { value } } }`, { id: labId })).data!.lab;

    platform.down = true;
    try {
      const submitted = await bob.graphql(`mutation ($lab: ID!, $m: String!) { submitLab(labId: $lab, manifests: $m) { score } }`, { lab: labId, m: lab.starter + service(lab.parameters[0].value, 80) });
      expect(submitted.data!.submitLab.score).toBe(12);
      const failing = await until(passbacks, (r) => r.some((p: any) => p.student.startsWith(BOB.id) && p.attempts >= 2));
      expect(failing.find((p: any) => p.student.startsWith(BOB.id))).toMatchObject({ status: 'pending', lastResponseStatus: 503, lastError: expect.stringContaining('503'), sentAt: null });
      expect(scoresOf(BOB.id)).toHaveLength(0);
    } finally {
      platform.down = false;
    }
    const rows = await until(passbacks, (r) => r.some((p: any) => p.student.startsWith(BOB.id) && p.status === 'sent'));
    expect(rows.find((p: any) => p.student.startsWith(BOB.id))).toMatchObject({ score: 12, scoreMaximum: 12, lastError: null });
    await new Promise((r) => setTimeout(r, 1000));
    expect(scoresOf(BOB.id).map((s) => s.body.scoreGiven)).toEqual([12]);
  });

  it('a placement whose launches name its line item (AGS lineitem, no container) gets its scores there, and no column is made', async () => {
    const course = { id: 'course-net102', title: 'Networking 102' };
    const column = { id: `${platform.lineItemsUrl(course.id)}/900`, label: 'Lab column made by the LMS', scoreMaximum: 10, resourceId: labId, resourceLinkId: 'placement-2' };
    platform.lineItems.set(course.id, [column]);
    const EVE = { id: 'lms-student-eve', email: 'eve@lms.test', roles: [ROLE.learner] };
    const { response } = await launch({
      user: EVE,
      context: course,
      resourceLink: { id: 'placement-2', title: 'Lab' },
      custom: { lab_id: labId },
      // AGS 2.0: a platform may give a link its single line item and only the score scope.
      tamper: (c) => (c['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] = { scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'], lineitem: column.id }),
    });
    expect(response.status).toBe(200);
    const eve = as(stack, response.body.token);
    const lab = (await eve.graphql(`query ($id: ID!) { lab(id: $id) { starter parameters { value } } }`, { id: labId })).data!.lab;
    await eve.graphql(`mutation ($lab: ID!, $m: String!) { submitLab(labId: $lab, manifests: $m) { score } }`, { lab: labId, m: lab.starter + service(lab.parameters[0].value, 80) });
    const rows = await until(passbacks, (r) => r.some((p: any) => p.student === EVE.email && p.status !== 'pending'));
    expect(rows.find((p: any) => p.student === EVE.email)).toMatchObject({ status: 'sent', score: 12, scoreMaximum: 12 });
    expect(scoresOf(EVE.id).map((s) => [s.lineItemId, s.body.scoreGiven])).toEqual([[column.id, 12]]);
    expect(platform.lineItems.get(course.id)).toEqual([column]);
  });

  it('a roster sync provisions and enrols the course’s active members with their mapped roles', async () => {
    platform.rosters.set(COURSE.id, [
      { user_id: TEACHER.id, roles: [ROLE.instructor], email: TEACHER.email },
      { user_id: ADA.id, roles: [ROLE.learner], email: ADA.email },
      { user_id: 'lms-student-cy', roles: [ROLE.learner], email: 'cy@lms.test' },
      { user_id: 'lms-ta-dee', roles: [ROLE.teachingAssistant, ROLE.instructor], email: 'dee@lms.test' },
      { user_id: 'lms-student-gone', roles: [ROLE.learner], email: 'gone@lms.test', status: 'Inactive' },
    ]);
    const synced = await owner.graphql(`mutation ($id: ID!) { syncLtiRoster(classroomId: $id) { members created enrolled skipped } }`, { id: classroomId });
    expect(synced.errors).toBeUndefined();
    expect(synced.data!.syncLtiRoster).toEqual({ members: 5, created: 2, enrolled: 4, skipped: 1 });
    const members = (await owner.get(`/api/classrooms/${classroomId}/members`).expect(200)).body.map((m: any) => [m.email, m.role]);
    expect(members).toEqual(expect.arrayContaining([['cy@lms.test', 'student'], ['dee@lms.test', 'assistant'], ['grace@lms.test', 'instructor']]));
    expect(members.map((m: string[]) => m[0])).not.toContain('gone@lms.test');
    const ta = await until(
      async () => (await stack.db.query(`SELECT role FROM users WHERE email = 'dee@lms.test'`)).rows,
      (r) => r.length === 1,
    );
    expect(ta[0].role).toBe('student');
  });

  describe('refused launches create nothing', () => {
    const MALLORY = { id: 'lms-mallory', email: 'mallory@lms.test', roles: [ROLE.instructor] };
    const now = () => Math.floor(Date.now() / 1000);
    const cases: Array<[string, Partial<TestLaunch>, number, string]> = [
      ['a bad signature', { signing: 'bad_signature' }, 401, 'bad_signature'],
      ['an unknown kid', { signing: 'unknown_kid' }, 401, 'unknown_kid'],
      ['another audience', { tamper: (c) => (c.aud = 'someone-else') }, 401, 'wrong_audience'],
      ['an expired id_token', { tamper: (c) => ((c.iat = now() - 4000), (c.exp = now() - 3600)) }, 401, 'expired'],
      ['an unknown deployment', { tamper: (c) => (c['https://purl.imsglobal.org/spec/lti/claim/deployment_id'] = 'deployment-elsewhere') }, 400, 'unknown_deployment'],
      ['a message type it does not take', { tamper: (c) => (c['https://purl.imsglobal.org/spec/lti/claim/message_type'] = 'LtiSubmissionReviewRequest') }, 400, 'wrong_message_type'],
    ];
    const tables = ['users', 'classrooms', 'classroom_members', 'classroom_labs', 'lti_user_links', 'lti_contexts', 'lti_resource_links'];
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(stack, t)])));

    it.each(cases)('%s', async (_name, change, status, reason) => {
      const before = await counts();
      const { response } = await launch({ user: MALLORY, context: { id: 'course-evil', title: 'Evil' }, resourceLink: { id: 'evil-link' }, custom: { lab_id: labId }, ...change });
      expect(response.status).toBe(status);
      expect(response.body.error.reason).toBe(reason);
      expect(await counts()).toEqual(before);
    });

    it('a replayed id_token (its nonce spent), and a launch from a browser that did not log in', async () => {
      const first = await launch({ user: { ...MALLORY, roles: [ROLE.learner] }, context: COURSE, resourceLink, custom: resourceLink.custom });
      expect(first.response.status).toBe(200);
      const before = await counts();
      const cookie = `lti_state_x=y`;
      const replay = await request(stack.url).post('/lti/launch').type('form').set('Accept', 'application/json').set('Cookie', cookie).send({ id_token: first.form.idToken, state: first.form.state });
      expect(replay.status).toBe(401);
      expect(replay.body.error.reason).toBe('nonce_replayed');
      const cookieless = await launch({ user: { ...MALLORY, id: 'lms-mallory-2' }, context: { id: 'course-evil' }, resourceLink: { id: 'evil-link' } }, { cookie: false });
      expect(cookieless.response.status).toBe(401);
      expect(cookieless.response.body.error.reason).toBe('no_browser_binding');
      expect(await counts()).toEqual(before);
    });

    it('the administrator sees each refusal with its reason; an HTML client gets a page saying why', async () => {
      const refused = (await owner.graphql(`{ ltiRefusedLaunches { reason message } }`)).data!.ltiRefusedLaunches.map((r: any) => r.reason);
      expect(refused).toEqual(expect.arrayContaining(['bad_signature', 'unknown_kid', 'wrong_audience', 'expired', 'unknown_deployment', 'wrong_message_type', 'nonce_replayed', 'no_browser_binding']));
      const page = await launch({ user: MALLORY, signing: 'bad_signature' }, { json: false });
      expect(page.response.status).toBe(401);
      expect(page.response.text).toContain('<code class="reason">bad_signature</code>');
    });
  });

  it('rotating the tool key publishes both keys; the new one signs and passback keeps working', async () => {
    const keys = (await owner.graphql(`mutation { rotateLtiToolKey { kid signing } }`)).data!.rotateLtiToolKey;
    expect(keys).toHaveLength(2);
    expect(keys.map((k: any) => k.signing)).toEqual([true, false]);
    const jwks = (await request(stack.url).get('/lti/jwks').expect(200)).body;
    expect(jwks.keys.map((k: any) => k.kid).sort()).toEqual(keys.map((k: any) => k.kid).sort());
    // The LMS forgets its access tokens: the worker asks for a new one, signed with a published key.
    platform.revokeAccessTokens();
    const lab = (await ada.graphql(`query ($id: ID!) { lab(id: $id) { starter parameters { value } } }`, { id: labId })).data!.lab;
    await ada.graphql(`mutation ($lab: ID!, $m: String!) { submitLab(labId: $lab, manifests: $m) { score } }`, { lab: labId, m: lab.starter + service(lab.parameters[0].value, 80) });
    await until(async () => scoresOf(ADA.id), (s) => s.length === 3);
    expect(scoresOf(ADA.id)[2].body).toMatchObject({ scoreGiven: 12, scoreMaximum: 12 });
    expect(platform.tokenRequests.at(-1)).toMatchObject({ clientId, granted: true });
    const anonymous = await as(stack, undefined).graphql(`{ ltiRegistrations { id } }`);
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});
