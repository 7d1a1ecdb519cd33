import { randomUUID } from 'node:crypto';
import { bootStack, Stack, waitFor } from '../support/boot';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  containers:\n    - name: c\n      image: busybox\n';

describe('a simulation runs within a time limit, in its own thread', () => {
  let stack: Stack;

  // A deadline no simulation can meet: every run hits it.
  beforeAll(async () => {
    stack = await bootStack({ SIMULATION_TIMEOUT_MS: '1', RECONCILE_INTERVAL_MS: '200', STALE_RUN_AFTER_MS: '0' });
  });
  afterAll(() => stack.close());

  it('a run over its time limit fails with that reason, once, and the worker goes on', async () => {
    const scenarioId = randomUUID();
    const versionId = randomUUID();
    const ids = [randomUUID(), randomUUID()];
    const organizationId = randomUUID();
    await stack.db.query('INSERT INTO organizations (id, name) VALUES ($1, $2)', [organizationId, 'limits']);
    await stack.db.query('INSERT INTO scenarios (id, organization_id, name, updated_at) VALUES ($1, $2, $3, now())', [scenarioId, organizationId, 'slow']);
    await stack.db.query("INSERT INTO scenario_versions (id, scenario_id, number, content, sha256) VALUES ($1, $2, 1, $3, repeat('0', 64))", [versionId, scenarioId, POD]);
    for (const id of ids) await stack.db.query("INSERT INTO simulation_runs (id, version_id, status, updated_at) VALUES ($1, $2, 'queued', now())", [id, versionId]);
    for (const id of ids) {
      const run = await waitFor(async () => (await stack.db.query('SELECT status, attempts, error FROM simulation_runs WHERE id = $1', [id])).rows[0]);
      expect(run).toEqual({ status: 'failed', attempts: 1, error: 'the simulation exceeded its time limit of 1 ms' });
    }
  });
});
