import { as, signUp } from '../support/auth';
import { bootStack, Stack, waitFor } from '../support/boot';

/** A scenario big enough that its simulation is still running when the worker is killed. */
function bigScenario(): string {
  const docs: string[] = [];
  for (let i = 0; i < 400; i++) {
    docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-${i}}\nspec:\n  replicas: 5\n  selector: {matchLabels: {app: app-${i}}}\n  template:\n    metadata: {labels: {app: app-${i}}}\n    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: app-${i}}\nspec: {selector: {app: app-${i}}, ports: [{port: 80}]}\n`);
  }
  return docs.join('---\n');
}

describe('a worker killed mid-run loses nothing', () => {
  let stack: Stack;

  // Short job locks: a dead worker's job is taken back within seconds, not the default 30 s.
  beforeAll(async () => {
    stack = await bootStack({ JOB_LOCK_MS: '2000', RECONCILE_INTERVAL_MS: '500', STALE_RUN_AFTER_MS: '1000' });
  });
  afterAll(() => stack.close());

  it('kill -9 while running: the run completes on another worker, once', async () => {
    const api = as(stack, (await signUp(stack)).token);
    const created = await api.post('/api/scenarios').send({ name: 'big', manifests: bigScenario() }).expect(201);
    const started = await api.post(`/api/scenarios/${created.body.id}/simulations`).send({}).expect(202);
    const runId: string = started.body.id;
    // Wait until the first worker has started the run, then kill it without warning.
    for (let i = 0; ; i++) {
      const { rows } = await stack.db.query('SELECT status FROM simulation_runs WHERE id = $1', [runId]);
      if (rows[0].status === 'running') break;
      if (rows[0].status === 'succeeded' || i > 400) throw new Error(`the run was ${rows[0].status} before the worker could be killed`);
      await new Promise((r) => setTimeout(r, 5));
    }
    stack.workers[0].kill('SIGKILL');
    await stack.startWorker();
    const run = await waitFor(async () => (await api.get(`/api/simulations/${runId}`)).body, 60000);
    expect(run.status).toBe('succeeded');
    expect(run.attempts).toBe(2);
    expect(run.result.services.filter((s: any) => s.name.startsWith('app-'))).toHaveLength(400);
  });
});
