import { dependencyOf } from './unavailable';

const withCode = (message: string, code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code }, extra);

describe('dependencyOf', () => {
  it('recognises Postgres being away: socket errors, Prisma connection codes, SQLSTATE 08/57P0x, wrapped causes', () => {
    expect(dependencyOf(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe('postgres');
    expect(dependencyOf(withCode("Can't reach database server", 'P1001'))).toBe('postgres');
    expect(dependencyOf(withCode('the database system is shutting down', '57P01'))).toBe('postgres');
    expect(dependencyOf(new Error('query failed', { cause: withCode('x', '08006') }))).toBe('postgres');
    expect(dependencyOf(new Error('Connection terminated unexpectedly'))).toBe('postgres');
  });

  it('recognises Redis being away', () => {
    expect(dependencyOf(withCode('Redis connection to 127.0.0.1:6379 failed - connect ECONNREFUSED', 'ECONNREFUSED'))).toBe('redis');
    expect(dependencyOf(Object.assign(new Error('Reached the max retries per request limit'), { name: 'MaxRetriesPerRequestError' }))).toBe('redis');
  });

  it('leaves every other error alone (it stays a 500 or its own code)', () => {
    expect(dependencyOf(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBeUndefined();
    expect(dependencyOf(withCode('Unique constraint failed', 'P2002'))).toBeUndefined();
    expect(dependencyOf(withCode('duplicate key value', '23505'))).toBeUndefined();
    expect(dependencyOf('a string')).toBeUndefined();
    const loop: Error & { cause?: unknown } = new Error('self');
    loop.cause = loop;
    expect(dependencyOf(loop)).toBeUndefined();
  });
});
