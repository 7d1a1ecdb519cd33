import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client';
import { AppConfig } from '../../platform/config/app-config';
import { InvalidInputError, NotFoundError } from '../../platform/errors/domain-errors';
import { isUuid } from '../../platform/util/uuid';
import type { Caller } from '../auth/permissions';
import { nonPublicHost } from '../../platform/http/public-address';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-types';
import { generateWebhookSecret } from './webhook-signature';
import { WebhookQueue } from './webhook.queue';
import { WebhooksRepository } from './webhooks.repository';

/** How the webhooks feature talks about a subscription and a delivery (the repository's row shapes). */
export type WebhookRecord = NonNullable<Awaited<ReturnType<WebhooksRepository['findSubscription']>>>;
export type DeliveryRecord = Awaited<ReturnType<WebhooksRepository['listDeliveries']>>[number];

const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

/** Managing an organization's webhooks: subscribe, list, delete, inspect deliveries, redeliver. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly queue: WebhookQueue,
    private readonly config: AppConfig,
  ) {}

  /** A new subscription and its signing secret, which only this answer carries. */
  async create(caller: Caller, input: { url: string; events: string[]; description?: string }): Promise<{ webhook: WebhookRecord; secret: string }> {
    const url = this.checkUrl(input.url.trim());
    const secret = generateWebhookSecret();
    // The input's types are checked at the edge (CreateWebhookInput); stored once each, in a fixed order.
    const events = WEBHOOK_EVENT_TYPES.filter((e) => input.events.includes(e));
    const webhook = await this.repository.createSubscription(caller.organizationId, { url, events, description: input.description?.trim() ?? '', secret });
    return { webhook, secret };
  }

  list(caller: Caller): Promise<WebhookRecord[]> {
    return this.repository.listSubscriptions(caller.organizationId);
  }

  /** Deletes a webhook and its delivery log; deliveries still queued are dropped. */
  async delete(caller: Caller, id: string): Promise<WebhookRecord> {
    const deleted = isUuid(id) ? await this.repository.deleteSubscription(caller.organizationId, id) : null;
    if (!deleted) throw new NotFoundError('Webhook', id);
    return deleted;
  }

  /** A webhook's deliveries, newest first (`first`: 1 to 100, 20 when omitted), each with every attempt. */
  async deliveries(caller: Caller, webhookId: string, first?: number): Promise<DeliveryRecord[]> {
    const size = first ?? DEFAULT_PAGE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw new InvalidInputError(`first must be a whole number from 1 to ${MAX_PAGE}; got ${first}`);
    const webhook = isUuid(webhookId) ? await this.repository.findSubscription(caller.organizationId, webhookId) : null;
    if (!webhook) throw new NotFoundError('Webhook', webhookId);
    return this.repository.listDeliveries(caller.organizationId, webhookId, size);
  }

  /**
   * Sends a delivery's event again as a new delivery (its own attempts), with the same
   * webhook-id so the receiver can tell it is the same event.
   */
  async redeliver(caller: Caller, deliveryId: string): Promise<DeliveryRecord> {
    const original = isUuid(deliveryId) ? await this.repository.findDelivery(caller.organizationId, deliveryId) : null;
    if (!original) throw new NotFoundError('WebhookDelivery', deliveryId);
    if (original.subscription.disabledAt) {
      throw new InvalidInputError(`webhook ${original.subscriptionId} was disabled (its receiver answered 410 Gone); create a new one to deliver again`);
    }
    const id = randomUUID();
    const { subscriptionId, eventId, type } = original;
    await this.repository.createDeliveries([{ id, subscriptionId, eventId, type, payload: original.payload as Prisma.InputJsonValue }]);
    await this.queue.enqueue([id]);
    return (await this.repository.findDelivery(caller.organizationId, id))!;
  }

  /** An http(s) URL without credentials, and a public host unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES is on. */
  private checkUrl(raw: string): string {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new InvalidInputError(`url ${JSON.stringify(raw)} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidInputError(`url ${JSON.stringify(raw)} must start with http:// or https://`);
    if (url.username || url.password) throw new InvalidInputError(`url ${JSON.stringify(raw)} must not carry a user name or password; the signature authenticates deliveries`);
    const refused = this.config.webhookAllowPrivateAddresses ? null : nonPublicHost(url.hostname);
    if (refused) throw new InvalidInputError(`url ${JSON.stringify(raw)}: ${refused}; webhooks go to public addresses only (WEBHOOK_ALLOW_PRIVATE_ADDRESSES is off)`);
    return url.toString();
  }
}
