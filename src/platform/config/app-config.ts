/**
 * The service's configuration, read from the environment once at start-up and validated
 * as a whole: boot fails with one message that lists every bad variable. Nothing else in
 * the code base reads `process.env`.
 */
export class AppConfig {
  /** HTTP port of the API process. */
  readonly port: number;
  /** Postgres connection string; the database is created by `npm run db:migrate` if missing. */
  readonly databaseUrl: string;
  /** Redis connection string for the BullMQ queues. */
  readonly redisUrl: string;
  /** Simulation jobs a worker process runs at once. */
  readonly workerConcurrency: number;
  /** Attempts a simulation job gets for transient failures (a lost worker, a database blip). */
  readonly simulationAttempts: number;
  /** Largest scenario (all manifests together) the API accepts, in bytes. */
  readonly maxScenarioBytes: number;
  /** How often a worker looks for runs whose job was lost, in milliseconds. */
  readonly reconcileIntervalMs: number;
  /** How long an unfinished run may go untouched before the reconciler checks its job. */
  readonly staleRunAfterMs: number;
  /** How long a worker's lock on a job lasts without renewal: a dead worker's job is taken back after about this long. */
  readonly jobLockMs: number;
  /** Wall-clock limit of one simulation (its thread is stopped and the run fails). */
  readonly simulationTimeoutMs: number;
  /** Heap limit of one simulation's thread, in MiB. */
  readonly simulationMemoryMb: number;
  /** HMAC secret that signs sign-in tokens (HS256). */
  readonly jwtSecret: string;
  /** How long a sign-in token is valid, in seconds. */
  readonly tokenTtlSeconds: number;
  /** `json`: one JSON object per log line (the default in production); `text`: Nest's coloured lines. */
  readonly logFormat: 'json' | 'text';
  /** Port of the worker's own /metrics listener; 0 turns it off. */
  readonly workerMetricsPort: number;
  /** Unfinished (queued or running) runs one organization may have; a new run beyond it is refused. */
  readonly orgMaxActiveRuns: number;
  /** Requests one organization (or, unauthenticated, one IP) may make per window; 0 turns the limit off. */
  readonly rateLimitRequests: number;
  /** Length of the rate limit's fixed window, in seconds. */
  readonly rateLimitWindowSeconds: number;
  /** Priority of runs started with an API key when the request names none. */
  readonly apiKeyDefaultPriority: 'interactive' | 'batch';
  /** How long submitLab waits for the grade before answering with the submission still queued; 0 answers at once. */
  readonly gradeWaitMs: number;
  /** Attempts one webhook delivery gets (the first one included) before it is marked failed. */
  readonly webhookAttempts: number;
  /** Delay before a webhook's first retry, in milliseconds; each further retry waits twice as long. */
  readonly webhookRetryBaseMs: number;
  /** How long one webhook attempt may take (connect, answer, the first 2 KB of the body), in milliseconds. */
  readonly webhookTimeoutMs: number;
  /** Webhook deliveries a worker process sends at once. */
  readonly webhookConcurrency: number;
  /**
   * Whether webhook URLs may reach loopback, private, link-local and other non-public
   * addresses. Off by default in production (a subscriber could otherwise make the worker
   * call internal services); on elsewhere so a receiver on the same machine works.
   */
  readonly webhookAllowPrivateAddresses: boolean;
  /** The same for calls to LMSs (key sets, tokens, grades, rosters, dynamic registration): off by default in production. */
  readonly ltiAllowPrivateAddresses: boolean;
  /** The service's public base URL (LTI endpoints are under `<publicUrl>/lti`); no trailing slash. */
  readonly publicUrl: string;
  /** 32 bytes that encrypt the LTI tool's private keys at rest (AES-256-GCM). */
  readonly ltiKeyEncryptionKey: Buffer;
  /** Attempts a grade passback to an LMS gets before its row is marked failed. */
  readonly ltiPassbackAttempts: number;
  /** First delay between passback attempts, in milliseconds; doubled at each retry. */
  readonly ltiPassbackBackoffMs: number;

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export const CONFIG_DEFAULTS = {
  PORT: '3000',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/kube_netlab',
  REDIS_URL: 'redis://127.0.0.1:6379',
  WORKER_CONCURRENCY: '2',
  SIMULATION_ATTEMPTS: '5',
  MAX_SCENARIO_BYTES: String(5 * 1024 * 1024),
  RECONCILE_INTERVAL_MS: '30000',
  STALE_RUN_AFTER_MS: '60000',
  JOB_LOCK_MS: '30000',
  SIMULATION_TIMEOUT_MS: '60000',
  SIMULATION_MEMORY_MB: '1024',
  TOKEN_TTL_SECONDS: '3600',
  LOG_FORMAT: '',
  WORKER_METRICS_PORT: '9464',
  ORG_MAX_ACTIVE_RUNS: '200',
  RATE_LIMIT_REQUESTS: '20000',
  RATE_LIMIT_WINDOW_SECONDS: '60',
  API_KEY_DEFAULT_PRIORITY: 'batch',
  GRADE_WAIT_MS: '20000',
  WEBHOOK_ATTEMPTS: '10',
  WEBHOOK_RETRY_BASE_MS: '60000',
  WEBHOOK_TIMEOUT_MS: '10000',
  WEBHOOK_CONCURRENCY: '10',
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: '',
  LTI_ALLOW_PRIVATE_ADDRESSES: '',
  PUBLIC_URL: '',
  LTI_PASSBACK_ATTEMPTS: '10',
  LTI_PASSBACK_BACKOFF_MS: '5000',
} as const;

/**
 * The token secret used when JWT_SECRET is unset outside production: anyone can read it
 * here, so tokens signed with it prove nothing. Production refuses to start without one.
 */
export const DEV_JWT_SECRET = 'kube-netlab-development-secret-not-for-production';
const MIN_JWT_SECRET_LENGTH = 32;
/** LTI_KEY_ENCRYPTION_KEY when unset outside production: public, like DEV_JWT_SECRET. */
export const DEV_LTI_KEY_ENCRYPTION_KEY = Buffer.from('kube-netlab-dev-lti-key-32-bytes').toString('base64');

/** Reads and validates the configuration; throws one ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: keyof typeof CONFIG_DEFAULTS) => env[name]?.trim() || CONFIG_DEFAULTS[name];

  const int = (name: keyof typeof CONFIG_DEFAULTS, min: number, max: number): number => {
    const raw = read(name);
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
    }
    return value;
  };
  const url = (name: keyof typeof CONFIG_DEFAULTS, protocols: string[]): string => {
    const raw = read(name);
    let protocol = '';
    try {
      protocol = new URL(raw).protocol;
    } catch {
      problems.push(`${name}="${raw}" is not a URL`);
      return raw;
    }
    if (!protocols.includes(protocol)) {
      problems.push(`${name}="${raw}" must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    }
    return raw;
  };

  const production = env.NODE_ENV?.trim() === 'production';
  const jwtSecret = env.JWT_SECRET?.trim() || (production ? '' : DEV_JWT_SECRET);
  if (!jwtSecret) {
    problems.push('JWT_SECRET must be set in production (NODE_ENV=production): a random string of 32 or more characters');
  } else if (jwtSecret.length < MIN_JWT_SECRET_LENGTH) {
    problems.push(`JWT_SECRET must be at least ${MIN_JWT_SECRET_LENGTH} characters long`);
  }
  const ltiKeyText = env.LTI_KEY_ENCRYPTION_KEY?.trim() || (production ? '' : DEV_LTI_KEY_ENCRYPTION_KEY);
  const ltiKeyEncryptionKey = Buffer.from(ltiKeyText, 'base64');
  if (!ltiKeyText) problems.push('LTI_KEY_ENCRYPTION_KEY must be set in production (NODE_ENV=production): base64 of 32 random bytes (openssl rand -base64 32)');
  else if (ltiKeyEncryptionKey.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(ltiKeyText)) problems.push('LTI_KEY_ENCRYPTION_KEY must be base64 of exactly 32 bytes (openssl rand -base64 32)');
  const oneOf = <T extends string>(name: keyof typeof CONFIG_DEFAULTS, values: readonly T[], fallback: T): T => {
    const raw = read(name) || fallback;
    if (!values.includes(raw as T)) problems.push(`${name}="${raw}" must be one of ${values.join(', ')}`);
    return raw as T;
  };

  const config = new AppConfig({
    port: int('PORT', 0, 65535),
    databaseUrl: url('DATABASE_URL', ['postgresql:', 'postgres:']),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    workerConcurrency: int('WORKER_CONCURRENCY', 1, 64),
    simulationAttempts: int('SIMULATION_ATTEMPTS', 1, 20),
    maxScenarioBytes: int('MAX_SCENARIO_BYTES', 1024, 100 * 1024 * 1024),
    reconcileIntervalMs: int('RECONCILE_INTERVAL_MS', 100, 3_600_000),
    staleRunAfterMs: int('STALE_RUN_AFTER_MS', 0, 86_400_000),
    jobLockMs: int('JOB_LOCK_MS', 1000, 600_000),
    simulationTimeoutMs: int('SIMULATION_TIMEOUT_MS', 1, 3_600_000),
    simulationMemoryMb: int('SIMULATION_MEMORY_MB', 64, 65_536),
    jwtSecret,
    tokenTtlSeconds: int('TOKEN_TTL_SECONDS', 60, 86_400),
    logFormat: oneOf('LOG_FORMAT', ['json', 'text'] as const, env.NODE_ENV?.trim() === 'development' ? 'text' : 'json'),
    workerMetricsPort: int('WORKER_METRICS_PORT', 0, 65535),
    orgMaxActiveRuns: int('ORG_MAX_ACTIVE_RUNS', 1, 1_000_000),
    rateLimitRequests: int('RATE_LIMIT_REQUESTS', 0, 1_000_000),
    rateLimitWindowSeconds: int('RATE_LIMIT_WINDOW_SECONDS', 1, 3600),
    apiKeyDefaultPriority: oneOf('API_KEY_DEFAULT_PRIORITY', ['interactive', 'batch'] as const, 'batch'),
    gradeWaitMs: int('GRADE_WAIT_MS', 0, 120_000),
    webhookAttempts: int('WEBHOOK_ATTEMPTS', 1, 30),
    webhookRetryBaseMs: int('WEBHOOK_RETRY_BASE_MS', 10, 3_600_000),
    webhookTimeoutMs: int('WEBHOOK_TIMEOUT_MS', 100, 120_000),
    webhookConcurrency: int('WEBHOOK_CONCURRENCY', 1, 256),
    webhookAllowPrivateAddresses: oneOf('WEBHOOK_ALLOW_PRIVATE_ADDRESSES', ['true', 'false'] as const, production ? 'false' : 'true') === 'true',
    ltiAllowPrivateAddresses: oneOf('LTI_ALLOW_PRIVATE_ADDRESSES', ['true', 'false'] as const, production ? 'false' : 'true') === 'true',
    publicUrl: (read('PUBLIC_URL') ? url('PUBLIC_URL', ['http:', 'https:']) : `http://localhost:${read('PORT')}`).replace(/\/+$/, ''),
    ltiKeyEncryptionKey,
    ltiPassbackAttempts: int('LTI_PASSBACK_ATTEMPTS', 1, 100),
    ltiPassbackBackoffMs: int('LTI_PASSBACK_BACKOFF_MS', 1, 3_600_000),
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
