import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { CreateWebhookInput } from './dto/create-webhook.input';
import { CreatedWebhook, Webhook, WebhookDelivery } from './models/webhook.model';
import { toWebhook, toWebhookDelivery } from './webhook.mapper';
import { WebhooksService } from './webhooks.service';

@Resolver(() => Webhook)
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Requires('admin')
  @Mutation(() => CreatedWebhook, { description: 'Subscribes a URL to events; the signing secret is shown only in this answer (owners).' })
  async createWebhook(@CurrentCaller() caller: Caller, @Args('input') input: CreateWebhookInput): Promise<CreatedWebhook> {
    const { webhook, secret } = await this.service.create(caller, input);
    return { webhook: toWebhook(webhook), secret };
  }

  @Requires('teach')
  @Query(() => [Webhook], { description: "The organization's webhooks, newest first; never their secrets." })
  async webhooks(@CurrentCaller() caller: Caller): Promise<Webhook[]> {
    return (await this.service.list(caller)).map(toWebhook);
  }

  @Requires('admin')
  @Mutation(() => Webhook, { description: 'Deletes a webhook with its delivery log (owners).' })
  async deleteWebhook(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Webhook> {
    return toWebhook(await this.service.delete(caller, id));
  }

  @Requires('teach')
  @Query(() => [WebhookDelivery], { description: "A webhook's deliveries, newest first, each with every attempt." })
  async webhookDeliveries(
    @CurrentCaller() caller: Caller,
    @Args('webhookId', { type: () => ID }) webhookId: string,
    @Args('first', { type: () => Int, nullable: true, description: 'How many, 1 to 100; 20 when omitted.' }) first?: number,
  ): Promise<WebhookDelivery[]> {
    return (await this.service.deliveries(caller, webhookId, first ?? undefined)).map(toWebhookDelivery);
  }

  @Requires('admin')
  @Mutation(() => WebhookDelivery, { description: "Sends a delivery's event again, as a new delivery with the same webhook-id (owners)." })
  async redeliverWebhook(@CurrentCaller() caller: Caller, @Args('deliveryId', { type: () => ID }) deliveryId: string): Promise<WebhookDelivery> {
    return toWebhookDelivery(await this.service.redeliver(caller, deliveryId));
  }
}
