import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../../src/platform/prisma/migrate';
import { TEST_DATABASE_URL } from '../support/test-env';

const url = (() => {
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${u.pathname.slice(1)}_migrate`;
  return u.toString();
})();

async function query<T extends Record<string, unknown>>(connectionString: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('npm run db:migrate', () => {
  beforeAll(async () => {
    const admin = new URL(url);
    const name = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    await query(admin.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('creates the database and applies every migration once when two processes start at once', async () => {
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    expect(a.createdDatabase || b.createdDatabase).toBe(true);
    const names = readMigrations().map((m) => m.name);
    expect([...a.applied, ...b.applied].sort()).toEqual(names);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; rolled_back_at: Date | null }>(
      url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      // Prisma records the sha-256 of the migration script, hex, and one applied step.
      const sql = readFileSync(join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('is idempotent', async () => {
    const again = await migrate(url);
    expect(again.applied).toEqual([]);
    expect(again.createdDatabase).toBe(false);
    const tables = await query<{ tablename: string }>(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining(['_prisma_migrations', 'scenarios', 'scenario_versions', 'simulation_runs']),
    );
  });
});
