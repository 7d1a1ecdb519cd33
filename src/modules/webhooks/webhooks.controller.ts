import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidInputError } from '../../platform/errors/domain-errors';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { CreateWebhookInput } from './dto/create-webhook.input';
import { CreatedWebhook, Webhook, WebhookDelivery } from './models/webhook.model';
import { toWebhook, toWebhookDelivery } from './webhook.mapper';
import { WebhooksService } from './webhooks.service';

/** REST twin of the GraphQL webhook operations, under /api/webhooks. */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Requires('admin')
  @ApiOperation({ summary: 'Subscribe a URL to events (owners); the signing secret is shown only in this answer.' })
  @ApiCreatedResponse({ type: CreatedWebhook })
  async create(@CurrentCaller() caller: Caller, @Body() input: CreateWebhookInput): Promise<CreatedWebhook> {
    const { webhook, secret } = await this.webhooks.create(caller, input);
    return { webhook: toWebhook(webhook), secret };
  }

  @Get()
  @Requires('teach')
  @ApiOperation({ summary: "The organization's webhooks, newest first; never their secrets." })
  @ApiOkResponse({ type: [Webhook] })
  async list(@CurrentCaller() caller: Caller): Promise<Webhook[]> {
    return (await this.webhooks.list(caller)).map(toWebhook);
  }

  @Delete(':id')
  @Requires('admin')
  @ApiOperation({ summary: 'Delete a webhook with its delivery log (owners).' })
  @ApiOkResponse({ type: Webhook })
  async delete(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Webhook> {
    return toWebhook(await this.webhooks.delete(caller, id));
  }

  @Get(':id/deliveries')
  @Requires('teach')
  @ApiOperation({ summary: "A webhook's deliveries, newest first, each with every attempt." })
  @ApiQuery({ name: 'first', required: false, description: 'How many, 1 to 100; 20 when omitted.' })
  @ApiOkResponse({ type: [WebhookDelivery] })
  async deliveries(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('first') first?: string): Promise<WebhookDelivery[]> {
    if (first !== undefined && !/^\d+$/.test(first)) throw new InvalidInputError(`first must be a whole number from 1 to 100; got ${JSON.stringify(first)}`);
    return (await this.webhooks.deliveries(caller, id, first === undefined ? undefined : Number(first))).map(toWebhookDelivery);
  }

  @Post('deliveries/:deliveryId/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  @Requires('admin')
  @ApiOperation({ summary: "Send a delivery's event again, as a new delivery with the same webhook-id (owners)." })
  @ApiAcceptedResponse({ type: WebhookDelivery })
  async redeliver(@CurrentCaller() caller: Caller, @Param('deliveryId') deliveryId: string): Promise<WebhookDelivery> {
    return toWebhookDelivery(await this.webhooks.redeliver(caller, deliveryId));
  }
}
