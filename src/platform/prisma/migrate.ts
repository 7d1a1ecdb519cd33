/**
 * Applies the SQL migrations under prisma/migrations the way `prisma migrate deploy`
 * does, without Prisma's native schema engine: in name order, each in a transaction,
 * recorded in `_prisma_migrations` with the same columns and sha-256 checksum, under the
 * same advisory lock, so that this command and `prisma migrate deploy` agree and two
 * processes starting at once apply each migration exactly once. Creates the database
 * first when it does not exist.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../config/app-config';

/** Prisma's own advisory-lock key for migrations (schema-engine's postgres connector). */
const PRISMA_MIGRATE_LOCK = 72707369;

export const MIGRATIONS_DIR = join(__dirname, '..', '..', '..', 'prisma', 'migrations');

export interface MigrateReport {
  createdDatabase: boolean;
  applied: string[];
  alreadyApplied: string[];
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Creates the URL's database if it is missing; safe when several processes race. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`DATABASE_URL names no database: ${databaseUrl}`);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (error) {
    // 42P04 duplicate_database, 23505 unique_violation: another process created it first.
    const code = (error as { code?: string }).code;
    if (code === '42P04' || code === '23505') return false;
    throw error;
  } finally {
    await admin.end();
  }
}

export async function migrate(
  databaseUrl: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateReport> {
  const log = options.log ?? (() => undefined);
  const migrations = readMigrations(options.dir);
  const createdDatabase = await ensureDatabase(databaseUrl);
  if (createdDatabase) log(`Created database ${new URL(databaseUrl).pathname.slice(1)}`);

  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const report: MigrateReport = { createdDatabase, applied: [], alreadyApplied: [] };
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum"              VARCHAR(64) NOT NULL,
      "finished_at"           TIMESTAMPTZ,
      "migration_name"        VARCHAR(255) NOT NULL,
      "logs"                  TEXT,
      "rolled_back_at"        TIMESTAMPTZ,
      "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const failed = rows.find((row) => row.finished_at === null);
    if (failed) {
      throw new Error(
        `Migration ${failed.migration_name} failed earlier and is recorded as unfinished; ` +
          'resolve it (prisma migrate resolve) before applying more.',
      );
    }
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));

    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          log(`Warning: migration ${migration.name} was modified after it was applied.`);
        }
        report.alreadyApplied.push(migration.name);
        continue;
      }
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 0)`,
          [id, migration.checksum, migration.name],
        );
        await client.query(migration.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      report.applied.push(migration.name);
      log(`Applied ${migration.name}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]).catch(() => undefined);
    await client.end();
  }
  return report;
}

if (require.main === module) {
  const config = loadConfig();
  migrate(config.databaseUrl, { log: (line) => console.log(line) })
    .then((report) => {
      console.log(
        report.applied.length
          ? `${report.applied.length} migration(s) applied.`
          : `Database is up to date (${report.alreadyApplied.length} migration(s)).`,
      );
    })
    .catch((error: Error) => {
      console.error(`db:migrate failed: ${error.message}`);
      process.exit(1);
    });
}
