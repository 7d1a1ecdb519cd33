import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../platform/config/app-config';
import { judgeAttempt, RetryWebhookLater } from './webhook-retry';
import { sendWebhook } from './webhook-sender';
import { signWebhook } from './webhook-signature';
import { WebhooksRepository } from './webhooks.repository';

/**
 * Makes one attempt of one delivery (in the worker): signs it afresh (a new
 * webhook-timestamp each attempt, the same webhook-id), POSTs it, and stores the attempt.
 * What follows is judgeAttempt's verdict: done, failed (a 410 also disables the webhook), or
 * retried after a backoff delay.
 */
@Injectable()
export class WebhookProcessor {
  private readonly logger = new Logger(WebhookProcessor.name);

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly config: AppConfig,
  ) {}

  /** Throws RetryWebhookLater after a failed attempt that will be retried. */
  async deliver(deliveryId: string): Promise<void> {
    const delivery = await this.repository.startAttempt(deliveryId);
    if (!delivery) return;
    const { subscription } = delivery;
    if (subscription.disabledAt) {
      await this.repository.fail(deliveryId);
      return;
    }

    const number = delivery.attemptCount;
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const startedAt = new Date();
    const outcome = await sendWebhook({
      url: subscription.url,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'kube-netlab-webhooks',
        'webhook-id': delivery.eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(subscription.secret, delivery.eventId, timestamp, body),
      },
      body,
      timeoutMs: this.config.webhookTimeoutMs,
      allowPrivateAddresses: this.config.webhookAllowPrivateAddresses,
    });
    const attempt = { number, startedAt, ...outcome };
    const what = `webhook delivery ${deliveryId} (${delivery.type} to ${subscription.url}) attempt ${number}/${this.config.webhookAttempts}`;

    const verdict = judgeAttempt(outcome, number, this.config.webhookAttempts, this.config.webhookRetryBaseMs);
    if (verdict.status === 'succeeded') {
      await this.repository.recordAttempt(deliveryId, attempt, verdict);
      this.logger.log(`${what} succeeded (${outcome.responseStatus})`);
    } else if (verdict.status === 'failed') {
      await this.repository.recordAttempt(deliveryId, attempt, { status: 'failed' });
      if (verdict.disable) await this.repository.disableSubscription(subscription.id);
      this.logger.warn(`${what} failed for good: ${outcome.error}${verdict.disable ? '; the webhook is disabled' : ''}`);
    } else {
      await this.repository.recordAttempt(deliveryId, attempt, { status: 'pending', nextAttemptAt: new Date(Date.now() + verdict.delayMs) });
      this.logger.warn(`${what} failed: ${outcome.error}; retrying in ${verdict.delayMs} ms`);
      throw new RetryWebhookLater(outcome.error ?? 'failed', verdict.delayMs);
    }
  }

  /** The queue gave up on a delivery's job (attempts used up by errors of our own, or stalled too often). */
  async giveUp(deliveryId: string, reason: string): Promise<void> {
    if (await this.repository.fail(deliveryId)) this.logger.error(`webhook delivery ${deliveryId} given up: ${reason}`);
  }
}
