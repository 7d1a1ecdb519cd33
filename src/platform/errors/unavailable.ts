/**
 * Recognises errors that mean a dependency (Postgres, Redis) is unreachable rather than
 * that the request is wrong or the code is broken: they are answered 503
 * SERVICE_UNAVAILABLE, and the same request succeeds once the dependency is back.
 */

/** Socket-level failures (Node's errno codes). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * Prisma's connection errors (P1001 can't reach, P1002 timed out, P1008 operation timed
 * out, P1017 server closed the connection, P2024 pool timeout) and Postgres' SQLSTATE
 * class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now).
 */
const DATABASE_CODES = /^(P1001|P1002|P1008|P1017|P2024|08\w{3}|57P0[123])$/;

const MESSAGES = /Connection terminated|connection (?:refused|closed|timeout)|Can't reach database|ECONNREFUSED|ECONNRESET|Connection is closed|the database system is (?:starting up|shutting down)/i;

export function dependencyOf(error: unknown): 'postgres' | 'redis' | undefined {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : '';
    if (name === 'MaxRetriesPerRequestError') return 'redis'; // ioredis gave up on a command
    const isRedis = /redis/i.test(text);
    if (name === 'PrismaClientInitializationError') return 'postgres';
    if (typeof code === 'string' && DATABASE_CODES.test(code)) return 'postgres';
    if ((typeof code === 'string' && NETWORK_CODES.has(code)) || MESSAGES.test(text)) return isRedis ? 'redis' : 'postgres';
    if (name === 'DriverAdapterError' || /^Prisma/.test(String(name))) {
      const kind = (e as { cause?: { kind?: unknown } }).cause?.kind;
      if (typeof kind === 'string' && /NotReachable|ConnectionClosed|SocketTimeout|TooManyConnections|DatabaseDoesNotExist/.test(kind)) return 'postgres';
    }
  }
  return undefined;
}
