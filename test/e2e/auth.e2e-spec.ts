import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Account, as, signUp } from '../support/auth';
import { bootStack, graphql, Stack, waitFor } from '../support/boot';

const manifests = readFileSync(join(__dirname, '..', 'fixtures', 'web-deployment.yaml'), 'utf8');
const MISSING = '00000000-0000-4000-8000-000000000000';
// The secret the service signs with outside production (src/platform/config/app-config.ts).
const DEV_SECRET = 'kube-netlab-development-secret-not-for-production';

/** An HS256 JWT (RFC 7519 / RFC 7515) built by hand, to try forged and expired tokens. */
function jwt(payload: Record<string, unknown>, secret = DEV_SECRET, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part(header)}.${part(payload)}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

/** Every GraphQL operation but signUp and signIn, with arguments that would otherwise be valid. */
const PROTECTED_OPERATIONS: Record<string, string> = {
  viewer: `{ viewer { organization { id } } }`,
  members: `{ members { id } }`,
  apiKeys: `{ apiKeys { id } }`,
  scenario: `{ scenario(id: "${MISSING}") { id } }`,
  scenarioVersions: `{ scenarioVersions(scenarioId: "${MISSING}") { id } }`,
  simulationRun: `{ simulationRun(id: "${MISSING}") { id } }`,
  createScenario: `mutation { createScenario(input: { name: "x", manifests: "kind: Namespace" }) { id } }`,
  editScenario: `mutation { editScenario(id: "${MISSING}", input: { manifests: "kind: Namespace" }) { id } }`,
  runSimulation: `mutation { runSimulation(scenarioId: "${MISSING}") { id } }`,
  addMember: `mutation { addMember(input: { email: "a@example.test", password: "12345678", role: student }) { id } }`,
  createApiKey: `mutation { createApiKey(input: { name: "k", scopes: [read] }) { secret } }`,
  revokeApiKey: `mutation { revokeApiKey(id: "${MISSING}") { id } }`,
  scenarios: `{ scenarios { totalCount } }`,
  scenarioDiff: `{ scenarioDiff(id: "${MISSING}", from: 1, to: 2) { unified } }`,
  archiveScenario: `mutation { archiveScenario(id: "${MISSING}") { id } }`,
  unarchiveScenario: `mutation { unarchiveScenario(id: "${MISSING}") { id } }`,
  importScenario: `mutation { importScenario(input: { name: "x", kubectlOutput: "kind: Namespace" }) { objects } }`,
  webhooks: `{ webhooks { id } }`,
  createWebhook: `mutation { createWebhook(input: { url: "https://example.test/hook", events: ["run.finished"] }) { secret } }`,
  deleteWebhook: `mutation { deleteWebhook(id: "${MISSING}") { id } }`,
  webhookDeliveries: `{ webhookDeliveries(webhookId: "${MISSING}") { id } }`,
  redeliverWebhook: `mutation { redeliverWebhook(deliveryId: "${MISSING}") { id } }`,
  createClassroom: `mutation { createClassroom(input: { name: "x" }) { id } }`,
  classroom: `{ classroom(id: "${MISSING}") { id } }`,
  classrooms: `{ classrooms { id } }`,
  joinClassroom: `mutation { joinClassroom(code: "ABCDEFGH") { id } }`,
  rotateJoinCode: `mutation { rotateJoinCode(classroomId: "${MISSING}") { id } }`,
  disableJoinCode: `mutation { disableJoinCode(classroomId: "${MISSING}") { id } }`,
  addClassroomMember: `mutation { addClassroomMember(classroomId: "${MISSING}", input: { email: "a@example.test", role: student }) { userId } }`,
  removeClassroomMember: `mutation { removeClassroomMember(classroomId: "${MISSING}", userId: "${MISSING}") }`,
  classroomMembers: `{ classroomMembers(classroomId: "${MISSING}") { userId } }`,
  assignLab: `mutation { assignLab(classroomId: "${MISSING}", labId: "${MISSING}") { id } }`,
  createLab: `mutation { createLab(input: { source: "kind: Lab" }) { id } }`,
  updateLab: `mutation { updateLab(id: "${MISSING}", input: { source: "kind: Lab" }) { id } }`,
  lab: `{ lab(id: "${MISSING}") { id } }`,
  labs: `{ labs { id } }`,
  exportLab: `{ exportLab(id: "${MISSING}") }`,
  startLab: `mutation { startLab(labId: "${MISSING}") { scenario { id } } }`,
  submitLab: `mutation { submitLab(labId: "${MISSING}", manifests: "kind: Namespace") { id } }`,
  submission: `{ submission(id: "${MISSING}") { id } }`,
  submissions: `{ submissions(labId: "${MISSING}") { id } }`,
  gradebook: `{ gradebook(labId: "${MISSING}") { rows { student score } } }`,
  regradeLab: `mutation { regradeLab(labId: "${MISSING}") { id } }`,
  regrade: `{ regrade(id: "${MISSING}") { id } }`,
  liveSession: `{ liveSession(classroomId: "${MISSING}") { labId } }`,
  ltiToolConfiguration: `{ ltiToolConfiguration { loginUrl } }`,
  ltiRegistrations: `{ ltiRegistrations { id } }`,
  createLtiRegistration: `mutation { createLtiRegistration(input: { name: "x", issuer: "https://lms.test", clientId: "c", authorizationUrl: "https://lms.test/a", tokenUrl: "https://lms.test/t", jwksUrl: "https://lms.test/k", deploymentIds: [] }) { id } }`,
  deleteLtiRegistration: `mutation { deleteLtiRegistration(id: "${MISSING}") }`,
  ltiRefusedLaunches: `{ ltiRefusedLaunches { id } }`,
  ltiToolKeys: `{ ltiToolKeys { kid } }`,
  rotateLtiToolKey: `mutation { rotateLtiToolKey { kid } }`,
  retireLtiToolKey: `mutation { retireLtiToolKey(kid: "x") { kid } }`,
  ltiPassbacks: `{ ltiPassbacks(labId: "${MISSING}") { id } }`,
  retryLtiPassback: `mutation { retryLtiPassback(id: "${MISSING}") }`,
  syncLtiRoster: `mutation { syncLtiRoster(classroomId: "${MISSING}") { members } }`,
};
const PUBLIC_OPERATIONS = ['signIn', 'signUp'];

/** Every REST route but health, sign-up and sign-in. */
const PROTECTED_ROUTES: [method: 'get' | 'post' | 'put' | 'delete', path: string][] = [
  ['get', '/api/auth/me'],
  ['get', '/api/auth/members'],
  ['post', '/api/auth/members'],
  ['get', '/api/auth/api-keys'],
  ['post', '/api/auth/api-keys'],
  ['delete', `/api/auth/api-keys/${MISSING}`],
  ['post', '/api/scenarios'],
  ['get', `/api/scenarios/${MISSING}`],
  ['post', `/api/scenarios/${MISSING}/versions`],
  ['get', `/api/scenarios/${MISSING}/versions`],
  ['post', `/api/scenarios/${MISSING}/simulations`],
  ['get', `/api/simulations/${MISSING}`],
  ['get', '/api/scenarios'],
  ['post', `/api/scenarios/${MISSING}/archive`],
  ['post', `/api/scenarios/${MISSING}/unarchive`],
  ['get', `/api/scenarios/${MISSING}/diff?from=1&to=2`],
  ['post', '/api/scenarios/import'],
  ['get', '/api/webhooks'],
  ['post', '/api/webhooks'],
  ['delete', `/api/webhooks/${MISSING}`],
  ['get', `/api/webhooks/${MISSING}/deliveries`],
  ['post', `/api/webhooks/deliveries/${MISSING}/redeliver`],
  ['get', '/api/lti/configuration'],
  ['get', '/api/lti/registrations'],
  ['post', '/api/lti/registrations'],
  ['delete', `/api/lti/registrations/${MISSING}`],
  ['get', '/api/lti/refused-launches'],
  ['get', '/api/lti/tool-keys'],
  ['post', '/api/lti/tool-keys'],
  ['get', `/api/lti/labs/${MISSING}/passbacks`],
  ['post', `/api/lti/passbacks/${MISSING}/retry`],
  ['post', `/api/lti/classrooms/${MISSING}/roster-sync`],
  ['post', '/api/classrooms'],
  ['get', '/api/classrooms'],
  ['post', '/api/classrooms/join'],
  ['get', `/api/classrooms/${MISSING}`],
  ['post', `/api/classrooms/${MISSING}/join-code`],
  ['delete', `/api/classrooms/${MISSING}/join-code`],
  ['get', `/api/classrooms/${MISSING}/members`],
  ['post', `/api/classrooms/${MISSING}/members`],
  ['delete', `/api/classrooms/${MISSING}/members/${MISSING}`],
  ['post', `/api/classrooms/${MISSING}/labs`],
  ['get', `/api/classrooms/${MISSING}/live`],
  ['post', '/api/labs'],
  ['get', '/api/labs'],
  ['get', `/api/labs/${MISSING}`],
  ['put', `/api/labs/${MISSING}`],
  ['get', `/api/labs/${MISSING}/export`],
  ['post', `/api/labs/${MISSING}/workspace`],
  ['post', `/api/labs/${MISSING}/submissions`],
  ['get', `/api/labs/${MISSING}/submissions`],
  ['get', `/api/submissions/${MISSING}`],
  ['get', `/api/labs/${MISSING}/gradebook`],
  ['get', `/api/labs/${MISSING}/gradebook.csv`],
  ['post', `/api/labs/${MISSING}/regrades`],
  ['get', `/api/regrades/${MISSING}`],
];

// Each sign-up and sign-in runs scrypt at full cost; jest applied its 5 s default to hooks
// despite the e2e project's testTimeout, so set it here.
jest.setTimeout(60_000);

let stack: Stack;
beforeAll(async () => {
  stack = await bootStack();
});
afterAll(() => stack.close());

describe('authentication on every entry point', () => {
  let owner: Account;
  beforeAll(async () => {
    owner = await signUp(stack, 'gate');
  });

  it('the list of protected GraphQL operations is the whole schema but signUp and signIn', async () => {
    const { data } = await graphql<any>(stack, `{ __schema { queryType { fields { name } } mutationType { fields { name } } } }`);
    const names = [...data.__schema.queryType.fields, ...data.__schema.mutationType.fields].map((f: any) => f.name).sort();
    expect(names).toEqual([...Object.keys(PROTECTED_OPERATIONS), ...PUBLIC_OPERATIONS].sort());
  });

  const badCredentials: [string, () => string | undefined][] = [
    ['no Authorization header', () => undefined],
    ['a garbage token', () => 'not-a-token'],
    ['a token signed with another secret', () => jwt({ sub: MISSING, iss: 'kube-netlab', exp: 4102444800 }, 'y'.repeat(40))],
    ['an expired token', () => jwt({ sub: MISSING, iss: 'kube-netlab', iat: 1000, exp: 2000 })],
    ['an unsigned token (alg none)', () => `${jwt({ sub: MISSING, iss: 'kube-netlab' }, DEV_SECRET, { alg: 'none' }).split('.').slice(0, 2).join('.')}.`],
    ['an unknown API key', () => `knl_${'A'.repeat(43)}`],
  ];

  it.each(badCredentials)('GraphQL: every operation is UNAUTHENTICATED with %s', async (_label, credential) => {
    for (const [name, document] of Object.entries(PROTECTED_OPERATIONS)) {
      const response = await as(stack, credential()).graphql(document);
      expect({ name, code: response.errors?.[0]?.extensions?.code, data: response.data?.[name] ?? null }).toEqual({
        name,
        code: 'UNAUTHENTICATED',
        data: null,
      });
    }
  });

  it.each(badCredentials)('REST: every route is 401 UNAUTHENTICATED with %s', async (_label, credential) => {
    for (const [method, path] of PROTECTED_ROUTES) {
      const response = await as(stack, credential())[method](path).send({});
      expect({ route: `${method} ${path}`, status: response.status, code: response.body.error?.code }).toEqual({
        route: `${method} ${path}`,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
      // RFC 6750 §3: a 401 tells the client which scheme to use.
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    }
  });

  it('a valid token from another scheme prefix (Basic) is refused', async () => {
    const response = await request(stack.url).get('/api/auth/me').set('Authorization', `Basic ${owner.token}`).expect(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('health, sign-up and sign-in need no credentials', async () => {
    await request(stack.url).get('/health').expect(200);
    await request(stack.url).post('/api/auth/sign-in').send({ email: owner.email, password: owner.password }).expect(200);
    const signedIn = await graphql(stack, `mutation ($input: SignInInput!) { signIn(input: $input) { token expiresIn } }`, {
      input: { email: owner.email, password: owner.password },
    });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.signIn.expiresIn).toBe(3600);
  });
});

describe('sign-up and sign-in', () => {
  it('GraphQL signUp creates an organization with its first owner and returns a working token', async () => {
    const email = `Founder-${Date.now()}@Example.test`;
    const response = await graphql(stack, `mutation ($input: SignUpInput!) { signUp(input: $input) { token } }`, {
      input: { email, password: 'a long enough password', organizationName: 'Example University' },
    });
    expect(response.errors).toBeUndefined();
    const token = response.data!.signUp.token;
    // A JWT: three base64url parts, HS256, with an expiry one hour after issue.
    const [header, payload] = token.split('.').slice(0, 2).map((p: string) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header.alg).toBe('HS256');
    expect(payload.exp - payload.iat).toBe(3600);

    const viewer = await as(stack, token).graphql(`{ viewer { organization { name } user { email role } apiKey { id } permissions } }`);
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data!.viewer).toEqual({
      organization: { name: 'Example University' },
      user: { email: email.toLowerCase(), role: 'owner' },
      apiKey: null,
      permissions: ['read', 'simulate', 'write', 'teach', 'admin'],
    });
  });

  it('the password is stored as a salted scrypt hash, never in clear', async () => {
    const owner = await signUp(stack);
    const { rows } = await stack.db.query('SELECT password_hash FROM users WHERE email = $1', [owner.email]);
    expect(rows[0].password_hash).toMatch(/^scrypt\$17\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(rows[0].password_hash).not.toContain(owner.password);
  });

  it('sign-in: a wrong password and an unknown email are the same UNAUTHENTICATED answer', async () => {
    const owner = await signUp(stack);
    const wrong = await request(stack.url).post('/api/auth/sign-in').send({ email: owner.email, password: 'not the password' }).expect(401);
    const unknown = await request(stack.url).post('/api/auth/sign-in').send({ email: `nobody-${Date.now()}@example.test`, password: 'whatever1' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
    const gql = await graphql(stack, `mutation { signIn(input: { email: "${owner.email}", password: "nope nope" }) { token } }`);
    expect(gql.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    // The right password, any letter case in the email.
    const ok = await request(stack.url).post('/api/auth/sign-in').send({ email: owner.email.toUpperCase(), password: owner.password }).expect(200);
    await as(stack, ok.body.token).get('/api/auth/me').expect(200);
  });

  it('refuses a taken email, a short password and a malformed email as BAD_USER_INPUT', async () => {
    const owner = await signUp(stack);
    const taken = await request(stack.url).post('/api/auth/sign-up').send({ email: owner.email, password: 'another password', organizationName: 'x' }).expect(400);
    expect(taken.body.error.code).toBe('BAD_USER_INPUT');
    const short = await request(stack.url).post('/api/auth/sign-up').send({ email: `s-${Date.now()}@example.test`, password: 'short', organizationName: 'x' }).expect(400);
    expect(short.body.error.message).toMatch(/password/);
    const gql = await graphql(stack, `mutation { signUp(input: { email: "not-an-email", password: "long enough pass", organizationName: "x" }) { token } }`);
    expect(gql.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('a token whose user no longer exists is refused', async () => {
    const owner = await signUp(stack);
    const { rows } = await stack.db.query('SELECT id FROM users WHERE email = $1', [owner.email]);
    await as(stack, owner.token).get('/api/auth/me').expect(200);
    await stack.db.query('DELETE FROM users WHERE id = $1', [rows[0].id]);
    await as(stack, owner.token).get('/api/auth/me').expect(401);
  });
});

describe('roles', () => {
  let owner: ReturnType<typeof as>;
  let instructor: ReturnType<typeof as>;
  let student: ReturnType<typeof as>;
  let scenarioId: string;

  beforeAll(async () => {
    owner = as(stack, (await signUp(stack, 'course')).token);
    const suffix = `${process.pid}-${Date.now()}`;
    const added = await owner.post('/api/auth/members').send({ email: `teacher-${suffix}@example.test`, password: 'teacher password', role: 'instructor' }).expect(201);
    expect(added.body).toMatchObject({ role: 'instructor', email: `teacher-${suffix}@example.test` });
    expect(added.body).not.toHaveProperty('passwordHash');
    const gqlAdded = await owner.graphql(`mutation ($input: AddMemberInput!) { addMember(input: $input) { email role } }`, {
      input: { email: `pupil-${suffix}@example.test`, password: 'pupil password', role: 'student' },
    });
    expect(gqlAdded.data!.addMember).toEqual({ email: `pupil-${suffix}@example.test`, role: 'student' });
    const signIn = async (email: string, password: string) =>
      as(stack, (await request(stack.url).post('/api/auth/sign-in').send({ email, password }).expect(200)).body.token);
    instructor = await signIn(`teacher-${suffix}@example.test`, 'teacher password');
    student = await signIn(`pupil-${suffix}@example.test`, 'pupil password');
    scenarioId = (await instructor.post('/api/scenarios').send({ name: 'lab 1', manifests }).expect(201)).body.id;
  });

  it('the owner sees every member with their role', async () => {
    const members = (await owner.get('/api/auth/members').expect(200)).body;
    expect(members.map((m: any) => m.role)).toEqual(['owner', 'instructor', 'student']);
  });

  it("a student sees only their own scenarios: the instructor's is NOT_FOUND to them, and not listed", async () => {
    const hidden = await student.get(`/api/scenarios/${scenarioId}`).expect(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
    await student.post(`/api/scenarios/${scenarioId}/simulations`).expect(404);
    await student.post(`/api/scenarios/${scenarioId}/versions`).send({ manifests }).expect(404);
    await student.post(`/api/scenarios/${scenarioId}/archive`).expect(404);
    const listed = (await student.get('/api/scenarios').expect(200)).body;
    expect(listed.edges.map((e: any) => e.node.id)).not.toContain(scenarioId);
  });

  it('a student creates, edits and runs their own scenarios; staff see them', async () => {
    const own = (await student.post('/api/scenarios').send({ name: 'mine', manifests }).expect(201)).body;
    await student.post(`/api/scenarios/${own.id}/versions`).send({ manifests: manifests.replace('replicas: 3', 'replicas: 1') }).expect(201);
    const started = await student.post(`/api/scenarios/${own.id}/simulations`).expect(202);
    const run = await waitFor(async () => (await student.get(`/api/simulations/${started.body.id}`).expect(200)).body);
    expect(run.status).toBe('succeeded');
    await instructor.get(`/api/scenarios/${own.id}`).expect(200);
    await instructor.get(`/api/simulations/${started.body.id}`).expect(200);
  });

  it('a student may not manage members or keys, nor create labs or classrooms: FORBIDDEN', async () => {
    const members = await student.get('/api/auth/members').expect(403);
    expect(members.body.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'admin' } });
    await student.post('/api/auth/api-keys').send({ name: 'k', scopes: ['read'] }).expect(403);
    const gql = await student.graphql(`mutation { createClassroom(input: { name: "x" }) { id } }`);
    expect(gql.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(gql.data).toBeNull();
  });

  it('an instructor writes scenarios but may not add members or create keys', async () => {
    await instructor.post(`/api/scenarios/${scenarioId}/versions`).send({ manifests: manifests.replace('replicas: 3', 'replicas: 2') }).expect(201);
    await instructor.post('/api/auth/members').send({ email: `x-${Date.now()}@example.test`, password: 'password123', role: 'owner' }).expect(403);
    const gql = await instructor.graphql(`{ apiKeys { id } }`);
    expect(gql.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('an unknown role is BAD_USER_INPUT', async () => {
    const response = await owner.post('/api/auth/members').send({ email: `r-${Date.now()}@example.test`, password: 'password123', role: 'dean' }).expect(400);
    expect(response.body.error.code).toBe('BAD_USER_INPUT');
  });
});

describe('API keys', () => {
  let owner: ReturnType<typeof as>;
  let scenarioId: string;

  beforeAll(async () => {
    owner = as(stack, (await signUp(stack, 'grader platform')).token);
    scenarioId = (await owner.post('/api/scenarios').send({ name: 'graded', manifests }).expect(201)).body.id;
  });

  it('are shown once, stored as a SHA-256 hash, scoped, and revocable', async () => {
    const created = await owner.post('/api/auth/api-keys').send({ name: 'autograder', scopes: ['read', 'simulate'] }).expect(201);
    const { secret, apiKey } = created.body;
    expect(secret).toMatch(/^knl_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'autograder', scopes: ['read', 'simulate'], prefix: secret.slice(0, 12), revokedAt: null });

    // Only the hash is stored; nothing in the row is the secret.
    const { rows } = await stack.db.query('SELECT * FROM api_keys WHERE id = $1', [apiKey.id]);
    expect(rows[0].hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(rows[0])).not.toContain(secret);

    // Lists never show the secret.
    const listed = (await owner.get('/api/auth/api-keys').expect(200)).body;
    expect(listed.map((k: any) => k.id)).toContain(apiKey.id);
    expect(JSON.stringify(listed)).not.toContain(secret);

    // The key works within its scopes...
    const key = as(stack, secret);
    await key.get(`/api/scenarios/${scenarioId}`).expect(200);
    const started = await key.post(`/api/scenarios/${scenarioId}/simulations`).expect(202);
    await waitFor(async () => (await key.get(`/api/simulations/${started.body.id}`).expect(200)).body);
    const viewer = await key.graphql(`{ viewer { user { id } apiKey { id name } permissions } }`);
    expect(viewer.data!.viewer).toEqual({ user: null, apiKey: { id: apiKey.id, name: 'autograder' }, permissions: ['read', 'simulate'] });
    // ...and not beyond them.
    const refused = await key.post('/api/scenarios').send({ name: 'x', manifests }).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    await key.get('/api/auth/api-keys').expect(403);

    // Revoked: refused at once, everywhere; revoking again is harmless.
    const revoked = await owner.delete(`/api/auth/api-keys/${apiKey.id}`).expect(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    await key.get(`/api/scenarios/${scenarioId}`).expect(401);
    expect((await key.graphql(`{ viewer { permissions } }`)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    await owner.delete(`/api/auth/api-keys/${apiKey.id}`).expect(200);
  });

  it('GraphQL: createApiKey, apiKeys and revokeApiKey', async () => {
    const created = await owner.graphql(`mutation { createApiKey(input: { name: "ci", scopes: [write] }) { secret apiKey { id scopes revokedAt } } }`);
    expect(created.errors).toBeUndefined();
    const { secret, apiKey } = created.data!.createApiKey;
    expect(apiKey).toMatchObject({ scopes: ['write'], revokedAt: null });
    // A write-only key creates scenarios but cannot read them back.
    const key = as(stack, secret);
    const made = await key.post('/api/scenarios').send({ name: 'from ci', manifests }).expect(201);
    await key.get(`/api/scenarios/${made.body.id}`).expect(403);
    const listed = await owner.graphql(`{ apiKeys { id } }`);
    expect(listed.data!.apiKeys.map((k: any) => k.id)).toContain(apiKey.id);
    const revoked = await owner.graphql(`mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: apiKey.id });
    expect(revoked.data!.revokeApiKey.revokedAt).toEqual(expect.any(String));
    await key.post('/api/scenarios').send({ name: 'after', manifests }).expect(401);
  });

  it('refuses an empty or unknown scope list', async () => {
    await owner.post('/api/auth/api-keys').send({ name: 'k', scopes: [] }).expect(400);
    await owner.post('/api/auth/api-keys').send({ name: 'k', scopes: ['root'] }).expect(400);
  });
});

describe('organizations are isolated', () => {
  let alice: ReturnType<typeof as>;
  let mallory: ReturnType<typeof as>;
  let scenarioId: string;
  let runId: string;
  let aliceKeyId: string;

  beforeAll(async () => {
    alice = as(stack, (await signUp(stack, 'alice university')).token);
    mallory = as(stack, (await signUp(stack, 'mallory college')).token);
    scenarioId = (await alice.post('/api/scenarios').send({ name: 'private', manifests }).expect(201)).body.id;
    runId = (await alice.post(`/api/scenarios/${scenarioId}/simulations`).expect(202)).body.id;
    await waitFor(async () => (await alice.get(`/api/simulations/${runId}`).expect(200)).body);
    aliceKeyId = (await alice.post('/api/auth/api-keys').send({ name: 'a', scopes: ['read'] }).expect(201)).body.apiKey.id;
  });

  /** The answer for another organization's id, with the id swapped for one that never existed. */
  const asIfMissing = (body: unknown, id: string) => JSON.parse(JSON.stringify(body).split(id).join(MISSING));

  it("REST: another organization's scenario, versions, runs and keys are 404, exactly like ids that never existed", async () => {
    const probes: [method: 'get' | 'post' | 'delete', path: (id: string) => string, id: string, body?: object][] = [
      ['get', (id) => `/api/scenarios/${id}`, scenarioId],
      ['get', (id) => `/api/scenarios/${id}/versions`, scenarioId],
      ['post', (id) => `/api/scenarios/${id}/versions`, scenarioId, { manifests: 'kind: Namespace\n' }],
      ['post', (id) => `/api/scenarios/${id}/simulations`, scenarioId, {}],
      ['post', (id) => `/api/scenarios/${id}/archive`, scenarioId],
      ['post', (id) => `/api/scenarios/${id}/unarchive`, scenarioId],
      ['get', (id) => `/api/scenarios/${id}/diff?from=1&to=1`, scenarioId],
      ['get', (id) => `/api/simulations/${id}`, runId],
      ['delete', (id) => `/api/auth/api-keys/${id}`, aliceKeyId],
    ];
    for (const [method, path, id, body] of probes) {
      const theirs = await mallory[method](path(id)).send(body ?? {});
      const missing = await mallory[method](path(MISSING)).send(body ?? {});
      expect({ path: path(id), status: theirs.status }).toEqual({ path: path(id), status: 404 });
      expect(asIfMissing(theirs.body, id)).toEqual(missing.body);
      expect(theirs.body.error.code).toBe('NOT_FOUND');
    }
  });

  it("GraphQL: another organization's ids are NOT_FOUND, exactly like ids that never existed", async () => {
    const documents: [string, string][] = [
      [`query ($id: ID!) { scenario(id: $id) { id name } }`, scenarioId],
      [`query ($id: ID!) { scenarioVersions(scenarioId: $id) { id content } }`, scenarioId],
      [`mutation ($id: ID!) { editScenario(id: $id, input: { manifests: "kind: Namespace" }) { id } }`, scenarioId],
      [`mutation ($id: ID!) { runSimulation(scenarioId: $id) { id } }`, scenarioId],
      [`mutation ($id: ID!) { runSimulation(scenarioId: $id, versionNumber: 1) { id } }`, scenarioId],
      [`mutation ($id: ID!) { archiveScenario(id: $id) { id } }`, scenarioId],
      [`mutation ($id: ID!) { unarchiveScenario(id: $id) { id } }`, scenarioId],
      [`query ($id: ID!) { scenarioDiff(id: $id, from: 1, to: 1) { unified } }`, scenarioId],
      [`query ($id: ID!) { simulationRun(id: $id) { id result { services { name } } } }`, runId],
      [`mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`, aliceKeyId],
    ];
    for (const [document, id] of documents) {
      const theirs = await mallory.graphql(document, { id });
      const missing = await mallory.graphql(document, { id: MISSING });
      expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(asIfMissing(theirs, id)).toEqual(missing);
    }
  });

  it("nothing of the other organization changed, and lists show only one's own", async () => {
    const versions = (await alice.get(`/api/scenarios/${scenarioId}/versions`).expect(200)).body;
    expect(versions).toHaveLength(1);
    const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM simulation_runs r JOIN scenario_versions v ON v.id = r.version_id WHERE v.scenario_id = $1', [scenarioId]);
    expect(rows[0].n).toBe(1);
    expect((await alice.get('/api/auth/api-keys').expect(200)).body[0].revokedAt).toBeNull();
    expect((await mallory.get('/api/auth/api-keys').expect(200)).body).toEqual([]);
    expect((await mallory.get('/api/auth/members').expect(200)).body).toHaveLength(1);
  });

  it("an API key reaches only its own organization's rows", async () => {
    const key = (await mallory.post('/api/auth/api-keys').send({ name: 'm', scopes: ['read', 'simulate'] }).expect(201)).body.secret;
    await as(stack, key).get(`/api/scenarios/${scenarioId}`).expect(404);
    await as(stack, key).post(`/api/scenarios/${scenarioId}/simulations`).expect(404);
    await as(stack, key).get(`/api/simulations/${runId}`).expect(404);
  });
});
