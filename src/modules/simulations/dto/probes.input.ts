import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PROBE_LIMITS } from '../../../engine';

/** GraphQL inputs and REST bodies for a run's probes (src/engine/probes.ts). */

@InputType({ description: 'Trace a connection: from NAMESPACE/POD, node/NAME, external or external:IP, to IP:PORT or a URL.' })
export class TraceProbeInput {
  @Field() @IsString() @MaxLength(300) @ApiProperty() from: string;
  @Field() @IsString() @MaxLength(2048) @ApiProperty() to: string;
  @Field(() => String, { nullable: true, description: 'TCP (default) or UDP.' })
  @IsOptional()
  @IsIn(['TCP', 'UDP', 'tcp', 'udp'])
  @ApiPropertyOptional()
  protocol?: string;
}

@InputType({ description: 'Run a lab terminal command line (kubectl, ip, iptables, curl, ... with pipes).' })
export class CommandProbeInput {
  @Field() @IsString() @MaxLength(PROBE_LIMITS.commandLength) @ApiProperty() command: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(63) @ApiPropertyOptional() namespace?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(253) @ApiPropertyOptional() node?: string;
}

@InputType({ description: 'Ask cluster DNS: as a Pod or node (from: NAMESPACE/POD or node/NAME), else straight to the cluster DNS Service.' })
export class DnsProbeInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(300) @ApiPropertyOptional() from?: string;
  @Field() @IsString() @MaxLength(255) @ApiProperty() name: string;
  @Field(() => String, { nullable: true, description: 'A (default), AAAA, SRV, PTR, CNAME, TXT, SOA, NS, MX.' }) @IsOptional() @IsString() @MaxLength(10) @ApiPropertyOptional() type?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) @ApiPropertyOptional() server?: string;
}

@InputType({ description: 'Is this connection allowed by the NetworkPolicies? from/to: NAMESPACE/POD or an IPv4 address (the endpoint Pod, after DNAT).' })
export class ReachProbeInput {
  @Field() @IsString() @MaxLength(300) @ApiProperty() from: string;
  @Field() @IsString() @MaxLength(300) @ApiProperty() to: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(65535) @ApiProperty() port: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsIn(['TCP', 'UDP', 'SCTP', 'tcp', 'udp', 'sctp']) @ApiPropertyOptional() protocol?: string;
}

@InputType({ description: 'Questions the run answers besides the cluster state.' })
export class ProbesInput {
  @Field(() => [TraceProbeInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROBE_LIMITS.perKind)
  @ValidateNested({ each: true })
  @Type(() => TraceProbeInput)
  @ApiPropertyOptional({ type: () => [TraceProbeInput] })
  traces?: TraceProbeInput[];

  @Field(() => [CommandProbeInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROBE_LIMITS.perKind)
  @ValidateNested({ each: true })
  @Type(() => CommandProbeInput)
  @ApiPropertyOptional({ type: () => [CommandProbeInput] })
  commands?: CommandProbeInput[];

  @Field(() => [DnsProbeInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROBE_LIMITS.perKind)
  @ValidateNested({ each: true })
  @Type(() => DnsProbeInput)
  @ApiPropertyOptional({ type: () => [DnsProbeInput] })
  dns?: DnsProbeInput[];

  @Field(() => [ReachProbeInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROBE_LIMITS.perKind)
  @ValidateNested({ each: true })
  @Type(() => ReachProbeInput)
  @ApiPropertyOptional({ type: () => [ReachProbeInput] })
  reach?: ReachProbeInput[];
}
