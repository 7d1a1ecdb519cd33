import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { AppConfig } from '../../platform/config/app-config';
import { runWithContext } from '../../platform/logging/request-context';
import { SIMULATION_QUEUE, SimulateJobData } from '../../platform/queue/queue.constants';
import { redisConnection, SimulationQueue } from '../../platform/queue/queue.module';
import { SimulationProcessor } from './simulation.processor';
import { SimulationsRepository } from './simulations.repository';

/**
 * The worker side of the simulation queue; provided only by the worker process. Besides
 * consuming jobs it reconciles: a run whose job was lost (Redis flushed, enqueue failed)
 * is enqueued again, and a run whose job failed for good is marked failed, so no run
 * stays "queued" or "running" forever after a worker dies.
 */
@Injectable()
export class SimulationConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SimulationConsumer.name);
  private worker?: Worker<SimulateJobData>;
  private timer?: NodeJS.Timeout;
  private reconciling = false;

  constructor(
    private readonly config: AppConfig,
    private readonly processor: SimulationProcessor,
    private readonly repository: SimulationsRepository,
    private readonly producer: SimulationQueue,
  ) {}

  onApplicationBootstrap(): void {
    // Each job runs in the context of the request that queued it: its log lines carry both ids.
    const handle = (job: { data: SimulateJobData }) =>
      runWithContext({ requestId: job.data.requestId, runId: job.data.runId }, () => this.processor.process(job.data.runId));
    this.worker = new Worker<SimulateJobData>(SIMULATION_QUEUE, handle, {
      connection: redisConnection(this.config),
      concurrency: this.config.workerConcurrency,
      // A worker that dies (kill -9) stops renewing its job's lock; after this long another
      // worker's stalled-job check takes the job back.
      lockDuration: this.config.jobLockMs,
      stalledInterval: this.config.jobLockMs,
    });
    this.worker.on('failed', (job, error) => {
      if (!job) return;
      const attempts = job.opts.attempts ?? 1;
      runWithContext({ requestId: job.data.requestId, runId: job.data.runId }, () => {
        if (job.attemptsMade >= attempts) {
          this.processor.giveUp(job.data.runId, error.message).catch((e: Error) => this.logger.error(e.message));
        } else {
          this.logger.warn(`run ${job.data.runId} attempt ${job.attemptsMade} failed, will retry: ${error.message}`);
        }
      });
    });
    this.worker.on('error', (error) => this.logger.error(`worker: ${error.message}`));
    this.timer = setInterval(() => void this.reconcile(), this.config.reconcileIntervalMs);
    void this.reconcile();
  }

  async reconcile(): Promise<void> {
    if (this.reconciling) return; // a slow pass is still going; skip this tick
    this.reconciling = true;
    try {
      const queue: Queue<SimulateJobData> = this.producer.queue;
      for (const run of await this.repository.findStale(new Date(Date.now() - this.config.staleRunAfterMs))) {
        const job = await queue.getJob(run.id);
        const state = job ? await job.getState() : 'missing';
        if (state === 'missing' || state === 'unknown') {
          await this.repository.requeue(run.id);
          await this.producer.enqueue(run.id, run.priority);
          this.logger.warn(`run ${run.id} had no job; enqueued it again`);
        } else if (state === 'failed') {
          await this.processor.giveUp(run.id, job?.failedReason ?? 'job failed');
        } else if (state === 'completed') {
          await this.repository.fail(run.id, 'the worker finished the job without recording a result');
        }
      }
    } catch (error) {
      this.logger.warn(`reconcile: ${(error as Error).message}`);
    } finally {
      this.reconciling = false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.worker?.close();
  }
}
