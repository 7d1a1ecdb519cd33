import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { as, signUp } from '../support/auth';
import { bootStack, Stack } from '../support/boot';

const manifests = readFileSync(join(__dirname, '..', 'fixtures', 'web-deployment.yaml'), 'utf8');

/** Runs test/support/subscribe.mjs; resolves with the JSON lines it printed once it exits. */
function subscribe(stack: Stack, credential: string | undefined, runId: string, onLine: (line: any) => void = () => undefined): Promise<any[]> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'support', 'subscribe.mjs'), `${stack.url.replace('http', 'ws')}/graphql`, credential ?? '', runId]);
  const lines: any[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
      const line = JSON.parse(buffered.slice(0, i));
      buffered = buffered.slice(i + 1);
      lines.push(line);
      onLine(line);
    }
  });
  return new Promise((resolve) => child.on('exit', () => resolve(lines)));
}

describe('GraphQL subscriptions over graphql-ws', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await bootStack({}, { worker: false }); // runs stay queued until the test starts a worker
  });
  afterAll(() => stack.close());

  it("simulationRunUpdated streams a run's status until it succeeds", async () => {
    const owner = await signUp(stack);
    const api = as(stack, owner.token);
    const created = await api.post('/api/scenarios').send({ name: 'live', manifests }).expect(201);
    const started = await api.post(`/api/scenarios/${created.body.id}/simulations`).send({}).expect(202);
    let sawQueued!: () => void;
    const queued = new Promise<void>((resolve) => (sawQueued = resolve));
    const done = subscribe(stack, owner.token, started.body.id, (line) => line.data?.simulationRunUpdated?.status === 'queued' && sawQueued());
    await queued;
    await stack.startWorker();
    const lines = await done;
    const statuses = lines.map((l) => l.data.simulationRunUpdated.status);
    expect(statuses[0]).toBe('queued');
    expect(statuses[statuses.length - 1]).toBe('succeeded');
    expect(statuses.every((s, i) => i === 0 || ['queued', 'running', 'succeeded'].indexOf(s) > ['queued', 'running', 'succeeded'].indexOf(statuses[i - 1]))).toBe(true);
  });

  it('needs credentials, and another organization sees NOT_FOUND', async () => {
    const owner = await signUp(stack);
    const created = await as(stack, owner.token).post('/api/scenarios').send({ name: 'mine', manifests }).expect(201);
    const run = await as(stack, owner.token).post(`/api/scenarios/${created.body.id}/simulations`).send({}).expect(202);
    const anonymous = await subscribe(stack, undefined, run.body.id);
    expect(JSON.stringify(anonymous)).toContain('UNAUTHENTICATED');
    const stranger = await signUp(stack);
    const other = await subscribe(stack, stranger.token, run.body.id);
    expect(JSON.stringify(other)).toContain('NOT_FOUND');
  });
});
