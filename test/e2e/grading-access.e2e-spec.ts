import request from 'supertest';
import { as, signUp } from '../support/auth';
import { bootStack, type Stack } from '../support/boot';

/**
 * Who reaches what of labs, classrooms and grades (issue 8): a classroom's assistant sees
 * its students and no one else's, and regrades nothing; another organization reaches
 * nothing (NOT_FOUND); API keys without `teach` belong to no classroom; not gradable
 * hand-ins use no attempt but keep to the window and the pace; bad ids are clear errors.
 */
const MISSING = '00000000-0000-4000-8000-000000000000';

/** A lab of one check; `rules` is a YAML flow mapping. */
const lab = (name: string, rules = '{}') => `apiVersion: kube-netlab.io/v1alpha1
kind: Lab
metadata:
  name: ${name}
spec:
  title: The ConfigMap ${name}
  instructions: Create the ConfigMap settings in the namespace default.
  rules: ${rules}
  checks:
    - id: settings
      kind: exists
      resource: configmap
      name: settings
      points: 1
      message: The ConfigMap settings exists
`;
const RIGHT = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n';

describe('labs, classrooms and grading: who reaches what', () => {
  let stack: Stack;
  let owner: ReturnType<typeof as>;
  const people: Record<'assistant' | 'ann' | 'ben', { client: ReturnType<typeof as>; id: string; email: string }> = {} as never;
  const classrooms: Record<'a' | 'b', string> = { a: '', b: '' };
  let labId: string;
  const submissions: Record<'ann' | 'ben', string> = { ann: '', ben: '' };

  beforeAll(async () => {
    stack = await bootStack();
    owner = as(stack, (await signUp(stack, 'access')).token);
    for (const key of ['a', 'b'] as const) classrooms[key] = (await owner.post('/api/classrooms').send({ name: `section ${key}` }).expect(201)).body.id;
    labId = (await owner.post('/api/labs').send({ source: lab('settings') }).expect(201)).body.id;
    for (const key of ['a', 'b'] as const) await owner.post(`/api/classrooms/${classrooms[key]}/labs`).send({ labId }).expect(200);
    const roles = { assistant: ['a', 'assistant'], ann: ['a', 'student'], ben: ['b', 'student'] } as const;
    for (const [who, [classroom, role]] of Object.entries(roles) as [keyof typeof roles, (typeof roles)[keyof typeof roles]][]) {
      const email = `${who}-${process.pid}-${Date.now()}@example.test`;
      await owner.post('/api/auth/members').send({ email, password: `${who} password`, role: 'student' }).expect(201);
      const member = await owner.post(`/api/classrooms/${classrooms[classroom]}/members`).send({ email, role }).expect(201);
      const token = (await request(stack.url).post('/api/auth/sign-in').send({ email, password: `${who} password` }).expect(200)).body.token;
      people[who] = { client: as(stack, token), id: member.body.userId, email };
    }
    for (const who of ['ann', 'ben'] as const) {
      const handedIn = await people[who].client.post(`/api/labs/${labId}/submissions`).send({ manifests: RIGHT }).expect(201);
      expect(handedIn.body).toMatchObject({ status: 'graded', score: 1 });
      submissions[who] = handedIn.body.id;
    }
  });
  afterAll(() => stack.close());

  it("an assistant of one classroom sees its students' submissions and grades, not another classroom's", async () => {
    const { client } = people.assistant;
    expect((await client.get(`/api/labs/${labId}/submissions`).expect(200)).body.map((s: any) => s.student)).toEqual([people.ann.email]);
    expect((await client.get(`/api/labs/${labId}/submissions?studentId=${people.ben.id}`).expect(200)).body).toEqual([]);
    const gql = await client.graphql(`query ($lab: ID!, $s: ID) { submissions(labId: $lab, studentId: $s) { id } }`, { lab: labId, s: people.ben.id });
    expect(gql.data!.submissions).toEqual([]);
    await client.get(`/api/submissions/${submissions.ben}`).expect(404);
    expect((await client.get(`/api/labs/${labId}/gradebook`).expect(200)).body.rows.map((r: any) => r.student)).toEqual([people.ann.email]);
    await client.get(`/api/classrooms/${classrooms.b}/live`).expect(404);
  });

  it("assistants do not regrade; a regrade's report shows only the students the caller may see", async () => {
    expect((await people.assistant.client.post(`/api/labs/${labId}/regrades`).expect(403)).body.error.code).toBe('FORBIDDEN');
    const regrade = (await owner.post(`/api/labs/${labId}/regrades`).expect(201)).body;
    expect(regrade.total).toBe(2);
    const seen = (await people.assistant.client.get(`/api/regrades/${regrade.id}`).expect(200)).body;
    expect(seen.rows.map((r: any) => r.student)).toEqual([people.ann.email]);
    await people.ann.client.get(`/api/regrades/${regrade.id}`).expect(403);
  });

  it('another organization reaches nothing: NOT_FOUND everywhere', async () => {
    const other = as(stack, (await signUp(stack, 'other')).token);
    const regradeId = (await owner.post(`/api/labs/${labId}/regrades`).expect(201)).body.id;
    for (const path of [`/api/labs/${labId}`, `/api/labs/${labId}/submissions`, `/api/labs/${labId}/gradebook`, `/api/labs/${labId}/export`, `/api/submissions/${submissions.ann}`, `/api/regrades/${regradeId}`, `/api/classrooms/${classrooms.a}`, `/api/classrooms/${classrooms.a}/live`]) {
      const response = await other.get(path);
      expect([path, response.status]).toEqual([path, 404]);
    }
    await other.post(`/api/labs/${labId}/submissions`).send({ manifests: RIGHT }).expect(404);
    await other.post(`/api/labs/${labId}/regrades`).expect(404);
    const gql = await other.graphql(`query ($id: ID!) { submission(id: $id) { id } }`, { id: submissions.ann });
    expect(gql.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('API keys without teach belong to no classroom: no labs, no classrooms', async () => {
    const { secret } = (await owner.post('/api/auth/api-keys').send({ name: 'reader', scopes: ['read'] }).expect(201)).body;
    const key = as(stack, secret);
    expect((await key.get('/api/labs').expect(200)).body).toEqual([]);
    expect((await key.get('/api/classrooms').expect(200)).body).toEqual([]);
    expect((await key.graphql(`{ labs { id } classrooms { id } }`)).data).toEqual({ labs: [], classrooms: [] });
  });

  it('ids that are not UUIDs and versions that are not numbers are clear errors, never 500', async () => {
    expect((await owner.get(`/api/labs/${labId}/submissions?studentId=ann`).expect(200)).body).toEqual([]);
    expect((await owner.get(`/api/labs/${labId}/submissions?studentId=${MISSING}`).expect(200)).body).toEqual([]);
    const version = await owner.get(`/api/labs/${labId}/export?version=latest`).expect(400);
    // The route answers YAML, so the error's JSON comes as text.
    expect(JSON.parse(version.text).error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('"latest"') });
    expect((await owner.graphql(`query ($id: ID!) { exportLab(id: $id, version: 0) }`, { id: labId })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    await owner.get(`/api/labs/${labId}/export?version=99`).expect(404);
    await owner.get('/api/labs/not-a-uuid').expect(404);
    await owner.get('/api/submissions/not-a-uuid').expect(404);
    await owner.get('/api/regrades/not-a-uuid').expect(404);
  });

  it('not gradable hand-ins use no attempt, but the window and the pace apply to them', async () => {
    const closed = (await owner.post('/api/labs').send({ source: lab('closed', '{ dueAt: "2020-01-01T00:00:00Z" }'), classroomId: classrooms.a }).expect(201)).body.id;
    const refused = await people.ann.client.post(`/api/labs/${closed}/submissions`).send({ manifests: 'kind: [' }).expect(400);
    expect(refused.body.error.message).toMatch(/closed/);
    expect((await people.ann.client.get(`/api/labs/${closed}/submissions`).expect(200)).body).toEqual([]);

    const paced = (await owner.post('/api/labs').send({ source: lab('paced', '{ minSecondsBetween: 3600, maxAttempts: 1 }'), classroomId: classrooms.a }).expect(201)).body.id;
    const typo = await people.ann.client.post(`/api/labs/${paced}/submissions`).send({ manifests: 'kind: [' }).expect(201);
    expect(typo.body).toMatchObject({ status: 'not_gradable', attempt: null });
    const tooSoon = await people.ann.client.post(`/api/labs/${paced}/submissions`).send({ manifests: RIGHT }).expect(429);
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(3500);
  });
});
