import { readFileSync } from 'node:fs';
import { createServer, connect, Server, Socket } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { as, signUp } from '../support/auth';
import { bootStack, count, freePort, Stack, waitFor } from '../support/boot';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/test-env';

const manifests = readFileSync(join(__dirname, '..', 'fixtures', 'web-deployment.yaml'), 'utf8');

/** The JSON log lines a stack printed (LOG_FORMAT=json), parsed. */
function logLines(stack: Stack): Record<string, any>[] {
  return stack
    .logs()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>);
}

/** A sample's value in Prometheus text format, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('operations: health, metrics, JSON logs with request ids', () => {
  let stack: Stack;
  let api: ReturnType<typeof as>;
  let workerMetrics: string;

  beforeAll(async () => {
    const port = await freePort();
    workerMetrics = `http://127.0.0.1:${port}`;
    stack = await bootStack({ LOG_FORMAT: 'json', WORKER_METRICS_PORT: String(port) });
    api = as(stack, (await signUp(stack)).token);
  });
  afterAll(() => stack.close());

  it('/health/live answers without dependencies; /health/ready and /health check Postgres and Redis', async () => {
    const live = await request(stack.url).get('/health/live').expect(200);
    expect(live.body).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
    const ready = await request(stack.url).get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', postgres: { status: 'up' }, redis: { status: 'up' } });
    await request(stack.url).get('/health').expect(200);
  });

  it('a request id goes in, comes back out, and is on the worker\'s log lines for the run', async () => {
    const requestId = 'ops-e2e-7f3a';
    const created = await api.post('/api/scenarios').send({ name: 'rid', manifests }).expect(201);
    expect(created.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const started = await api
      .post(`/api/scenarios/${created.body.id}/simulations`)
      .set('X-Request-Id', requestId)
      .send({})
      .expect(202);
    expect(started.headers['x-request-id']).toBe(requestId);
    const runId = started.body.id;
    await waitFor(async () => (await api.get(`/api/simulations/${runId}`)).body);

    const lines = logLines(stack);
    const workerLines = lines.filter((l) => l.process === 'worker' && l.runId === runId);
    expect(workerLines.map((l) => l.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/started/), expect.stringMatching(/succeeded in \d+ ms/)]));
    for (const line of workerLines) {
      expect(line).toMatchObject({ requestId, level: 'info', context: 'SimulationProcessor', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    }
    // The API's access line for the same request.
    expect(lines).toContainEqual(expect.objectContaining({ process: 'api', requestId, status: 202, method: 'POST' }));

    // A header that is not a sane token is replaced, not echoed.
    const odd = await request(stack.url).get('/health/live').set('X-Request-Id', 'x'.repeat(500));
    expect(odd.headers['x-request-id']).toHaveLength(36);
  });

  it('/metrics serves HTTP, GraphQL, run and queue metrics, and the numbers move after a run', async () => {
    const before = await request(stack.url).get('/metrics').expect(200);
    expect(before.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of ['kube_netlab_http_request_duration_seconds', 'kube_netlab_graphql_operation_duration_seconds', 'kube_netlab_simulation_runs', 'kube_netlab_queue_jobs', 'kube_netlab_dependency_up', 'kube_netlab_process_cpu_seconds_total']) {
      expect(before.text).toContain(`# TYPE ${name} `);
    }
    const succeededBefore = sample(before.text, 'kube_netlab_simulation_runs{status="succeeded"}') ?? 0;
    expect(sample(before.text, 'kube_netlab_queue_jobs{queue="simulations",state="waiting"}')).toEqual(expect.any(Number));
    expect(sample(before.text, 'kube_netlab_dependency_up{dependency="postgres"}')).toBe(1);
    const workerBefore = await request(workerMetrics).get('/metrics').expect(200);
    const finishedBefore = sample(workerBefore.text, 'kube_netlab_simulation_runs_finished_total{status="succeeded"}') ?? 0;

    const created = await api.graphql(`mutation Make($input: CreateScenarioInput!) { createScenario(input: $input) { id } }`, { input: { name: 'm', manifests } });
    const started = await api.graphql(`mutation Go($id: ID!) { runSimulation(scenarioId: $id) { id } }`, { id: created.data!.createScenario.id });
    const runId = started.data!.runSimulation.id;
    await waitFor(async () => (await api.graphql(`query ReadRun($id: ID!) { simulationRun(id: $id) { status } }`, { id: runId })).data!.simulationRun);
    await api.get(`/api/simulations/${runId}`).expect(200);

    const after = (await request(stack.url).get('/metrics').expect(200)).text;
    expect(sample(after, 'kube_netlab_simulation_runs{status="succeeded"}')).toBe(succeededBefore + 1);
    expect(sample(after, 'kube_netlab_graphql_operation_duration_seconds_count{operation_type="mutation",operation_name="Go",outcome="ok"}')).toBe(1);
    expect(sample(after, 'kube_netlab_graphql_operation_duration_seconds_count{operation_type="query",operation_name="ReadRun",outcome="ok"}')).toBeGreaterThanOrEqual(1);
    // Route templates, not raw paths: the run id is not in the label.
    expect(sample(after, 'kube_netlab_http_request_duration_seconds_count{method="GET",route="/api/simulations/:id",status_code="200"}')).toBeGreaterThanOrEqual(1);
    expect(after).not.toContain(runId);

    const worker = (await request(workerMetrics).get('/metrics').expect(200)).text;
    expect(sample(worker, 'kube_netlab_simulation_runs_finished_total{status="succeeded"}')).toBe(finishedBefore + 1);
    expect(sample(worker, 'kube_netlab_simulation_queue_wait_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(worker, 'kube_netlab_simulation_run_duration_seconds_count{status="succeeded"}')).toBeGreaterThanOrEqual(1);
  });
});

describe('hostile input is refused fast, located, and nothing is stored', () => {
  let stack: Stack;
  let api: ReturnType<typeof as>;
  beforeAll(async () => {
    stack = await bootStack({ MAX_SCENARIO_BYTES: String(1024 * 1024) });
    api = as(stack, (await signUp(stack)).token);
  });
  afterAll(() => stack.close());

  const laughs = (() => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  ${lines.join('\n  ')}\n`;
  })();
  const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: ${'['.repeat(100000)}${']'.repeat(100000)}\n`;

  it.each([
    ['a billion-laughs alias bomb', laughs, { line: 1, column: 1, message: expect.stringMatching(/alias/i) }],
    ['100,000 nested sequences', deep, { line: 5, column: 204, message: 'nesting too deep: more than 200 levels of mappings and sequences' }],
  ])('%s over REST and GraphQL', async (_, content, where) => {
    const before = await count(stack, 'scenario_versions');
    const started = Date.now();
    const rest = await api.post('/api/scenarios').send({ name: 'hostile', manifests: content }).expect(400);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(rest.body.error.code).toBe('BAD_USER_INPUT');
    expect(rest.body.error.details.diagnostics).toEqual([{ severity: 'error', file: 'manifests.yaml', ...where }]);

    const gql = await api.graphql(`mutation ($input: CreateScenarioInput!) { createScenario(input: $input) { id } }`, { input: { name: 'hostile', manifests: content } });
    expect(gql.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', diagnostics: [expect.objectContaining(where)] });
    expect(await count(stack, 'scenario_versions')).toBe(before);
  });

  it('manifests over MAX_SCENARIO_BYTES, and bodies over twice that, are refused', async () => {
    const before = await count(stack, 'scenarios');
    const big = `# ${'x'.repeat(1024 * 1024)}\n`;
    const refused = await api.post('/api/scenarios').send({ name: 'big', manifests: big }).expect(400);
    expect(refused.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/limit is 1048576 bytes/) });
    const huge = await api.post('/api/scenarios').send({ name: 'huge', manifests: big.repeat(3) }).expect(413);
    expect(huge.body.error.code).toBe('BAD_USER_INPUT');
    expect(await count(stack, 'scenarios')).toBe(before);
  });
});

/** A TCP relay the stack talks to instead of Postgres or Redis: closing it is the dependency going away. */
class Relay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  up(): Promise<void> {
    if (this.server?.listening) return Promise.resolve();
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Stops accepting and cuts every open connection; does not wait for them. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server?.listening) server.close();
    for (const s of this.sockets) s.destroy();
  }
}

describe('Postgres or Redis going away', () => {
  let stack: Stack;
  let postgres: Relay;
  let redis: Relay;
  let scenarioId: string;
  let api: ReturnType<typeof as>;

  beforeAll(async () => {
    const db = new URL(TEST_DATABASE_URL);
    const rd = new URL(TEST_REDIS_URL);
    postgres = new Relay(await freePort(), { host: db.hostname, port: Number(db.port || 5432) });
    redis = new Relay(await freePort(), { host: rd.hostname, port: Number(rd.port || 6379) });
    await Promise.all([postgres.up(), redis.up()]);
    db.host = `127.0.0.1:${postgres.port}`;
    rd.host = `127.0.0.1:${redis.port}`;
    stack = await bootStack({ DATABASE_URL: db.toString(), REDIS_URL: rd.toString(), LOG_FORMAT: 'json', RECONCILE_INTERVAL_MS: '500', STALE_RUN_AFTER_MS: '1000' });
    api = as(stack, (await signUp(stack)).token);
    scenarioId = (await api.post('/api/scenarios').send({ name: 'outage', manifests }).expect(201)).body.id;
  });
  afterAll(async () => {
    await Promise.all([postgres.up(), redis.up()]);
    await stack.close();
    await Promise.all([postgres.down(), redis.down()]);
  });

  /** Polls until `check` passes (the dependency came back and the pool reconnected). */
  async function eventually(check: () => Promise<void>, timeoutMs = 15000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await check();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  it('without Postgres: 503 SERVICE_UNAVAILABLE over REST and GraphQL, /health/ready 503; all recover when it returns', async () => {
    await postgres.down();
    try {
      const rest = await api.get(`/api/scenarios/${scenarioId}`).expect(503);
      expect(rest.body.error).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'postgres is unavailable; try again shortly', details: { dependency: 'postgres' } });
      expect(rest.headers['retry-after']).toBe('5');
      const gql = await api.graphql(`query ($id: ID!) { scenario(id: $id) { id } }`, { id: scenarioId });
      expect(gql.errors![0].extensions!.code).toBe('SERVICE_UNAVAILABLE');
      const ready = await request(stack.url).get('/health/ready').expect(503);
      expect(ready.body).toMatchObject({ status: 'error', postgres: { status: 'down' }, redis: { status: 'up' } });
      await request(stack.url).get('/health/live').expect(200);
      const metrics = await request(stack.url).get('/metrics').expect(200);
      expect(sample(metrics.text, 'kube_netlab_dependency_up{dependency="postgres"}')).toBe(0);
    } finally {
      await postgres.up();
    }
    await eventually(async () => {
      await request(stack.url).get('/health/ready').expect(200);
      await api.get(`/api/scenarios/${scenarioId}`).expect(200);
    });
    expect(stack.logs()).not.toMatch(/"level":"error"[^\n]*SERVICE_UNAVAILABLE|at PrismaService/);
  });

  it('without Redis: /health/ready 503, a run is still accepted and stored, and it finishes once Redis returns', async () => {
    await redis.down();
    let runId: string;
    try {
      await eventually(async () => {
        const ready = await request(stack.url).get('/health/ready').expect(503);
        expect(ready.body).toMatchObject({ status: 'error', postgres: { status: 'up' }, redis: { status: 'down' } });
      });
      const started = Date.now();
      const run = await api.post(`/api/scenarios/${scenarioId}/simulations`).send({}).expect(202);
      expect(Date.now() - started).toBeLessThan(5000);
      runId = run.body.id;
      expect(run.body.status).toBe('queued');
    } finally {
      await redis.up();
    }
    await eventually(() => request(stack.url).get('/health/ready').expect(200).then(() => undefined));
    const done = await waitFor(async () => (await api.get(`/api/simulations/${runId}`)).body, 30000);
    expect(done.status).toBe('succeeded');
  });
});
