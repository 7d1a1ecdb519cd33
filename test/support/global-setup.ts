import { Redis } from 'ioredis';
import { Client } from 'pg';
import { migrate } from '../../src/platform/prisma/migrate';
import { TEST_DATABASE_URL, TEST_REDIS_URL, useTestEnvironment } from './test-env';

/** Drops and re-creates the test database through the project's own migrate command. */
export default async function globalSetup(): Promise<void> {
  useTestEnvironment();
  const url = new URL(TEST_DATABASE_URL);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  await migrate(TEST_DATABASE_URL);

  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  await redis.flushdb();
  redis.disconnect();
}
