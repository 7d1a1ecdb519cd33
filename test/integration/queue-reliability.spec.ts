import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { bootStack, Stack, waitFor } from '../support/boot';
import { TEST_REDIS_URL } from '../support/test-env';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  containers:\n    - name: c\n      image: busybox\n';

describe('the queue loses nothing', () => {
  let stack: Stack;

  // A worker that reconciles every 200 ms and treats any unfinished run as stale.
  beforeAll(async () => {
    stack = await bootStack({ RECONCILE_INTERVAL_MS: '200', STALE_RUN_AFTER_MS: '0' });
  });
  afterAll(() => stack.close());

  /** A run written straight to the database with no job in Redis: as if the API stored it
   *  and Redis lost the job, or a worker died mid-run. */
  async function orphanRun(status: 'queued' | 'running', content = POD, priority: 'interactive' | 'batch' = 'interactive'): Promise<string> {
    const scenarioId = randomUUID();
    const versionId = randomUUID();
    const runId = randomUUID();
    const organizationId = randomUUID();
    await stack.db.query('INSERT INTO organizations (id, name) VALUES ($1, $2)', [organizationId, 'orphans']);
    await stack.db.query('INSERT INTO scenarios (id, organization_id, name, updated_at) VALUES ($1, $2, $3, now())', [
      scenarioId,
      organizationId,
      'orphan',
    ]);
    await stack.db.query(
      "INSERT INTO scenario_versions (id, scenario_id, number, content, sha256) VALUES ($1, $2, 1, $3, repeat('0', 64))",
      [versionId, scenarioId, content],
    );
    await stack.db.query('INSERT INTO simulation_runs (id, version_id, status, priority, updated_at) VALUES ($1, $2, $3, $4, now())', [
      runId,
      versionId,
      status,
      priority,
    ]);
    return runId;
  }

  const readRun = async (id: string) =>
    (await stack.db.query('SELECT status, attempts, error, result FROM simulation_runs WHERE id = $1', [id])).rows[0];

  it.each(['queued', 'running'] as const)('a %s run whose job is gone is enqueued again and finishes', async (status) => {
    const id = await orphanRun(status);
    const run = await waitFor(() => readRun(id));
    expect(run.status).toBe('succeeded');
    expect(run.attempts).toBe(1);
    expect(run.result.pods.some((pod: any) => pod.name === 'solo')).toBe(true);
  });

  it('a batch run enqueued again keeps its batch priority (BullMQ priority 10, behind interactive 1)', async () => {
    const id = await orphanRun('queued', POD, 'batch');
    expect((await waitFor(() => readRun(id))).status).toBe('succeeded');
    // BullMQ keeps a finished job's hash (removeOnComplete keeps a day); its priority field is the one it was added with.
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      expect(await redis.hget(`bull:simulations:${id}`, 'priority')).toBe('10');
    } finally {
      redis.disconnect();
    }
  });

  it('an engine error fails the run at once with the error, without retries', async () => {
    // Stored behind the API's back: the API itself refuses invalid YAML.
    const id = await orphanRun('queued', 'kind: Pod\nmetadata: [\n');
    const run = await waitFor(() => readRun(id));
    expect(run.status).toBe('failed');
    expect(run.attempts).toBe(1);
    expect(run.error).toMatch(/manifests\.yaml:\d+:\d+/);
  });
});
