import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

/** GraphQL mirrors of the engine's probe results (src/engine/probes.ts, trace/types.ts). */

@ObjectType({ description: 'The addresses of a packet at one hop.' })
export class TracePacket {
  @Field({ description: 'TCP or UDP.' }) protocol: string;
  @Field({ description: 'ip:port' }) src: string;
  @Field({ description: 'ip:port' }) dst: string;
}

@ObjectType({ description: 'Where the packet is and what acts on it.' })
export class TraceHop {
  @Field(() => String, { nullable: true, description: 'null outside the cluster.' }) node?: string | null;
  @Field({ description: "A Pod's netns (cni-...), root (the node's) or external." }) netns: string;
  @Field(() => String, { nullable: true }) interface?: string | null;
  @Field({ description: 'send, route, netfilter, dnat, snat, forward, deliver, ...' }) kind: string;
  @Field() action: string;
  @Field(() => String, { nullable: true }) table?: string | null;
  @Field(() => String, { nullable: true }) chain?: string | null;
  @Field(() => String, { nullable: true, description: 'The rule as iptables-save prints it.' }) rule?: string | null;
  @Field(() => TracePacket, { nullable: true, description: 'The packet before a NAT hop.' }) before?: TracePacket | null;
  @Field(() => TracePacket) packet: TracePacket;
}

@ObjectType({ description: 'An endpoint kube-proxy could choose, with its chance.' })
export class TraceCandidate {
  @Field({ description: 'namespace/name' }) pod: string;
  @Field() ip: string;
  @Field(() => Int) port: number;
  @Field(() => Float) probability: number;
  @Field() chosen: boolean;
}

@ObjectType()
export class TraceSourceAddress {
  @Field() ip: string;
  @Field(() => Int) port: number;
  @Field(() => String, { nullable: true }) pod?: string | null;
  @Field(() => String, { nullable: true }) node?: string | null;
}

@ObjectType()
export class TraceDestination {
  @Field(() => String, { nullable: true }) pod?: string | null;
  @Field(() => String, { nullable: true }) node?: string | null;
  @Field() ip: string;
  @Field(() => Int) port: number;
}

@ObjectType({ description: 'A traced connection.' })
export class Trace {
  @Field({ description: 'delivered, refused, rejected, dropped or timed-out.' }) verdict: string;
  @Field() reason: string;
  @Field(() => TraceSourceAddress) source: TraceSourceAddress;
  @Field(() => [TraceHop]) hops: TraceHop[];
  @Field(() => [TraceCandidate]) candidates: TraceCandidate[];
  @Field(() => TraceDestination) destination: TraceDestination;
}

@ObjectType()
export class TraceProbe {
  @Field() from: string;
  @Field() to: string;
  @Field(() => String, { nullable: true }) protocol?: string | null;
}

@ObjectType()
export class TraceProbeResult {
  @Field(() => TraceProbe) probe: TraceProbe;
  @Field(() => Trace, { nullable: true }) trace?: Trace | null;
  @Field(() => String, { nullable: true, description: 'Why the trace could not start (an unknown Pod, ...).' }) error?: string | null;
}

@ObjectType()
export class CommandProbe {
  @Field() command: string;
  @Field(() => String, { nullable: true }) namespace?: string | null;
  @Field(() => String, { nullable: true }) node?: string | null;
}

@ObjectType({ description: 'What a terminal command line printed.' })
export class CommandProbeResult {
  @Field(() => CommandProbe) probe: CommandProbe;
  @Field() stdout: string;
  @Field() stderr: string;
  @Field(() => Int) exitCode: number;
}

@ObjectType({ description: "Answers to the run's probes." })
export class ProbeResults {
  @Field(() => [TraceProbeResult]) traces: TraceProbeResult[];
  @Field(() => [CommandProbeResult]) commands: CommandProbeResult[];
}
