import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { as, signUp } from '../support/auth';
import { bootStack, Stack, waitFor } from '../support/boot';

const manifests = readFileSync(join(__dirname, '..', 'fixtures', 'web-deployment.yaml'), 'utf8');

// Hooks boot processes and sign up accounts (scrypt at full cost).
jest.setTimeout(60_000);

/** A probe that makes a run distinct from the others (identical runs are reused, not queued). */
const distinct = (n: number) => ({ commands: [{ command: `kubectl get pods -n ns-${n}` }] });

describe('queue fairness and caps (API first, the worker started later)', () => {
  let stack: Stack;

  // No worker at first: runs stay queued, so the order the worker takes them in is the queue's.
  beforeAll(async () => {
    stack = await bootStack({ ORG_MAX_ACTIVE_RUNS: '4' }, { worker: false });
  });
  afterAll(() => stack.close());

  it('a queued interactive run starts before batch runs queued earlier; a batch run a person reuses is raised', async () => {
    const api = as(stack, (await signUp(stack)).token);
    const scenario = (await api.post('/api/scenarios').send({ name: 'web', manifests }).expect(201)).body;
    const batch: string[] = [];
    for (let n = 0; n < 3; n += 1) {
      const run = await api.post(`/api/scenarios/${scenario.id}/simulations`).send({ probes: distinct(n), priority: 'batch' }).expect(202);
      expect(run.body.priority).toBe('batch');
      batch.push(run.body.id);
    }
    // GraphQL, no priority named: a person's run is interactive.
    const started = await api.graphql(`mutation ($id: ID!) { runSimulation(scenarioId: $id) { id priority status } }`, { id: scenario.id });
    expect(started.errors).toBeUndefined();
    expect(started.data!.runSimulation).toMatchObject({ priority: 'interactive', status: 'queued' });
    const interactive = started.data!.runSimulation.id;
    // A person asking for the work of a queued batch run gets that run, raised to interactive.
    const raised = await api.post(`/api/scenarios/${scenario.id}/simulations`).send({ probes: distinct(2) }).expect(202);
    expect(raised.body).toMatchObject({ id: batch[2], priority: 'interactive', status: 'queued' });

    await stack.startWorker({ WORKER_CONCURRENCY: '1' });
    const read = async (id: string) => (await stack.db.query('SELECT status, started_at FROM simulation_runs WHERE id = $1', [id])).rows[0];
    const runs = [];
    for (const id of [interactive, ...batch]) runs.push(await waitFor(() => read(id)));
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    // One job at a time: the interactive run, then the raised one (behind it), then the
    // batch runs in their queueing order (BullMQ: FIFO within one priority).
    const order = [runs[0], runs[3], runs[1], runs[2]].map((run) => run.started_at.getTime());
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(4);
  });

  it('an API key (an integration) runs batch unless it asks for interactive; a bad priority is BAD_USER_INPUT', async () => {
    const owner = as(stack, (await signUp(stack)).token);
    const scenario = (await owner.post('/api/scenarios').send({ name: 'web', manifests }).expect(201)).body;
    const { secret } = (await owner.post('/api/auth/api-keys').send({ name: 'grader', scopes: ['read', 'simulate'] }).expect(201)).body;
    const key = as(stack, secret);
    const batch = await key.post(`/api/scenarios/${scenario.id}/simulations`).send({ probes: distinct(10) }).expect(202);
    expect(batch.body.priority).toBe('batch');
    const asked = await key.post(`/api/scenarios/${scenario.id}/simulations`).send({ probes: distinct(11), priority: 'interactive' }).expect(202);
    expect(asked.body.priority).toBe('interactive');
    const rows = (await stack.db.query('SELECT id, priority FROM simulation_runs WHERE id = ANY($1) ORDER BY priority', [[batch.body.id, asked.body.id]])).rows;
    expect(rows.map((r) => r.priority)).toEqual(['interactive', 'batch']);
    const bad = await key.post(`/api/scenarios/${scenario.id}/simulations`).send({ priority: 'urgent' }).expect(400);
    expect(bad.body.error.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a new run beyond the organization cap with 429 RATE_LIMITED; a reused run and other organizations pass', async () => {
    // Filling the cap through the API would race the worker, so the org's unfinished runs
    // are stored directly as running (workers mid-run; the reconciler leaves them for 60 s).
    const owner = await signUp(stack);
    const api = as(stack, owner.token);
    const scenario = (await api.post('/api/scenarios').send({ name: 'web', manifests }).expect(201)).body;
    const version = (await stack.db.query('SELECT id FROM scenario_versions WHERE scenario_id = $1', [scenario.id])).rows[0].id;
    for (let n = 0; n < 4; n += 1) {
      await stack.db.query("INSERT INTO simulation_runs (id, version_id, status, probes, updated_at) VALUES (gen_random_uuid(), $1, 'running', $2, now())", [
        version,
        JSON.stringify(distinct(100 + n)),
      ]);
    }

    const refused = await api.post(`/api/scenarios/${scenario.id}/simulations`).send({ probes: distinct(200) }).expect(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 4, active: 4 } });
    expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    const gql = await api.graphql(`mutation ($id: ID!) { runSimulation(scenarioId: $id) { id } }`, { id: scenario.id });
    expect(gql.errors?.[0].extensions?.code).toBe('RATE_LIMITED');

    // Identical work is reused: the run that is under way comes back, nothing new is queued.
    const reused = await api.post(`/api/scenarios/${scenario.id}/simulations`).send({ probes: distinct(101) }).expect(202);
    expect(reused.body.status).toBe('running');

    // The cap is the organization's own.
    const other = as(stack, (await signUp(stack)).token);
    const theirs = (await other.post('/api/scenarios').send({ name: 'web', manifests }).expect(201)).body;
    await other.post(`/api/scenarios/${theirs.id}/simulations`).send({}).expect(202);

    // Once runs finish, room comes back.
    await stack.db.query("UPDATE simulation_runs SET status = 'failed' WHERE version_id = $1", [version]);
    await api.post(`/api/scenarios/${scenario.id}/simulations`).send({ probes: distinct(200) }).expect(202);
  });
});

describe('request rate limit', () => {
  const WINDOW_SECONDS = 3;
  let stack: Stack;

  beforeAll(async () => {
    stack = await bootStack({ RATE_LIMIT_REQUESTS: '5', RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS) }, { worker: false });
  });
  afterAll(() => stack.close());

  /** Waits for the start of a fresh window, so the requests that follow share one. */
  const freshWindow = () => new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000 - (Date.now() % (WINDOW_SECONDS * 1000)) + 20));

  it('counts per organization: the 6th request of a window is refused (REST 429 and GraphQL), health and metrics are exempt, the next window passes', async () => {
    const account = await signUp(stack);
    const api = as(stack, account.token);
    const other = as(stack, (await signUp(stack)).token);
    await freshWindow();
    for (let n = 0; n < 5; n += 1) await api.get('/api/auth/me').expect(200);
    const refused = await api.get('/api/auth/me').expect(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 5, windowSeconds: WINDOW_SECONDS } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(WINDOW_SECONDS);
    const gql = await api.graphql('{ viewer { organization { id } } }');
    expect(gql.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    await request(stack.url).get('/health').expect(200);
    await request(stack.url).get('/metrics').expect(200);
    await other.get('/api/auth/me').expect(200); // another organization has its own count

    await freshWindow();
    await api.get('/api/auth/me').expect(200);
  });

  it('counts unauthenticated sign-in attempts per IP address', async () => {
    const account = await signUp(stack);
    await freshWindow();
    // At once: the count is taken before the (slow, scrypt) password check.
    const signIn = () => request(stack.url).post('/api/auth/sign-in').send({ email: account.email, password: 'wrong password' });
    const answers = await Promise.all(Array.from({ length: 6 }, signIn));
    expect(answers.map((a) => a.status).sort()).toEqual([401, 401, 401, 401, 401, 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
  });
});
