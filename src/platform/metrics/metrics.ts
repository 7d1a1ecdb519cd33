import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's metrics, one registry per process (the API and each worker serve their
 * own /metrics). Names follow Prometheus conventions: seconds, `_total` for counters,
 * and a `kube_netlab_` prefix for everything that is ours.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'kube_netlab_' });

/** Latency buckets for requests and runs: 5 ms to 60 s. */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export const httpRequestDuration = new Histogram({
  name: 'kube_netlab_http_request_duration_seconds',
  help: 'HTTP requests by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const graphqlOperationDuration = new Histogram({
  name: 'kube_netlab_graphql_operation_duration_seconds',
  help: 'GraphQL operations by type, name and outcome (ok, or error when the response has errors)',
  labelNames: ['operation_type', 'operation_name', 'outcome'] as const,
  buckets: SECONDS,
  registers: [registry],
});

/** Read from the database at scrape time (API). */
export const runsByStatus = new Gauge({
  name: 'kube_netlab_simulation_runs',
  help: 'Simulation runs in the database by status',
  labelNames: ['status'] as const,
  registers: [registry],
});

/** Read from BullMQ at scrape time (API). */
export const queueJobs = new Gauge({
  name: 'kube_netlab_queue_jobs',
  help: 'Jobs in a BullMQ queue by state (waiting, active, delayed, prioritized, failed, completed)',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
});

/** 1 when the last scrape could read the dependency, 0 when it could not. */
export const dependencyUp = new Gauge({
  name: 'kube_netlab_dependency_up',
  help: 'Whether the last scrape reached the dependency (postgres, redis)',
  labelNames: ['dependency'] as const,
  registers: [registry],
});

/** Recorded by the worker. */
export const queueWait = new Histogram({
  name: 'kube_netlab_simulation_queue_wait_seconds',
  help: 'Time from a run being queued to a worker starting it',
  buckets: SECONDS,
  registers: [registry],
});

export const runDuration = new Histogram({
  name: 'kube_netlab_simulation_run_duration_seconds',
  help: 'Time a worker spent on a run attempt, by outcome (succeeded, failed, error: retried or given up)',
  labelNames: ['status'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const runsFinished = new Counter({
  name: 'kube_netlab_simulation_runs_finished_total',
  help: 'Runs a worker finished, by final status',
  labelNames: ['status'] as const,
  registers: [registry],
});

export const gradeDuration = new Histogram({
  name: 'kube_netlab_grade_duration_seconds',
  help: 'Time a worker spent grading a submission, by outcome (graded, reused: the same input was graded before, not_gradable, failed)',
  labelNames: ['outcome'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const gradesFinished = new Counter({
  name: 'kube_netlab_grades_finished_total',
  help: 'Grades a worker finished, by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** Distinct GraphQL operation names kept as label values; later ones become "other". */
const MAX_OPERATION_NAMES = 100;
const operationNames = new Set<string>();

/** A client-chosen operation name as a label value, without letting clients grow the series without bound. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
  operationNames.add(name);
  return name;
}
