import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PROBE_LIMITS } from '../../../engine';

/** GraphQL inputs and REST bodies for a run's probes (src/engine/probes.ts). */

@InputType({ description: 'Trace a connection: from NAMESPACE/POD, node/NAME, external or external:IP, to IP:PORT or a URL.' })
export class TraceProbeInput {
  @Field() @IsString() @MaxLength(300) from: string;
  @Field() @IsString() @MaxLength(2048) to: string;
  @Field(() => String, { nullable: true, description: 'TCP (default) or UDP.' })
  @IsOptional()
  @IsIn(['TCP', 'UDP', 'tcp', 'udp'])
  protocol?: string;
}

@InputType({ description: 'Run a lab terminal command line (kubectl, ip, iptables, curl, ... with pipes).' })
export class CommandProbeInput {
  @Field() @IsString() @MaxLength(PROBE_LIMITS.commandLength) command: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(63) namespace?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(253) node?: string;
}

@InputType({ description: 'Questions the run answers besides the cluster state.' })
export class ProbesInput {
  @Field(() => [TraceProbeInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROBE_LIMITS.perKind)
  @ValidateNested({ each: true })
  @Type(() => TraceProbeInput)
  traces?: TraceProbeInput[];

  @Field(() => [CommandProbeInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROBE_LIMITS.perKind)
  @ValidateNested({ each: true })
  @Type(() => CommandProbeInput)
  commands?: CommandProbeInput[];
}
