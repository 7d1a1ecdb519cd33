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
  /** `json`: one JSON object per log line (the default in production); `text`: Nest's coloured lines. */
  readonly logFormat: 'json' | 'text';
  /** Port of the worker's own /metrics listener; 0 turns it off. */
  readonly workerMetricsPort: number;

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
  LOG_FORMAT: '',
  WORKER_METRICS_PORT: '9464',
} as const;

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
    logFormat: oneOf('LOG_FORMAT', ['json', 'text'] as const, env.NODE_ENV?.trim() === 'development' ? 'text' : 'json'),
    workerMetricsPort: int('WORKER_METRICS_PORT', 0, 65535),
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
