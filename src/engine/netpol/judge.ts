/**
 * The NetworkPolicy verdict for one connection, as the spec (networking/v1 types.go, the
 * "Network Policies" concept page) defines it and kindnet's kube-network-policies
 * evaluates it (pkg/networkpolicy EvaluatePolicyDirection): the source's egress side AND
 * the destination's ingress side must each allow it. A side is isolated by every policy of
 * its Pod's namespace that selects the Pod and lists the direction in policyTypes; an
 * isolated side allows only what some rule of one of those policies matches. Replies on an
 * allowed connection are allowed (conntrack), so one verdict covers both directions.
 *
 * The connection is judged after kube-proxy's DNAT: `destination` is the endpoint Pod and
 * `port` its target port (the tracer resolves Services before asking).
 */
import { parseIPv4 } from '../cluster/cidr';
import type { LabelSelectorResult, NetworkPolicyPeerResult, NetworkPolicyPortResult, NetworkPolicyResult, PodResult, SimulationResult } from '../result';
import { formatLabels, formatSelectorString, matchesSelector } from '../util/labels';
import { policySupport, type PolicySupport } from './enforcement';
import { inIPBlock, policyIndex, type PolicyIndex } from './policy-index';

/** One end of a connection: a Pod by namespace/name, or an address (a Pod's, a node's, or one outside the cluster). */
export type ConnectionEnd = { pod: { namespace: string; name: string } } | { ip: string };

export interface ConnectionQuery {
  source: ConnectionEnd;
  destination: ConnectionEnd;
  /** Destination port after DNAT (the container port). */
  port: number;
  /** TCP (default), UDP or SCTP. */
  protocol?: string;
}

/** What an end of the connection is, as a policy sees it. */
export interface ConnectionPeer {
  /** `pod`: a Pod on the Pod network; `hostNetworkPod`: a Pod sharing its node's address (policies treat it as the node); `node`; `external`. */
  kind: 'pod' | 'hostNetworkPod' | 'node' | 'external';
  namespace?: string;
  name?: string;
  /** null for a Pod that has no address yet. */
  ip: string | null;
  /** The node the Pod runs on, or the node that owns the address. */
  node?: string;
}

export interface PolicyRef {
  namespace: string;
  name: string;
}

/** A rule of a policy: `ruleIndex` into `spec.ingress` / `spec.egress`. */
export interface RuleRef extends PolicyRef {
  direction: 'Ingress' | 'Egress';
  ruleIndex: number;
}

/** Why one rule (or a policy without rules, `ruleIndex` -1) did not let the connection through. */
export interface RuleMiss extends RuleRef {
  reason: string;
}

/** One side's decision: the source's egress or the destination's ingress. */
export interface DirectionJudgement {
  direction: 'Ingress' | 'Egress';
  allowed: boolean;
  /** Whether a policy applies to this side at all (non-isolated sides allow everything). */
  isolated: boolean;
  /** The policies that select the Pod for this direction, sorted. */
  isolatedBy: PolicyRef[];
  /** The first rule that matched (policies by name, rules in order), when one did. */
  allowedBy?: RuleRef;
  /** Every rule that matched. */
  matchedRules: RuleRef[];
  /** When denied: each rule of each isolating policy and why it does not match. */
  misses: RuleMiss[];
  /** One sentence. */
  reason: string;
}

export interface ConnectionJudgement {
  /** Whether the connection (and its replies) gets through on this cluster: the policies' verdict where the CNI enforces them, else true. */
  allowed: boolean;
  /** The policies' verdict, whether or not anything enforces it. */
  policyAllowed: boolean;
  /** Whether the CNI enforces NetworkPolicy. */
  enforced: boolean;
  cni: string;
  source: ConnectionPeer;
  destination: ConnectionPeer;
  port: number;
  protocol: string;
  egress: DirectionJudgement;
  ingress: DirectionJudgement;
  /** One paragraph a student can act on. */
  reason: string;
  /** Implementation-defined corners that applied (self traffic, node traffic, ipBlock on Pod addresses, ...). */
  notes: string[];
}

/** A query that names something the cluster does not have; its message says what. */
export class ConnectionQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionQueryError';
  }
}

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** A connection end as typed: an IPv4 address, `ns/pod`, or `pod` (in `defaultNamespace`). */
export function parseConnectionEnd(text: string, defaultNamespace = 'default'): ConnectionEnd {
  if (parseIPv4(text) !== null) return { ip: text };
  const [namespace, name] = text.includes('/') ? text.split('/', 2) : [defaultNamespace, text];
  return { pod: { namespace, name } };
}

/**
 * Judges one connection against the result's NetworkPolicies. Throws ConnectionQueryError
 * for a Pod that does not exist, a malformed address, a port out of range or an unknown
 * protocol.
 */
export function judgeConnection(result: SimulationResult, query: ConnectionQuery): ConnectionJudgement {
  const index = policyIndex(result);
  const protocol = (query.protocol ?? 'TCP').toUpperCase();
  if (!PROTOCOLS.includes(protocol)) throw new ConnectionQueryError(`unknown protocol "${query.protocol}": NetworkPolicy knows TCP, UDP and SCTP`);
  if (!Number.isInteger(query.port) || query.port < 1 || query.port > 65535) throw new ConnectionQueryError(`port ${query.port} is not between 1 and 65535`);
  const src = resolveEnd(index, query.source, 'source');
  const dst = resolveEnd(index, query.destination, 'destination');
  return judgeResolved(index, policySupport(result.cluster.cni), src, dst, query.port, protocol);
}

/** A resolved end: what a policy sees, plus the Pod behind it when it is a Pod-network Pod. */
export interface ResolvedEnd {
  peer: ConnectionPeer;
  pod?: PodResult;
}

export function resolveEnd(index: PolicyIndex, end: ConnectionEnd, role: string): ResolvedEnd {
  if ('pod' in end) {
    const pod = index.pod(end.pod.namespace, end.pod.name);
    if (!pod) throw new ConnectionQueryError(`${role}: pods "${end.pod.name}" not found in namespace "${end.pod.namespace}"`);
    return resolvePod(pod);
  }
  if (parseIPv4(end.ip) === null) throw new ConnectionQueryError(`${role}: "${end.ip}" is not an IPv4 address (give ns/pod or an address)`);
  const pod = index.podByIP(end.ip);
  if (pod) return resolvePod(pod);
  const node = index.nodeByIP(end.ip);
  if (node) return { peer: { kind: 'node', ip: end.ip, node: node.name } };
  return { peer: { kind: 'external', ip: end.ip } };
}

export function resolvePod(pod: PodResult): ResolvedEnd {
  const base = { namespace: pod.namespace, name: pod.name, ip: pod.ip, ...(pod.nodeName ? { node: pod.nodeName } : {}) };
  return pod.hostNetwork ? { peer: { kind: 'hostNetworkPod', ...base } } : { peer: { kind: 'pod', ...base }, pod };
}

/** The verdict for two resolved ends (the matrix calls this directly). */
export function judgeResolved(index: PolicyIndex, support: PolicySupport, src: ResolvedEnd, dst: ResolvedEnd, port: number, protocol: string): ConnectionJudgement {
  const notes: string[] = [];
  const self = src.pod !== undefined && src.pod === dst.pod;
  const fromOwnNode = dst.pod !== undefined && src.peer.kind !== 'pod' && src.peer.kind !== 'external' && src.peer.node !== undefined && src.peer.node === dst.pod.nodeName;
  let egress: SideResult;
  let ingress: SideResult;
  if (self) {
    // "a pod cannot block access to itself" (concepts/network-policies); its own address never leaves its netns.
    const reason = `${podName(src.pod!)} connects to itself: a Pod cannot block access to itself`;
    egress = open('Egress', reason);
    ingress = open('Ingress', reason);
    notes.push('a connection from a Pod to its own address stays in its network namespace; through a Service that picks the same Pod (hairpin) the outcome is implementation-defined (kubernetes#95879)');
  } else {
    egress = src.pod ? judgeSide(index, support, 'Egress', src.pod, dst, port, protocol) : open('Egress', notAPod(src.peer, 'source'));
    if (!dst.pod) ingress = open('Ingress', notAPod(dst.peer, 'destination'));
    else if (fromOwnNode) {
      // types.go NetworkPolicySpec.Ingress: "... OR if the traffic source is the pod's local node".
      ingress = open('Ingress', `traffic from ${podName(dst.pod)}'s own node ${dst.pod.nodeName} is always allowed`);
      notes.push("kindnet's policy engine skips what the node's root processes send (kubelet probes); the spec allows all traffic from the Pod's own node");
    } else ingress = judgeSide(index, support, 'Ingress', dst.pod, src, port, protocol);
  }
  if (src.peer.kind === 'hostNetworkPod') notes.push(`${src.peer.namespace}/${src.peer.name} uses the host network: policies see its traffic as coming from node ${src.peer.node ?? '?'} (${src.peer.ip ?? 'no address'}), which only an ipBlock can match`);
  if (dst.peer.kind === 'hostNetworkPod') notes.push(`${dst.peer.namespace}/${dst.peer.name} uses the host network: no NetworkPolicy selects hostNetwork Pods`);
  if (src.pod && src.pod.ip === null) notes.push(`${podName(src.pod)} has no address yet (${src.pod.phase}): it cannot connect anywhere until it runs`);
  if (dst.pod && dst.pod.ip === null) notes.push(`${podName(dst.pod)} has no address yet (${dst.pod.phase}): nothing can reach it until it runs`);
  if (egress.viaClusterIPBlock || ingress.viaClusterIPBlock) notes.push('an ipBlock matched a Pod or node address: kindnet and Calico match ipBlocks by address, Cilium does not (the spec leaves it open)');

  const policyAllowed = egress.allowed && ingress.allowed;
  const allowed = support.podNetwork && (support.enforced ? policyAllowed : true);
  const what = `${describePeer(src.peer)} → ${describePeer(dst.peer)} on ${port}/${protocol}`;
  let reason: string;
  if (!support.podNetwork) reason = `no connection: ${support.note}`;
  else if (policyAllowed) reason = `allowed: ${what}. Egress: ${egress.reason}. Ingress: ${ingress.reason}.`;
  else {
    const denied = [egress, ingress].filter((s) => !s.allowed).map((s) => `${s.direction}: ${s.reason}`);
    reason = support.enforced ? `denied: ${what}. ${denied.join('. ')}.` : `allowed: ${what}, although the policies would deny it (${denied.join('; ')}): ${support.note}.`;
  }
  return { allowed, policyAllowed, enforced: support.enforced, cni: support.cni, source: src.peer, destination: dst.peer, port, protocol, egress: strip(egress), ingress: strip(ingress), reason, notes };
}

function strip(side: SideResult): DirectionJudgement {
  const { viaClusterIPBlock: _internal, ...rest } = side;
  return rest;
}

/** A side with what only the note needs: whether the allowing rule matched a cluster address by ipBlock. */
type SideResult = DirectionJudgement & { viaClusterIPBlock?: boolean };

function open(direction: 'Ingress' | 'Egress', reason: string): SideResult {
  return { direction, allowed: true, isolated: false, isolatedBy: [], matchedRules: [], misses: [], reason };
}

function notAPod(peer: ConnectionPeer, role: string): string {
  if (peer.kind === 'hostNetworkPod') return `the ${role} ${peer.namespace}/${peer.name} uses the host network, and no NetworkPolicy selects hostNetwork Pods`;
  if (peer.kind === 'node') return `the ${role} is node ${peer.node} (${peer.ip}), not a Pod: no NetworkPolicy applies to it`;
  return `the ${role} ${peer.ip} is outside the cluster: no NetworkPolicy applies to it`;
}

/**
 * One side: `pod` is the Pod whose policies apply (the source for Egress, the destination
 * for Ingress), `other` the far end, matched against the rules' peers.
 */
function judgeSide(index: PolicyIndex, support: PolicySupport, direction: 'Ingress' | 'Egress', pod: PodResult, other: ResolvedEnd, port: number, protocol: string): SideResult {
  const isolating = index.policiesIn(pod.namespace).filter((p) => p.policyTypes.includes(direction) && matchesSelector(asSelector(p.podSelector), pod.labels));
  const name = podName(pod);
  const verb = direction === 'Ingress' ? 'ingress' : 'egress';
  if (isolating.length === 0) return open(direction, `${name} is not isolated for ${verb} (no NetworkPolicy selects it with ${direction} in policyTypes)`);
  // The destination Pod resolves named ports: for Ingress the isolated Pod itself, for Egress the far end.
  const destinationPod = direction === 'Ingress' ? pod : other.pod;
  const matchedRules: RuleRef[] = [];
  const misses: RuleMiss[] = [];
  let viaClusterIPBlock = false;
  for (const policy of isolating) {
    const rules = direction === 'Ingress' ? policy.ingress.map((r) => ({ ports: r.ports, peers: r.from })) : policy.egress.map((r) => ({ ports: r.ports, peers: r.to }));
    const ref = { namespace: policy.namespace, name: policy.name, direction };
    if (rules.length === 0) misses.push({ ...ref, ruleIndex: -1, reason: `it has no ${verb} rules: it denies all ${verb} of the Pods it selects` });
    rules.forEach((rule, ruleIndex) => {
      const peers = checkPeers(index, support, rule.peers, policy, other, direction);
      const portMiss = portsMiss(rule.ports, destinationPod, port, protocol);
      if (peers.ok && portMiss === undefined) {
        if (matchedRules.length === 0) viaClusterIPBlock = peers.via?.ipBlock !== undefined && other.peer.kind !== 'external';
        matchedRules.push({ ...ref, ruleIndex });
      } else misses.push({ ...ref, ruleIndex, reason: [peers.ok ? undefined : peers.reason, portMiss].filter(Boolean).join('; ') });
    });
  }
  const isolatedBy = isolating.map((p) => ({ namespace: p.namespace, name: p.name }));
  const policies = `NetworkPolicy ${isolating.map((p) => `${p.namespace}/${p.name}`).join(', ')}`;
  if (matchedRules.length > 0) {
    const first = matchedRules[0];
    return { direction, allowed: true, isolated: true, isolatedBy, allowedBy: first, matchedRules, misses: [], viaClusterIPBlock, reason: `${name} is isolated for ${verb} by ${policies}; allowed by NetworkPolicy ${first.namespace}/${first.name} ${verb} rule ${first.ruleIndex}` };
  }
  const detail = misses.map((m) => (m.ruleIndex < 0 ? `${m.namespace}/${m.name}: ${m.reason}` : `${m.namespace}/${m.name} ${verb}[${m.ruleIndex}]: ${m.reason}`)).join('; ');
  return { direction, allowed: false, isolated: true, isolatedBy, matchedRules, misses, reason: `${name} is isolated for ${verb} by ${policies} and no ${verb} rule allows this (${detail})` };
}

/** The first peer entry that selects `other` (none when the list is empty: every peer), or why none does. */
function checkPeers(index: PolicyIndex, support: PolicySupport, peers: NetworkPolicyPeerResult[], policy: NetworkPolicyResult, other: ResolvedEnd, direction: 'Ingress' | 'Egress'): { ok: true; via?: NetworkPolicyPeerResult } | { ok: false; reason: string } {
  if (peers.length === 0) return { ok: true };
  const field = direction === 'Ingress' ? 'from' : 'to';
  const reasons: string[] = [];
  for (const [i, peer] of peers.entries()) {
    const miss = peerMiss(index, support, peer, policy.namespace, other);
    if (miss === undefined) return { ok: true, via: peer };
    reasons.push(`${field}[${i}] ${miss}`);
  }
  return { ok: false, reason: reasons.join(', ') };
}

/** undefined when the peer entry selects `other`; else why not. */
function peerMiss(index: PolicyIndex, support: PolicySupport, peer: NetworkPolicyPeerResult, policyNamespace: string, other: ResolvedEnd): string | undefined {
  const who = describePeer(other.peer);
  if (peer.ipBlock) {
    const block = `ipBlock ${peer.ipBlock.cidr}${peer.ipBlock.except.length ? ` except ${peer.ipBlock.except.join(', ')}` : ''}`;
    if (other.peer.ip === null) return `${block}: ${who} has no address`;
    if (other.peer.kind !== 'external' && !support.ipBlockMatchesClusterIPs) return `${block}: ${support.cni} does not match ipBlocks against Pod or node addresses`;
    if (!inIPBlock(index.ipBlock(peer.ipBlock), other.peer.ip)) return `${block} does not contain ${other.peer.ip}`;
    return undefined;
  }
  // Selectors only ever select Pods on the Pod network (not external addresses, nodes or hostNetwork Pods).
  if (!other.pod) return `${describeSelectors(peer)} selects Pods only, and ${who} is not one`;
  const pod = other.pod;
  if (peer.namespaceSelector) {
    const nsLabels = index.namespaceLabels(pod.namespace);
    if (!matchesSelector(asSelector(peer.namespaceSelector), nsLabels)) return `namespaceSelector ${selectorText(peer.namespaceSelector)} does not match namespace ${pod.namespace} (labels ${formatLabels(nsLabels) || '<none>'})`;
  } else if (pod.namespace !== policyNamespace) {
    return `podSelector ${selectorText(peer.podSelector!)} selects Pods of namespace ${policyNamespace} only, and ${who} is in ${pod.namespace}`;
  }
  if (peer.podSelector && !matchesSelector(asSelector(peer.podSelector), pod.labels)) return `podSelector ${selectorText(peer.podSelector)} does not match ${who} (labels ${formatLabels(pod.labels) || '<none>'})`;
  return undefined;
}

/** undefined when some port entry matches (or the list is empty); else why none does. */
function portsMiss(ports: NetworkPolicyPortResult[], destinationPod: PodResult | undefined, port: number, protocol: string): string | undefined {
  if (ports.length === 0) return undefined;
  for (const p of ports) if (portMatches(p, destinationPod, port, protocol)) return undefined;
  const named = ports.filter((p) => typeof p.port === 'string' && p.protocol === protocol);
  const hint = named.length > 0 ? ` (named ports resolve on the destination Pod${destinationPod ? `, ${podName(destinationPod)} has ${formatContainerPorts(destinationPod)}` : ', which is not a Pod'})` : '';
  return `${port}/${protocol} is not in ports ${ports.map(formatPort).join(', ')}${hint}`;
}

export function portMatches(p: NetworkPolicyPortResult, destinationPod: PodResult | undefined, port: number, protocol: string): boolean {
  if (p.protocol !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'number') return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
  // A named port: the destination Pod's container port of that name and protocol.
  return destinationPod !== undefined && destinationPod.containerPorts.some((c) => c.name === p.port && c.containerPort === port && c.protocol === protocol);
}

function formatPort(p: NetworkPolicyPortResult): string {
  if (p.port === undefined) return `any/${p.protocol}`;
  return `${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ''}/${p.protocol}`;
}

function formatContainerPorts(pod: PodResult): string {
  const named = pod.containerPorts.filter((c) => c.name);
  return named.length ? named.map((c) => `${c.name}=${c.containerPort}/${c.protocol}`).join(', ') : 'no named container ports';
}

function asSelector(s: LabelSelectorResult): Parameters<typeof matchesSelector>[0] {
  return s as Parameters<typeof matchesSelector>[0];
}

/** A selector as metav1.FormatLabelSelector prints it, `{}` for the empty one (selects everything). */
export function selectorText(s: LabelSelectorResult): string {
  return formatSelectorString(asSelector(s)) || '{}';
}

function describeSelectors(peer: NetworkPolicyPeerResult): string {
  return [peer.namespaceSelector ? `namespaceSelector ${selectorText(peer.namespaceSelector)}` : '', peer.podSelector ? `podSelector ${selectorText(peer.podSelector)}` : ''].filter(Boolean).join(' + ');
}

function podName(pod: PodResult): string {
  return `${pod.namespace}/${pod.name}`;
}

export function describePeer(peer: ConnectionPeer): string {
  if (peer.kind === 'pod' || peer.kind === 'hostNetworkPod') return `${peer.namespace}/${peer.name}`;
  if (peer.kind === 'node') return `node ${peer.node} (${peer.ip})`;
  return peer.ip ?? '?';
}
