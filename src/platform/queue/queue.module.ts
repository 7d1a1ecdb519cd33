import { Global, Inject, Injectable, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { currentContext } from '../logging/request-context';
import { withTimeout } from '../metrics/with-timeout';
import { GRADE_JOB, GRADE_PRIORITY, GradeJobData, GradePriority, JOB_PRIORITY, RunPriority, SIMULATE_JOB, SIMULATION_QUEUE, SimulateJobData } from './queue.constants';

export const SIMULATION_QUEUE_TOKEN = Symbol('SIMULATION_QUEUE');

/** How long an enqueue may wait for Redis: with Redis away, ioredis queues commands forever. */
const ENQUEUE_TIMEOUT_MS = 2000;

/** BullMQ connection options for a Redis URL; workers need maxRetriesPerRequest null. */
export function redisConnection(config: AppConfig) {
  return { url: config.redisUrl, maxRetriesPerRequest: null };
}

export const gradeJobId = (gradeId: string) => `grade-${gradeId}`;

/** Producer side of the simulation queue: the API enqueues, only the worker consumes. */
@Injectable()
export class SimulationQueue implements OnModuleDestroy {
  constructor(
    @Inject(SIMULATION_QUEUE_TOKEN) readonly queue: Queue<SimulateJobData | GradeJobData>,
    private readonly config: AppConfig,
  ) {
    // An 'error' event without a listener would kill the process when Redis goes away;
    // ioredis reconnects by itself, so a warning is all it takes.
    const logger = new Logger('Queue');
    queue.on('error', (error) => logger.warn(`redis: ${error.message}`));
  }

  /**
   * Enqueues a run. The job id is the run id, so enqueueing the same run twice (a retry
   * of the request, the reconciler) adds one job. The current request id goes along.
   * Rejects after a timeout when Redis does not answer. Interactive runs go before batch runs.
   */
  async enqueue(runId: string, priority: RunPriority = 'interactive'): Promise<void> {
    const { requestId } = currentContext();
    const added = this.queue.add(
      SIMULATE_JOB,
      { runId, ...(requestId ? { requestId } : {}) },
      {
        jobId: runId,
        priority: JOB_PRIORITY[priority],
        attempts: this.config.simulationAttempts,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 24 * 3600, count: 10000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
    added.catch(() => undefined); // settles late when the timeout won; already reported
    await withTimeout(added, ENQUEUE_TIMEOUT_MS, 'redis');
  }

  /** Enqueues the grading of a submission (job id `grade-<id>`: enqueued twice, graded once). */
  async enqueueGrade(gradeId: string, priority: GradePriority): Promise<void> {
    const { requestId } = currentContext();
    const added = this.queue.add(
      GRADE_JOB,
      { gradeId, ...(requestId ? { requestId } : {}) },
      {
        jobId: gradeJobId(gradeId),
        priority: GRADE_PRIORITY[priority],
        attempts: this.config.simulationAttempts,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 24 * 3600, count: 10000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
    added.catch(() => undefined);
    await withTimeout(added, ENQUEUE_TIMEOUT_MS, 'redis');
  }

  /**
   * Moves a job that has not started yet up to interactive priority (behind the interactive
   * jobs already waiting). A started or finished job is left alone.
   */
  async promote(runId: string): Promise<void> {
    const work = (async () => {
      const job = await this.queue.getJob(runId);
      if (!job || !['prioritized', 'waiting', 'delayed'].includes(await job.getState())) return;
      await job.changePriority({ priority: JOB_PRIORITY.interactive });
    })();
    work.catch(() => undefined);
    await withTimeout(work, ENQUEUE_TIMEOUT_MS, 'redis');
  }

  /** Round trip to Redis over the queue's own connection (for /health). */
  async ping(): Promise<void> {
    const client = await this.queue.getBackend().client;
    await client.runCommand('ping', []);
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: SIMULATION_QUEUE_TOKEN,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new Queue<SimulateJobData | GradeJobData>(SIMULATION_QUEUE, { connection: redisConnection(config) }),
    },
    SimulationQueue,
  ],
  exports: [SimulationQueue],
})
export class QueueModule {}
