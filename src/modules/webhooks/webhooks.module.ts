import { Global, Module } from '@nestjs/common';
import { WebhookEvents } from './webhook-events.service';
import { WebhookQueue } from './webhook.queue';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksResolver } from './webhooks.resolver';
import { WebhooksService } from './webhooks.service';

/**
 * Organizations' webhooks: management (GraphQL, REST) and WebhookEvents, which other
 * features call to emit events. Global, like RunEvents: a feature injects WebhookEvents
 * without importing this module.
 */
@Global()
@Module({
  providers: [WebhooksRepository, WebhooksService, WebhooksResolver, WebhookEvents, WebhookQueue],
  controllers: [WebhooksController],
  exports: [WebhookEvents, WebhooksRepository, WebhookQueue],
})
export class WebhooksModule {}
