import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '../webhook-event-types';

@InputType()
export class CreateWebhookInput {
  @Field({ description: 'Where deliveries are POSTed: an http:// or https:// URL.' })
  @IsString()
  @MaxLength(2048)
  @ApiProperty({ example: 'https://course.example.edu/hooks/kube-netlab' })
  url: string;

  @Field(() => [String], { description: `The event types to receive: ${WEBHOOK_EVENT_TYPES.join(', ')}.` })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  @ApiProperty({ type: [String], enum: WEBHOOK_EVENT_TYPES })
  events: string[];

  @Field(() => String, { nullable: true, description: 'A note for people.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @ApiPropertyOptional()
  description?: string;
}
