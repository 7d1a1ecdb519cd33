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

@ObjectType({ description: 'The name lookup a trace to a name begins with.' })
export class TraceLookup {
  @Field() name: string;
  @Field() server: string;
  @Field() rcode: string;
  @Field(() => [DnsRecordLine]) answers: DnsRecordLine[];
  @Field(() => [TraceLookupTry]) tried: TraceLookupTry[];
  @Field(() => String, { nullable: true }) address?: string | null;
}

@ObjectType('TraceDnsRecord')
export class DnsRecordLine {
  @Field() name: string;
  @Field() type: string;
  @Field(() => Int) ttl: number;
  @Field() data: string;
}

@ObjectType()
export class TraceLookupTry {
  @Field() name: string;
  @Field() rcode: string;
}

@ObjectType({ description: 'What an Ingress controller on the path did with the HTTP request.' })
export class TraceHttp {
  @Field(() => Int) status: number;
  @Field() controller: string;
  @Field(() => String, { nullable: true }) server?: string | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => String, { nullable: true }) ingress?: string | null;
  @Field(() => String, { nullable: true, description: 'host path (pathType)' }) rule?: string | null;
  @Field(() => String, { nullable: true }) backend?: string | null;
  @Field(() => String, { nullable: true }) upstreamPath?: string | null;
  @Field(() => String, { nullable: true, description: "The controller's own response as curl -i prints it." }) response?: string | null;
  @Field(() => [String]) explanation: string[];
}

@ObjectType({ description: 'A traced connection.' })
export class Trace {
  @Field({ description: 'delivered, refused, rejected, dropped, timed-out or unresolved.' }) verdict: string;
  @Field() reason: string;
  @Field(() => TraceSourceAddress) source: TraceSourceAddress;
  @Field(() => [TraceHop]) hops: TraceHop[];
  @Field(() => [TraceCandidate]) candidates: TraceCandidate[];
  @Field(() => TraceDestination) destination: TraceDestination;
  @Field(() => TraceHttp, { nullable: true }) http?: TraceHttp | null;
  @Field(() => TraceLookup, { nullable: true }) lookup?: TraceLookup | null;
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

@ObjectType({ description: 'A DNS record as a zone file writes it.' })
export class DnsRecord {
  @Field() name: string;
  @Field() type: string;
  @Field(() => Int) ttl: number;
  @Field({ description: 'RDATA: 10.96.0.10, "0 100 80 web.default.svc.cluster.local.", ...' }) data: string;
}

@ObjectType({ description: 'One name the resolver asked while walking the search list.' })
export class DnsTry {
  @Field() name: string;
  @Field() type: string;
  @Field({ description: 'NOERROR, NXDOMAIN, SERVFAIL, REFUSED or TIMEOUT.' }) rcode: string;
  @Field(() => Int, { description: 'Records in the answer section.' }) answers: number;
}

@ObjectType()
export class DnsFlags {
  @Field() aa: boolean;
  @Field() rd: boolean;
  @Field() ra: boolean;
}

@ObjectType()
export class DnsQuestion {
  @Field() name: string;
  @Field() type: string;
}

@ObjectType({ description: 'What came back for a DNS question (src/engine/dns/query.ts).' })
export class DnsAnswer {
  @Field(() => DnsQuestion) question: DnsQuestion;
  @Field({ description: 'The nameserver asked.' }) server: string;
  @Field({ description: 'The last response code, or TIMEOUT.' }) rcode: string;
  @Field(() => String, { nullable: true }) error?: string | null;
  @Field({ description: 'The absolute name of the last question sent.' }) name: string;
  @Field(() => DnsFlags) flags: DnsFlags;
  @Field(() => [DnsRecord]) answers: DnsRecord[];
  @Field(() => [DnsRecord]) authority: DnsRecord[];
  @Field(() => [DnsRecord]) additional: DnsRecord[];
  @Field(() => [DnsTry]) tried: DnsTry[];
  @Field(() => [String]) notes: string[];
  @Field({ description: 'kubernetes, hosts, upstream-zone, external-dns, outside, coredns.' }) source: string;
}

@ObjectType()
export class DnsProbe {
  @Field(() => String, { nullable: true }) from?: string | null;
  @Field() name: string;
  @Field(() => String, { nullable: true }) type?: string | null;
  @Field(() => String, { nullable: true }) server?: string | null;
}

@ObjectType()
export class DnsProbeResult {
  @Field(() => DnsProbe) probe: DnsProbe;
  @Field(() => DnsAnswer, { nullable: true }) answer?: DnsAnswer | null;
  @Field(() => String, { nullable: true }) error?: string | null;
}

@ObjectType({ description: 'An end of a connection as NetworkPolicy sees it.' })
export class ReachPeer {
  @Field({ description: 'pod, hostNetworkPod, node or external.' }) kind: string;
  @Field(() => String, { nullable: true }) namespace?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) ip?: string | null;
  @Field(() => String, { nullable: true }) node?: string | null;
}

@ObjectType()
export class PolicyRule {
  @Field() namespace: string;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'Ingress or Egress.' }) direction?: string | null;
  @Field(() => Int, { nullable: true, description: 'Index into spec.ingress / spec.egress; -1: the policy has no rules.' }) ruleIndex?: number | null;
  @Field(() => String, { nullable: true, description: 'Why the rule did not match.' }) reason?: string | null;
}

@ObjectType({ description: "One side's NetworkPolicy decision: the source's egress or the destination's ingress." })
export class ReachDirection {
  @Field() direction: string;
  @Field() allowed: boolean;
  @Field() isolated: boolean;
  @Field(() => [PolicyRule]) isolatedBy: PolicyRule[];
  @Field(() => PolicyRule, { nullable: true }) allowedBy?: PolicyRule | null;
  @Field(() => [PolicyRule]) matchedRules: PolicyRule[];
  @Field(() => [PolicyRule]) misses: PolicyRule[];
  @Field() reason: string;
}

@ObjectType({ description: 'The NetworkPolicy verdict for one connection (src/engine/netpol/judge.ts).' })
export class ReachJudgement {
  @Field() allowed: boolean;
  @Field({ description: "The policies' verdict whether or not the CNI enforces it." }) policyAllowed: boolean;
  @Field() enforced: boolean;
  @Field() cni: string;
  @Field(() => ReachPeer) source: ReachPeer;
  @Field(() => ReachPeer) destination: ReachPeer;
  @Field(() => Int) port: number;
  @Field() protocol: string;
  @Field(() => ReachDirection) egress: ReachDirection;
  @Field(() => ReachDirection) ingress: ReachDirection;
  @Field() reason: string;
  @Field(() => [String]) notes: string[];
}

@ObjectType()
export class ReachProbe {
  @Field() from: string;
  @Field() to: string;
  @Field(() => Int) port: number;
  @Field(() => String, { nullable: true }) protocol?: string | null;
}

@ObjectType()
export class ReachProbeResult {
  @Field(() => ReachProbe) probe: ReachProbe;
  @Field(() => ReachJudgement, { nullable: true }) judgement?: ReachJudgement | null;
  @Field(() => String, { nullable: true }) error?: string | null;
}

@ObjectType({ description: "Answers to the run's probes." })
export class ProbeResults {
  @Field(() => [TraceProbeResult]) traces: TraceProbeResult[];
  @Field(() => [CommandProbeResult]) commands: CommandProbeResult[];
  @Field(() => [DnsProbeResult]) dns: DnsProbeResult[];
  @Field(() => [ReachProbeResult]) reach: ReachProbeResult[];
}
