/** Queue names and job payloads: one place, shared by the API (producer) and the worker. */
export const SIMULATION_QUEUE = 'simulations';
export const SIMULATE_JOB = 'simulate';
export const GRADE_JOB = 'grade';

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

/** A grading job carries only the grade's id. */
export interface GradeJobData {
  gradeId: string;
  requestId?: string;
}

/**
 * Grading sits below interactive runs (a person at a terminal) and above batch runs; a
 * regrade, which nobody waits for in class, comes last.
 */
export const GRADE_PRIORITY = { submission: 5, regrade: 20 } as const;
export type GradePriority = keyof typeof GRADE_PRIORITY;
