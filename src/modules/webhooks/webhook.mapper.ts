import { WebhookDeliveryStatus, type Webhook, type WebhookDelivery } from './models/webhook.model';
import type { DeliveryRecord, WebhookRecord } from './webhooks.service';

/** A subscription as the API shows it: never its secret. */
export function toWebhook(record: WebhookRecord): Webhook {
  const { id, url, events, description, createdAt, disabledAt } = record;
  return { id, url, events, description, active: disabledAt === null, createdAt, disabledAt };
}

export function toWebhookDelivery(record: DeliveryRecord): WebhookDelivery {
  const { id, subscriptionId, eventId, type, payload, status, nextAttemptAt, createdAt, finishedAt, attempts } = record;
  return {
    id,
    webhookId: subscriptionId,
    eventId,
    type,
    // The bytes the processor sends: it serializes the stored payload the same way.
    payload: JSON.stringify(payload),
    status: WebhookDeliveryStatus[status],
    nextAttemptAt,
    createdAt,
    finishedAt,
    attempts: attempts.map(({ number, startedAt, durationMs, responseStatus, responseBody, error }) => ({ number, startedAt, durationMs, responseStatus, responseBody, error })),
  };
}
