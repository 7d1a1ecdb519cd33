import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '../../platform/config/app-config';
import { redisConnection } from '../../platform/queue/queue.module';
import { RetryWebhookLater, retryDelayMs } from './webhook-retry';
import { WebhookProcessor } from './webhook.processor';
import { WEBHOOK_QUEUE, WebhookJobData, WebhookQueue } from './webhook.queue';
import { WebhooksRepository } from './webhooks.repository';

/**
 * The worker side of the webhook queue; provided only by the worker process. Besides
 * consuming jobs it reconciles: a pending delivery overdue by STALE_RUN_AFTER_MS whose job
 * is missing (Redis flushed, or down when the event was emitted) is queued again, and one
 * whose job failed for good is marked failed.
 */
@Injectable()
export class WebhookConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookConsumer.name);
  private worker?: Worker<WebhookJobData>;
  private timer?: NodeJS.Timeout;
  private reconciling = false;

  constructor(
    private readonly config: AppConfig,
    private readonly processor: WebhookProcessor,
    private readonly repository: WebhooksRepository,
    private readonly producer: WebhookQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<WebhookJobData>(WEBHOOK_QUEUE, (job) => this.processor.deliver(job.data.deliveryId), {
      connection: redisConnection(this.config),
      concurrency: this.config.webhookConcurrency,
      lockDuration: this.config.jobLockMs,
      stalledInterval: this.config.jobLockMs,
      settings: {
        // The processor chose (and stored) the delay of a retry it asked for; errors of our
        // own (the database) wait as long as a failed attempt would.
        backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
          error instanceof RetryWebhookLater ? error.delayMs : retryDelayMs(attemptsMade, this.config.webhookRetryBaseMs),
      },
    });
    this.worker.on('failed', (job, error) => {
      if (!job) return;
      if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
        this.processor.giveUp(job.data.deliveryId, error.message).catch((e: Error) => this.logger.error(e.message));
      } else if (!(error instanceof RetryWebhookLater)) {
        this.logger.warn(`webhook delivery ${job.data.deliveryId}: ${error.message}; will retry`);
      }
    });
    this.worker.on('error', (error) => this.logger.error(`webhook worker: ${error.message}`));
    this.timer = setInterval(() => void this.reconcile(), this.config.reconcileIntervalMs);
    void this.reconcile();
  }

  async reconcile(): Promise<void> {
    if (this.reconciling) return; // a slow pass is still going; skip this tick
    this.reconciling = true;
    try {
      const lost: string[] = [];
      for (const delivery of await this.repository.findOverdue(new Date(Date.now() - this.config.staleRunAfterMs))) {
        const job = await this.producer.queue.getJob(delivery.id);
        const state = job ? await job.getState() : 'missing';
        if (state === 'missing' || state === 'unknown') lost.push(delivery.id);
        else if (state === 'failed') await this.processor.giveUp(delivery.id, job?.failedReason ?? 'job failed');
      }
      if (lost.length > 0) {
        await this.producer.enqueue(lost);
        this.logger.warn(`webhook deliveries ${lost.join(', ')} had no job; queued them again`);
      }
    } catch (error) {
      this.logger.warn(`webhook reconcile: ${(error as Error).message}`);
    } finally {
      this.reconciling = false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.worker?.close();
  }
}
