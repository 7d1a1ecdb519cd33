import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { AppConfig } from '../../platform/config/app-config';
import { runWithContext } from '../../platform/logging/request-context';
import { GRADE_JOB, GradeJobData, SIMULATION_QUEUE, SimulateJobData } from '../../platform/queue/queue.constants';
import { gradeJobId, redisConnection, SimulationQueue } from '../../platform/queue/queue.module';
import { GradingProcessor } from '../grading/grading.processor';
import { GradingRepository } from '../grading/grading.repository';
import { SimulationProcessor } from './simulation.processor';
import { SimulationsRepository } from './simulations.repository';

type JobData = SimulateJobData | GradeJobData;
const isGrade = (job: { name: string; data: JobData }): job is { name: string; data: GradeJobData } => job.name === GRADE_JOB;

/**
 * The worker side of the simulation queue (simulation runs and grading jobs); provided only
 * by the worker process. Besides consuming jobs it reconciles: a run or grade whose job was
 * lost (Redis flushed, enqueue failed) is enqueued again, and one whose job failed for good
 * is marked failed, so nothing stays "queued" forever after a worker dies.
 */
@Injectable()
export class SimulationConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SimulationConsumer.name);
  private worker?: Worker<JobData>;
  private timer?: NodeJS.Timeout;
  private reconciling = false;

  constructor(
    private readonly config: AppConfig,
    private readonly processor: SimulationProcessor,
    private readonly repository: SimulationsRepository,
    private readonly producer: SimulationQueue,
    private readonly grading: GradingProcessor,
    private readonly grades: GradingRepository,
  ) {}

  onApplicationBootstrap(): void {
    // Each job runs in the context of the request that queued it: its log lines carry both ids.
    const handle = (job: { name: string; data: JobData }) =>
      isGrade(job)
        ? runWithContext({ requestId: job.data.requestId, gradeId: job.data.gradeId }, () => this.grading.process(job.data.gradeId))
        : runWithContext({ requestId: job.data.requestId, runId: (job.data as SimulateJobData).runId }, () => this.processor.process((job.data as SimulateJobData).runId));
    this.worker = new Worker<JobData>(SIMULATION_QUEUE, handle, {
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
      const [what, id] = isGrade(job) ? ['grade', job.data.gradeId] : ['run', (job.data as SimulateJobData).runId];
      const context = isGrade(job) ? { requestId: job.data.requestId, gradeId: id } : { requestId: job.data.requestId, runId: id };
      runWithContext(context, () => {
        if (job.attemptsMade >= attempts) {
          const giveUp = isGrade(job) ? this.grading.giveUp(id, error.message) : this.processor.giveUp(id, error.message);
          giveUp.catch((e: Error) => this.logger.error(e.message));
        } else {
          this.logger.warn(`${what} ${id} attempt ${job.attemptsMade} failed, will retry: ${error.message}`);
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
      const queue: Queue<JobData> = this.producer.queue;
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
      for (const grade of await this.grades.findStale(new Date(Date.now() - this.config.staleRunAfterMs))) {
        const job = await queue.getJob(gradeJobId(grade.id));
        const state = job ? await job.getState() : 'missing';
        if (state === 'missing' || state === 'unknown') {
          await this.grades.requeue(grade.id);
          await this.producer.enqueueGrade(grade.id, grade.regradeId ? 'regrade' : 'submission');
          this.logger.warn(`grade ${grade.id} had no job; enqueued it again`);
        } else if (state === 'failed') {
          await this.grading.giveUp(grade.id, job?.failedReason ?? 'job failed');
        } else if (state === 'completed') {
          await this.grades.fail(grade.id, 'the worker finished the job without recording a grade');
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
