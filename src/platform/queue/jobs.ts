import { Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { withTimeout } from '../metrics/with-timeout';

/** How long an enqueue may wait for Redis: with Redis away, ioredis queues commands forever. */
export const ENQUEUE_TIMEOUT_MS = 2000;

/** How long finished jobs stay in Redis (the rows in Postgres are the record). */
export const JOB_RETENTION: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Adds jobs (job ids chosen by the caller: adding one twice adds it once, with the kept
 * retention), rejecting after ENQUEUE_TIMEOUT_MS when Redis does not answer. Every queue's
 * rows are stored first, so a caller that catches the rejection leaves the work to its
 * reconciler.
 */
export async function addJobs<T>(queue: Queue<T>, jobs: { name: string; data: T; opts: JobsOptions & { jobId: string } }[]): Promise<void> {
  const added = queue.addBulk(jobs.map((job) => ({ ...job, opts: { ...JOB_RETENTION, ...job.opts } })) as Parameters<Queue<T>['addBulk']>[0]);
  added.catch(() => undefined); // settles late when the timeout won; the caller has the rejection
  await withTimeout(added, ENQUEUE_TIMEOUT_MS, 'redis');
}

/**
 * A queue's 'error' events as warnings: an 'error' without a listener would kill the process
 * when Redis goes away, and ioredis reconnects by itself.
 */
export function warnOnQueueErrors<T>(queue: Queue<T>, context: string): void {
  const logger = new Logger(context);
  queue.on('error', (error: Error) => logger.warn(`redis: ${error.message}`));
}
