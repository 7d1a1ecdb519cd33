import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { AppConfig } from '../../platform/config/app-config';
import { addJobs, warnOnQueueErrors } from '../../platform/queue/jobs';
import { redisConnection } from '../../platform/queue/queue.module';
import { GradeHooks } from '../grading/grade-hooks';
import { LtiRepository } from './lti.repository';
import { LtiPassbackService } from './lti-passback.service';

/** The passback queue: produced and consumed by the worker only (the API never sends scores). */
export const LTI_PASSBACK_QUEUE = 'lti-passback';
export const LTI_PASSBACK_JOB = 'passback';

/** A passback job carries the outbox row's id (also its job id: enqueued twice, sent once). */
export interface PassbackJobData {
  passbackId: string;
}

/** Scores go out a few at a time: each is a couple of HTTP calls to the LMS. */
const CONCURRENCY = 4;

/**
 * The worker side of grade passback: listens to finished grades (GradeHooks), writes the
 * outbox rows and enqueues them, sends them with retries and exponential backoff, and
 * reconciles: a pending row without a job (Redis lost it, the enqueue failed, an
 * instructor asked for a retry) is enqueued again.
 */
@Injectable()
export class LtiPassbackConsumer implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LtiPassbackConsumer.name);
  private readonly queue: Queue<PassbackJobData>;
  private worker?: Worker<PassbackJobData>;
  private timer?: NodeJS.Timeout;
  private reconciling = false;

  constructor(
    private readonly config: AppConfig,
    private readonly hooks: GradeHooks,
    private readonly passbacks: LtiPassbackService,
    private readonly repository: LtiRepository,
  ) {
    this.queue = new Queue<PassbackJobData>(LTI_PASSBACK_QUEUE, { connection: redisConnection(config) });
    warnOnQueueErrors(this.queue, LtiPassbackConsumer.name);
  }

  onModuleInit(): void {
    this.hooks.onGraded(async (event) => {
      for (const id of await this.passbacks.gradeFinished(event)) await this.enqueue(id);
    });
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker<PassbackJobData>(
      LTI_PASSBACK_QUEUE,
      async (job) => {
        const outcome = await this.passbacks.send(job.data.passbackId);
        // Throwing hands the retry (with backoff) to BullMQ; the row already says what went wrong.
        if (outcome.status === 'retry') throw outcome.error;
      },
      { connection: redisConnection(this.config), concurrency: CONCURRENCY },
    );
    this.worker.on('error', (error) => this.logger.error(`worker: ${error.message}`));
    this.timer = setInterval(() => void this.reconcile(), this.config.reconcileIntervalMs);
    void this.reconcile();
  }

  /**
   * Queues a recorded passback; never throws. When Redis does not answer, the row stays
   * pending and the reconciler queues it later: the grading job that called the grade
   * listeners (and the listeners after this one) does not wait for Redis to come back.
   */
  async enqueue(passbackId: string): Promise<void> {
    try {
      await addJobs(this.queue, [
        {
          name: LTI_PASSBACK_JOB,
          data: { passbackId },
          opts: { jobId: passbackId, attempts: this.config.ltiPassbackAttempts, backoff: { type: 'exponential', delay: this.config.ltiPassbackBackoffMs } },
        },
      ]);
    } catch (error) {
      this.logger.warn(`passback ${passbackId} recorded but not queued (${(error as Error).message}); the reconciler will queue it`);
    }
  }

  /** Re-enqueues pending rows whose job is gone or finished (a finished job of a pending row is a retry asked for). */
  async reconcile(): Promise<void> {
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      for (const { id } of await this.repository.stalePassbacks(new Date(Date.now() - this.config.staleRunAfterMs))) {
        const job = await this.queue.getJob(id);
        const state = job ? await job.getState() : 'missing';
        if (!['missing', 'unknown', 'failed', 'completed'].includes(state)) continue;
        await job?.remove();
        await this.enqueue(id);
        this.logger.warn(`passback ${id} was pending without a job (${state}); enqueued it again`);
      }
    } catch (error) {
      this.logger.warn(`reconcile passbacks: ${(error as Error).message}`);
    } finally {
      this.reconciling = false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.worker?.close();
    await this.queue.close();
  }
}
