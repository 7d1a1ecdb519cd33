import { ApiProperty } from '@nestjs/swagger';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum WebhookDeliveryStatus {
  pending = 'pending',
  succeeded = 'succeeded',
  failed = 'failed',
}
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus', description: 'pending until a 2xx (succeeded), or until the attempts are used up or the receiver answers 410 (failed).' });

@ObjectType({ description: "An organization's subscription of a URL to events; deliveries are signed (Standard Webhooks)." })
export class Webhook {
  @Field(() => ID) @ApiProperty() id: string;
  @Field() @ApiProperty() url: string;
  @Field(() => [String]) @ApiProperty({ type: [String] }) events: string[];
  @Field() @ApiProperty() description: string;
  @Field({ description: 'False once disabled (its receiver answered 410 Gone).' }) @ApiProperty() active: boolean;
  @Field() @ApiProperty() createdAt: Date;
  @Field(() => Date, { nullable: true }) @ApiProperty({ type: Date, nullable: true }) disabledAt: Date | null;
}

@ObjectType({ description: 'A new webhook and its signing secret.' })
export class CreatedWebhook {
  @Field(() => Webhook) @ApiProperty({ type: Webhook }) webhook: Webhook;

  @Field({ description: 'whsec_<base64>: the key that signs deliveries. Shown only in this answer.' })
  @ApiProperty({ description: 'whsec_<base64>: the key that signs deliveries. Shown only in this answer.' })
  secret: string;
}

@ObjectType({ description: 'One HTTP request of a delivery and its outcome.' })
export class WebhookAttempt {
  @Field(() => Int, { description: '1 for the first attempt.' }) @ApiProperty() number: number;
  @Field() @ApiProperty() startedAt: Date;
  @Field(() => Int) @ApiProperty() durationMs: number;
  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status; null when none came." }) @ApiProperty({ type: Number, nullable: true }) responseStatus: number | null;
  @Field(() => String, { nullable: true, description: 'The first 2 KB of the response body.' }) @ApiProperty({ type: String, nullable: true }) responseBody: string | null;
  @Field(() => String, { nullable: true, description: 'Why it failed; null on success.' }) @ApiProperty({ type: String, nullable: true }) error: string | null;
}

@ObjectType({ description: 'One event on its way to one webhook, with every attempt.' })
export class WebhookDelivery {
  @Field(() => ID) @ApiProperty() id: string;
  @Field(() => ID) @ApiProperty() webhookId: string;
  @Field({ description: 'The webhook-id header: the same on every attempt and on a redelivery.' }) @ApiProperty() eventId: string;
  @Field() @ApiProperty() type: string;
  @Field({ description: 'The JSON body sent: { type, timestamp, data }.' }) @ApiProperty() payload: string;
  @Field(() => WebhookDeliveryStatus) @ApiProperty({ enum: WebhookDeliveryStatus }) status: WebhookDeliveryStatus;
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due; null once finished.' }) @ApiProperty({ type: Date, nullable: true }) nextAttemptAt: Date | null;
  @Field() @ApiProperty() createdAt: Date;
  @Field(() => Date, { nullable: true }) @ApiProperty({ type: Date, nullable: true }) finishedAt: Date | null;
  @Field(() => [WebhookAttempt], { description: 'Oldest first.' }) @ApiProperty({ type: [WebhookAttempt] }) attempts: WebhookAttempt[];
}
