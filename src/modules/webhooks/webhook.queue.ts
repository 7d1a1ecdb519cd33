import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../platform/config/app-config';
import { addJobs, warnOnQueueErrors } from '../../platform/queue/jobs';
import { redisConnection } from '../../platform/queue/queue.module';

/** The webhook queue: its own, so a burst of deliveries never waits behind simulations (or the reverse). */
export const WEBHOOK_QUEUE = 'webhooks';
export const DELIVER_JOB = 'deliver';
/** The backoff type of delivery jobs: the worker's backoffStrategy (webhook.consumer.ts) computes each delay. */
export const WEBHOOK_BACKOFF = 'webhook';

/** A delivery job carries only the delivery's id; the worker loads the rest. */
export interface WebhookJobData {
  deliveryId: string;
}

/** Producer side of the webhook queue; the API and the worker both enqueue, only the worker consumes. */
@Injectable()
export class WebhookQueue implements OnModuleDestroy {
  private readonly logger = new Logger(WebhookQueue.name);
  readonly queue: Queue<WebhookJobData>;

  constructor(private readonly config: AppConfig) {
    this.queue = new Queue<WebhookJobData>(WEBHOOK_QUEUE, { connection: redisConnection(config) });
    warnOnQueueErrors(this.queue, WebhookQueue.name);
  }

  /**
   * Queues deliveries already recorded in Postgres; never throws. The job id is the
   * delivery id, so queueing one twice (the reconciler) adds one job. When Redis does not
   * answer, the deliveries stay pending and the worker's reconciler queues them later.
   */
  async enqueue(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    try {
      await addJobs(
        this.queue,
        deliveryIds.map((deliveryId) => ({ name: DELIVER_JOB, data: { deliveryId }, opts: { jobId: deliveryId, attempts: this.config.webhookAttempts, backoff: { type: WEBHOOK_BACKOFF } } })),
      );
    } catch (error) {
      this.logger.warn(`webhook deliveries ${deliveryIds.join(', ')} recorded but not queued (${(error as Error).message}); the reconciler will queue them`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}
