import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SimulationResult } from './simulation-result.model';

export enum SimulationStatus {
  queued = 'queued',
  running = 'running',
  succeeded = 'succeeded',
  failed = 'failed',
}
registerEnumType(SimulationStatus, { name: 'SimulationStatus' });

/** Queued interactive runs start before queued batch runs. */
export enum SimulationPriority {
  interactive = 'interactive',
  batch = 'batch',
}
registerEnumType(SimulationPriority, { name: 'SimulationPriority', description: 'Queued interactive runs start before queued batch runs.' });

@ObjectType({ description: 'One simulation of one scenario version.' })
export class SimulationRun {
  @Field(() => ID) id: string;
  @Field(() => SimulationStatus) status: SimulationStatus;
  @Field(() => SimulationPriority) priority: SimulationPriority;
  @Field(() => ID) scenarioId: string;
  @Field(() => Int, { description: 'The scenario version simulated.' }) versionNumber: number;
  @Field(() => String, { nullable: true, description: 'Why the run failed; null otherwise.' }) error?: string | null;
  @Field(() => String, { nullable: true }) engineVersion?: string | null;
  @Field(() => Int, { description: 'Times a worker started this run.' }) attempts: number;
  @Field(() => Int, { nullable: true, description: 'Engine time of the successful attempt.' }) durationMs?: number | null;
  @Field() queuedAt: Date;
  @Field(() => Date, { nullable: true }) startedAt?: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt?: Date | null;
  @Field(() => SimulationResult, { nullable: true, description: 'Present once the run succeeded.' })
  result?: SimulationResult | null;
}
