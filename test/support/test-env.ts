/**
 * The e2e/integration tier's own database and Redis database, so a run never touches a
 * developer's data. Overridable with TEST_DATABASE_URL / TEST_REDIS_URL.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/kube_netlab_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

export function useTestEnvironment(): void {
  process.env.TZ = 'UTC';
  process.env.DATABASE_URL = TEST_DATABASE_URL;
  process.env.REDIS_URL = TEST_REDIS_URL;
}
