/** Queue names and job payloads: one place, shared by the API (producer) and the worker. */
export const SIMULATION_QUEUE = 'simulations';
export const SIMULATE_JOB = 'simulate';

/** A simulation job carries only the run's id; the worker loads everything else. */
export interface SimulateJobData {
  runId: string;
  /** The id of the HTTP request that queued the run, so the worker's log lines carry it. */
  requestId?: string;
}

/** Which runs start first; stored on the run so a re-enqueued job keeps its place. */
export type RunPriority = 'interactive' | 'batch';

/**
 * BullMQ job priorities (a lower number starts first; jobs of one priority keep their
 * order): a queued interactive run starts before every queued batch run.
 */
export const JOB_PRIORITY: Record<RunPriority, number> = { interactive: 1, batch: 10 };
