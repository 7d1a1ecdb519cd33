import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { as, signUp } from '../support/auth';
import { bootStack, type Stack } from '../support/boot';

/**
 * Issue 8's flow end to end, on the real API, worker, Postgres and Redis: an instructor
 * makes a classroom and a lab; two students join (one signs up with the join code, one is
 * added and joins); one hands in a wrong then a right solution, the other a partly right one;
 * the lab changes and a regrade shows old and new scores; the live view follows along.
 *
 * Expected scores come from what a cluster does with each answer (see the lab file,
 * examples/labs/expose-web.lab.yaml): a Service whose selector matches no Pod has no endpoints,
 * so kube-proxy REJECTs connections to it, yet its ClusterIP name still resolves (NOERROR);
 * a targetPort nothing listens on gets a refusal from the Pod.
 */
const LAB = readFileSync(join(__dirname, '..', '..', 'examples', 'labs', 'expose-web.lab.yaml'), 'utf8');

const SUBMISSION = `id status score maxScore attempt errors checks { id passed points maxPoints feedback hints }`;

function service(namespace: string, selector: string, targetPort: number): string {
  return `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  selector:\n    app: ${selector}\n  ports:\n    - port: 80\n      targetPort: ${targetPort}\n`;
}

/** Follows a subscription through test/support/subscribe.mjs; `stop()` ends it and returns the messages. */
function follow(stack: Stack, credential: string, id: string, document: string) {
  const child = spawn(process.execPath, [join(__dirname, '..', 'support', 'subscribe.mjs'), `${stack.url.replace('http', 'ws')}/graphql`, credential, id, document]);
  const lines: any[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
      lines.push(JSON.parse(buffered.slice(0, i)));
      buffered = buffered.slice(i + 1);
    }
  });
  return {
    lines,
    stop: () => {
      child.kill();
      return lines;
    },
  };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('labs, classrooms and grading', () => {
  let stack: Stack;
  let teacher: ReturnType<typeof as>;
  let teacherToken: string;
  let ada: ReturnType<typeof as>;
  let bob: ReturnType<typeof as>;
  let classroomId: string;
  let joinCode: string;
  let labId: string;
  const emails = { ada: `ada-${process.pid}-${Date.now()}@example.test`, bob: `bob-${process.pid}-${Date.now()}@example.test` };

  // A course platform's webhook receiver: what the organization's subscription was sent.
  const received: { type: string; data: any }[] = [];
  let receiver: Server;

  beforeAll(async () => {
    stack = await bootStack();
    teacherToken = (await signUp(stack, 'Networking 101')).token;
    teacher = as(stack, teacherToken);
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
    await teacher.post('/api/webhooks').send({ url, events: ['submission.graded', 'regrade.finished'] }).expect(201);
  });
  afterAll(async () => {
    receiver.close();
    await stack.close();
  });

  it('an instructor creates a classroom with a join code and a lab in it', async () => {
    const created = await teacher.graphql(`mutation { createClassroom(input: { name: "Tuesday", course: "Networking 101" }) { id joinCode } }`);
    expect(created.errors).toBeUndefined();
    ({ id: classroomId, joinCode } = created.data!.createClassroom);
    expect(joinCode).toMatch(/^[A-Z0-9]{8}$/);
    const lab = await teacher.graphql(`mutation ($input: CreateLabInput!) { createLab(input: $input) { id title version maxScore checks { id points hidden } } }`, { input: { source: LAB, classroomId } });
    expect(lab.errors).toBeUndefined();
    labId = lab.data!.createLab.id;
    expect(lab.data!.createLab).toMatchObject({ title: 'Expose the web Deployment', version: 1, maxScore: 10 });
    expect(lab.data!.createLab.checks.map((c: any) => c.id)).toEqual(['service', 'endpoints', 'dns', 'curl']);
    const assigned = await teacher.graphql(`mutation ($c: ID!, $l: ID!) { assignLab(classroomId: $c, labId: $l, current: true) { currentLabId labIds } }`, { c: classroomId, l: labId });
    expect(assigned.data!.assignLab).toEqual({ currentLabId: labId, labIds: [labId] });
  });

  it('a lab file with mistakes is refused with each error located, and nothing is stored', async () => {
    const broken = LAB.replace('points: 2\n      message: A Service', 'points: two\n      message: A Service').replace('oneOf: [shop', 'oneOff: [shop');
    const refused = await teacher.post('/api/labs').send({ source: broken }).expect(400);
    expect(refused.body.error.code).toBe('BAD_USER_INPUT');
    const where = refused.body.error.details.diagnostics.map((d: any) => `${d.line}:${d.path}`);
    const lines = broken.split('\n');
    const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    expect(where).toEqual(expect.arrayContaining([`${lineOf('points: two')}:spec.checks[0].points`, `${lineOf('oneOff')}:spec.parameters[0].oneOff`]));
    const labs = await teacher.graphql(`{ labs { id } }`);
    expect(labs.data!.labs).toHaveLength(1);
  });

  it('two students join: one signs up with the join code, one is added and types the code', async () => {
    const signedUp = await request(stack.url).post('/api/auth/sign-up').send({ email: emails.ada, password: 'ada password', joinCode: joinCode.toLowerCase() }).expect(201);
    ada = as(stack, signedUp.body.token);
    await teacher.post('/api/auth/members').send({ email: emails.bob, password: 'bob password', role: 'student' }).expect(201);
    bob = as(stack, (await request(stack.url).post('/api/auth/sign-in').send({ email: emails.bob, password: 'bob password' }).expect(200)).body.token);
    const joined = await bob.graphql(`mutation ($code: String!) { joinClassroom(code: $code) { id joinCode access } }`, { code: `${joinCode.slice(0, 4)}-${joinCode.slice(4)}` });
    expect(joined.data!.joinClassroom).toEqual({ id: classroomId, joinCode: null, access: 'student' });
    const members = await teacher.get(`/api/classrooms/${classroomId}/members`).expect(200);
    expect(members.body.map((m: any) => [m.email, m.role])).toEqual([[expect.stringMatching(/^owner-/), 'instructor'], [emails.ada, 'student'], [emails.bob, 'student']]);
  });

  let live: ReturnType<typeof follow>;
  let namespaces: Record<'ada' | 'bob', string>;
  let adaRight: string;

  it('each student gets their own variant of the lab and a copy of its starter', async () => {
    live = follow(stack, teacherToken, classroomId, `subscription ($id: ID!) { liveSessionUpdated(classroomId: $id) { students { student submissions score checks { id state } } checks { id passing failing notStarted } } }`);
    const seen = async (who: ReturnType<typeof as>) => (await who.graphql(`query ($id: ID!) { lab(id: $id) { instructions parameters { name value } checks { id message hidden } } }`, { id: labId })).data!.lab;
    const [a, b] = [await seen(ada), await seen(bob)];
    namespaces = { ada: a.parameters[0].value, bob: b.parameters[0].value };
    for (const [view, ns] of [[a, namespaces.ada], [b, namespaces.bob]] as const) {
      expect(['shop', 'store', 'market', 'depot']).toContain(ns);
      expect(view.instructions).toContain(`namespace \`${ns}\``);
      expect(view.checks.find((c: any) => c.id === 'curl')).toEqual({ id: 'curl', message: 'hidden', hidden: true });
    }
    const workspace = await ada.graphql(`mutation ($id: ID!) { startLab(labId: $id) { scenario { id latestVersion { content } } } }`, { id: labId });
    expect(workspace.data!.startLab.scenario.latestVersion.content).toContain(`namespace: ${namespaces.ada}`);
    const again = await ada.graphql(`mutation ($id: ID!) { startLab(labId: $id) { scenario { id } } }`, { id: labId });
    expect(again.data!.startLab.scenario.id).toBe(workspace.data!.startLab.scenario.id);
  });

  it('manifests that cannot be simulated are not gradable: located errors, no attempt used', async () => {
    const result = await ada.graphql(`mutation ($lab: ID!, $m: String!) { submitLab(labId: $lab, manifests: $m) { ${SUBMISSION} } }`, { lab: labId, m: 'kind: [' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.submitLab).toMatchObject({ status: 'not_gradable', score: null, attempt: null, checks: [] });
    expect(result.data!.submitLab.errors[0]).toMatch(/^submission\.yaml:1:\d+: /);
  });

  it('a wrong answer scores what it got right, with the engine’s explanation and a hint; the hidden check stays hidden', async () => {
    const starter = (await ada.graphql(`query ($id: ID!) { lab(id: $id) { starter } }`, { id: labId })).data!.lab.starter;
    const result = await ada.graphql(`mutation ($lab: ID!, $m: String!) { submitLab(labId: $lab, manifests: $m) { ${SUBMISSION} } }`, { lab: labId, m: starter + service(namespaces.ada, 'wrong', 80) });
    const submission = result.data!.submitLab;
    expect(submission).toMatchObject({ status: 'graded', score: 4, maxScore: 10, attempt: 1 });
    const byId = Object.fromEntries(submission.checks.map((c: any) => [c.id, c]));
    expect(byId.service).toMatchObject({ passed: true, points: 2, maxPoints: 2 });
    expect(byId.endpoints).toMatchObject({ passed: false, points: 0, maxPoints: 4 });
    expect(byId.endpoints.feedback).toContain('app=wrong');
    expect(byId.endpoints.hints).toEqual(["Compare the Service's selector with the labels in the Deployment's Pod template."]);
    expect(byId.dns).toMatchObject({ passed: true, points: 2 });
    expect(byId.curl).toEqual({ id: 'curl', passed: null, points: null, maxPoints: 2, feedback: 'hidden', hints: [] });
  });

  it('the right answer, handed in from the student’s workspace scenario, gets full marks', async () => {
    const workspace = (await ada.graphql(`mutation ($id: ID!) { startLab(labId: $id) { scenario { id latestVersion { content } } } }`, { id: labId })).data!.startLab.scenario;
    await ada.post(`/api/scenarios/${workspace.id}/versions`).send({ manifests: workspace.latestVersion.content + service(namespaces.ada, 'web', 80) }).expect(201);
    const result = await ada.post(`/api/labs/${labId}/submissions`).send({}).expect(201);
    expect(result.body).toMatchObject({ status: 'graded', score: 10, maxScore: 10, attempt: 2, late: false });
    adaRight = result.body.id;
  });

  it('a partly right answer (a targetPort nothing listens on) loses the connection check', async () => {
    const starter = (await bob.get(`/api/labs/${labId}`).expect(200)).body.starter;
    const result = await bob.post(`/api/labs/${labId}/submissions`).send({ manifests: starter + service(namespaces.bob, 'web', 8080) }).expect(201);
    expect(result.body).toMatchObject({ status: 'graded', score: 8, maxScore: 10, attempt: 1 });
    expect(result.body.checks.find((c: any) => c.id === 'curl')).toMatchObject({ passed: null, feedback: 'hidden' });
  });

  it('a student sees only their own submissions; staff see everyone’s, hidden checks included', async () => {
    await bob.get(`/api/submissions/${adaRight}`).expect(404);
    const gql = await bob.graphql(`query ($id: ID!) { submission(id: $id) { id } }`, { id: adaRight });
    expect(gql.errors![0].extensions!.code).toBe('NOT_FOUND');
    const own = await bob.get(`/api/labs/${labId}/submissions`).expect(200);
    expect(own.body.map((s: any) => s.student)).toEqual([emails.bob]);
    expect((await bob.graphql(`query ($id: ID!) { gradebook(labId: $id) { rows { student score } } }`, { id: labId })).errors![0].extensions!.code).toBe('FORBIDDEN');
    const seen = await teacher.get(`/api/submissions/${adaRight}`).expect(200);
    expect(seen.body.checks.find((c: any) => c.id === 'curl')).toMatchObject({ passed: true, points: 2 });
    const bobs = (await teacher.get(`/api/labs/${labId}/submissions?studentId=${own.body[0].studentId}`).expect(200)).body;
    expect(bobs[0].checks.find((c: any) => c.id === 'curl').feedback).toMatch(/refused/);
  });

  it('the gradebook has each student’s best score and attempts, and exports as CSV', async () => {
    const book = await teacher.graphql(`query ($id: ID!) { gradebook(labId: $id) { maxScore rows { student score latest attempts } } }`, { id: labId });
    expect(book.data!.gradebook).toEqual({
      maxScore: 10,
      rows: [
        { student: emails.ada, score: 10, latest: 10, attempts: 2 },
        { student: emails.bob, score: 8, latest: 8, attempts: 1 },
      ],
    });
    const csv = await teacher.get(`/api/labs/${labId}/gradebook.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.text.trimEnd().split('\r\n');
    expect(rows[0]).toBe('Email address,Student,Section,Expose the web Deployment (out of 10),Latest,Attempts,Late,Last submitted (UTC)');
    expect(rows[1]).toMatch(new RegExp(`^${emails.ada},${emails.ada},Tuesday,10,10,2,no,\\d{4}-`));
    expect(rows[2]).toMatch(new RegExp(`^${emails.bob},${emails.bob},Tuesday,8,8,1,no,`));
  });

  it('the live view shows every student and check, and was pushed each grade', async () => {
    const view = (await teacher.get(`/api/classrooms/${classroomId}/live`).expect(200)).body;
    expect(view.checks.map((c: any) => [c.id, c.passing, c.failing, c.notStarted])).toEqual([
      ['service', 2, 0, 0],
      ['endpoints', 2, 0, 0],
      ['dns', 2, 0, 0],
      ['curl', 1, 1, 0],
    ]);
    const pushed = await until(
      async () => live.lines,
      (lines) => lines.some((l) => l.data?.liveSessionUpdated.checks.find((c: any) => c.id === 'curl').failing === 1),
    );
    live.stop();
    const states = pushed.map((l) => l.data.liveSessionUpdated);
    expect(states[0].checks.every((c: any) => c.notStarted === 2)).toBe(true);
    // Grades landing together are pushed as one update, so the in-between states may be skipped.
    expect(states.length).toBeGreaterThan(1);
    expect(states.at(-1).students.find((r: any) => r.student === emails.ada).score).toBe(10);
  });

  it('after the checks change, a regrade shows each student’s old and new score and keeps the old grades', async () => {
    const changed = LAB.replace('points: 4', 'points: 6');
    const updated = await teacher.graphql(`mutation ($id: ID!, $s: String!) { updateLab(id: $id, input: { source: $s }) { version maxScore } }`, { id: labId, s: changed });
    expect(updated.data!.updateLab).toEqual({ version: 2, maxScore: 12 });
    const started = await teacher.graphql(`mutation ($id: ID!) { regradeLab(labId: $id) { id version total } }`, { id: labId });
    expect(started.data!.regradeLab).toMatchObject({ version: 2, total: 3 });
    const report = await until(
      async () => (await teacher.get(`/api/regrades/${started.data!.regradeLab.id}`).expect(200)).body,
      (r) => r.finished,
    );
    expect(report.rows.map((r: any) => [r.student, r.oldScore, r.newScore])).toEqual([
      [emails.ada, 10, 12],
      [emails.bob, 8, 10],
    ]);
    const kept = (await teacher.get(`/api/submissions/${adaRight}`).expect(200)).body;
    expect(kept.score).toBe(12);
    expect(kept.grades.map((g: any) => [g.labVersion, g.score, g.maxScore])).toEqual([
      [1, 10, 10],
      [2, 12, 12],
    ]);
    const book = await teacher.graphql(`query ($id: ID!) { gradebook(labId: $id) { rows { student score } } }`, { id: labId });
    expect(book.data!.gradebook.rows).toEqual([
      { student: emails.ada, score: 12 },
      { student: emails.bob, score: 10 },
    ]);
    const finished = await until(
      async () => received.filter((e) => e.type === 'regrade.finished'),
      (events) => events.length > 0,
    );
    expect(finished.map((e) => e.data)).toEqual([{ regradeId: started.data!.regradeLab.id, labId }]);
  });

  it("the organization's webhook got every grade: first gradings and the regrade's", async () => {
    const graded = await until(
      async () => received.filter((e) => e.type === 'submission.graded'),
      (events) => events.length >= 7,
    );
    const of = (submissionId: string) => graded.filter((e) => e.data.submissionId === submissionId).map((e) => [e.data.regradeId === null ? 'first' : 'regrade', e.data.status, e.data.score, e.data.maxScore]);
    expect(of(adaRight)).toEqual([
      ['first', 'graded', 10, 10],
      ['regrade', 'graded', 12, 12],
    ]);
    // 4 first gradings (one not gradable) and 3 regrades (the not-gradable hand-in is not regraded).
    expect(graded.map((e) => e.data.status).sort()).toEqual(['graded', 'graded', 'graded', 'graded', 'graded', 'graded', 'not_gradable']);
  });

  it('a lab round-trips through its YAML export', async () => {
    const exported = (await teacher.get(`/api/labs/${labId}/export`).expect(200)).text;
    const copy = await teacher.graphql(`mutation ($input: CreateLabInput!) { createLab(input: $input) { id title maxScore checks { id kind points message hidden } } }`, { input: { source: exported } });
    expect(copy.errors).toBeUndefined();
    const original = await teacher.graphql(`query ($id: ID!) { lab(id: $id) { title maxScore checks { id kind points message hidden } } }`, { id: labId });
    expect({ ...copy.data!.createLab, id: undefined }).toEqual({ ...original.data!.lab, id: undefined });
    const again = (await teacher.get(`/api/labs/${copy.data!.createLab.id}/export`).expect(200)).text;
    expect(again).toBe(exported);
    const v1 = (await teacher.graphql(`query ($id: ID!) { exportLab(id: $id, version: 1) }`, { id: labId })).data!.exportLab;
    expect(v1).toContain('points: 4');
  });

  it('join codes can be rotated and disabled; students may not create labs or classrooms', async () => {
    const rotated = (await teacher.post(`/api/classrooms/${classroomId}/join-code`).expect(200)).body.joinCode;
    expect(rotated).not.toBe(joinCode);
    const stale = await request(stack.url).post('/api/auth/sign-up').send({ email: `late-${Date.now()}@example.test`, password: 'late password', joinCode }).expect(400);
    expect(stale.body.error.message).toMatch(/no classroom has this join code/);
    await teacher.delete(`/api/classrooms/${classroomId}/join-code`).expect(200);
    await request(stack.url).post('/api/auth/sign-up').send({ email: `late-${Date.now()}@example.test`, password: 'late password', joinCode: rotated }).expect(400);
    await ada.post('/api/labs').send({ source: LAB }).expect(403);
    await ada.post('/api/classrooms').send({ name: 'mine' }).expect(403);
    await ada.post(`/api/classrooms/${classroomId}/join-code`).expect(403);
  });
});
