import { Module } from '@nestjs/common';
import { WebhookConsumer } from './webhook.consumer';
import { WebhookProcessor } from './webhook.processor';
import { WebhooksModule } from './webhooks.module';

/** Imported only by the worker process: sends the deliveries (the webhook queue's consumer). */
@Module({ imports: [WebhooksModule], providers: [WebhookProcessor, WebhookConsumer] })
export class WebhookWorkerModule {}
