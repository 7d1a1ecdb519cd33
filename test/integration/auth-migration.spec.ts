import { Client } from 'pg';
import { readMigrations } from '../../src/platform/prisma/migrate';
import { TEST_DATABASE_URL } from '../support/test-env';

const AUTH_MIGRATION = '20261122040000_auth';
const LEGACY_ORGANIZATION = '00000000-0000-4000-8000-00000000000a';

/** A scratch database of its own, migrated by hand up to (not including) the auth migration. */
async function databaseBeforeAuth(suffix: string): Promise<Client> {
  const url = new URL(TEST_DATABASE_URL);
  const name = `${url.pathname.slice(1)}_${suffix}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const adminClient = new Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminClient.query(`CREATE DATABASE "${name}"`);
  await adminClient.end();
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  for (const migration of readMigrations().filter((m) => m.name < AUTH_MIGRATION)) await client.query(migration.sql);
  return client;
}

const authSql = () => readMigrations().find((m) => m.name === AUTH_MIGRATION)!.sql;

describe('the auth migration keeps existing scenarios valid', () => {
  it('moves scenarios made before organizations into one "legacy" organization, runs and versions intact', async () => {
    const db = await databaseBeforeAuth('authmig_legacy');
    try {
      await db.query(`INSERT INTO scenarios (id, name, updated_at) VALUES ('11111111-1111-4111-8111-111111111111', 'old', now())`);
      await db.query(
        `INSERT INTO scenario_versions (id, scenario_id, number, content, sha256) VALUES ('22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111', 1, 'kind: Namespace', repeat('0', 64))`,
      );
      await db.query(`INSERT INTO simulation_runs (id, version_id, updated_at) VALUES ('33333333-3333-4333-8333-333333333333', '22222222-2222-4222-8222-222222222222', now())`);
      await db.query(authSql());

      const { rows: scenarios } = await db.query('SELECT organization_id, created_by_id FROM scenarios');
      expect(scenarios).toEqual([{ organization_id: LEGACY_ORGANIZATION, created_by_id: null }]);
      const { rows: organizations } = await db.query('SELECT id, name FROM organizations');
      expect(organizations).toEqual([{ id: LEGACY_ORGANIZATION, name: 'legacy' }]);
      // No one belongs to it: its scenarios are unreachable until an operator adds an owner.
      expect((await db.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
      expect((await db.query('SELECT count(*)::int AS n FROM simulation_runs')).rows[0].n).toBe(1);
      // From now on the column is required.
      await expect(db.query(`INSERT INTO scenarios (id, name, updated_at) VALUES (gen_random_uuid(), 'new', now())`)).rejects.toThrow(/organization_id/);
    } finally {
      await db.end();
    }
  });

  it('creates no legacy organization on a database without scenarios', async () => {
    const db = await databaseBeforeAuth('authmig_empty');
    try {
      await db.query(authSql());
      expect((await db.query('SELECT count(*)::int AS n FROM organizations')).rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
  });
});
