/** Queue names and job payloads: one place, shared by the API (producer) and the worker. */
export const SIMULATION_QUEUE = 'simulations';
export const SIMULATE_JOB = 'simulate';

/** A simulation job carries only the run's id; the worker loads everything else. */
export interface SimulateJobData {
  runId: string;
  /** The id of the HTTP request that queued the run, so the worker's log lines carry it. */
  requestId?: string;
}
