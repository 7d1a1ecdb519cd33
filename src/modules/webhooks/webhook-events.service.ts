import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client';
import type { WebhookEventType } from './webhook-event-types';
import { newWebhookMessageId } from './webhook-signature';
import { WebhookQueue } from './webhook.queue';
import { WebhooksRepository } from './webhooks.repository';

/**
 * What other features call to announce an event to an organization's webhooks. Exported
 * by WebhooksModule; works in the API and in the worker.
 */
@Injectable()
export class WebhookEvents {
  private readonly logger = new Logger(WebhookEvents.name);

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly queue: WebhookQueue,
  ) {}

  /**
   * Records one delivery of the event per active subscription of the organization to
   * `type`, then queues them. The records are written first and in the caller's flow (a
   * database error rejects); a Redis failure does not reject, since the worker's
   * reconciler queues recorded deliveries that have no job. The body sent is
   * `{ type, timestamp, data }` (Standard Webhooks), `timestamp` being now.
   */
  async emit(organizationId: string, type: WebhookEventType, data: object): Promise<void> {
    const subscriptions = await this.repository.subscribersOf(organizationId, type);
    if (subscriptions.length === 0) return;
    const eventId = newWebhookMessageId();
    const payload = { type, timestamp: new Date().toISOString(), data } as Prisma.InputJsonObject;
    const deliveries = subscriptions.map((s) => ({ id: randomUUID(), subscriptionId: s.id, eventId, type, payload }));
    await this.repository.createDeliveries(deliveries);
    await this.queue.enqueue(deliveries.map((d) => d.id));
    this.logger.log(`${type} ${eventId}: ${deliveries.length} webhook deliver${deliveries.length === 1 ? 'y' : 'ies'} recorded`);
  }

  /**
   * Emits `run.finished` for a run that has just succeeded or failed, from what is stored:
   * `{ runId, scenarioId, versionNumber, status, error }`. Nothing for an unknown or unfinished run.
   */
  async runFinished(runId: string): Promise<void> {
    const run = await this.repository.findRunOutcome(runId);
    if (!run || (run.status !== 'succeeded' && run.status !== 'failed')) return;
    await this.emit(run.version.scenario.organizationId, 'run.finished', {
      runId: run.id,
      scenarioId: run.version.scenarioId,
      versionNumber: run.version.number,
      status: run.status,
      error: run.error,
    });
  }
}
