import { Global, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { currentContext } from '../logging/request-context';
import { withTimeout } from '../metrics/with-timeout';
import { addJobs, ENQUEUE_TIMEOUT_MS, warnOnQueueErrors } from './jobs';
import { GRADE_JOB, GRADE_PRIORITY, GradeJobData, GradePriority, JOB_PRIORITY, RunPriority, SIMULATE_JOB, SIMULATION_QUEUE, SimulateJobData } from './queue.constants';

export const SIMULATION_QUEUE_TOKEN = Symbol('SIMULATION_QUEUE');

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
    warnOnQueueErrors(queue, 'Queue');
  }

  /**
   * Enqueues a run. The job id is the run id, so enqueueing the same run twice (a retry
   * of the request, the reconciler) adds one job. The current request id goes along.
   * Rejects after a timeout when Redis does not answer. Interactive runs go before batch runs.
   */
  async enqueue(runId: string, priority: RunPriority = 'interactive'): Promise<void> {
    const { requestId } = currentContext();
    await addJobs(this.queue, [
      {
        name: SIMULATE_JOB,
        data: { runId, ...(requestId ? { requestId } : {}) },
        opts: { jobId: runId, priority: JOB_PRIORITY[priority], attempts: this.config.simulationAttempts, backoff: { type: 'exponential', delay: 1000 } },
      },
    ]);
  }

  /** Enqueues the grading of a submission (job id `grade-<id>`: enqueued twice, graded once). */
  async enqueueGrade(gradeId: string, priority: GradePriority): Promise<void> {
    const { requestId } = currentContext();
    await addJobs(this.queue, [
      {
        name: GRADE_JOB,
        data: { gradeId, ...(requestId ? { requestId } : {}) },
        opts: { jobId: gradeJobId(gradeId), priority: GRADE_PRIORITY[priority], attempts: this.config.simulationAttempts, backoff: { type: 'exponential', delay: 1000 } },
      },
    ]);
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
