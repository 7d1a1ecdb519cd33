/**
 * Traces the first packet of a connection through the simulated cluster, the way the
 * kernels of a kind cluster would move it: out of the client's network namespace, through
 * the node's netfilter hooks (nat PREROUTING/OUTPUT, filter INPUT/FORWARD/OUTPUT, nat
 * POSTROUTING) with kube-proxy's and kubelet's real rules (proxy/iptables-rules.ts), the
 * node's routes (datapath/), across the node network to another node, and into the
 * destination's namespace, where something listens on the port or nothing does.
 *
 * Load balancing: where kube-proxy's `-m statistic` rules split traffic, every endpoint is
 * a candidate with its chance, and the trace follows the one a seeded draw picks.
 */
import { parseIPv4 } from '../cluster/cidr';
import { buildNodeNetwork, buildPodNetwork, type NetnsView, type Route } from '../datapath';
import { dockerGateway } from '../datapath/netns';
import { lookupRoute, routeEffect } from '../datapath/route-lookup';
import { buildIptablesRules } from '../proxy/iptables-rules';
import type { IptablesTable } from '../proxy/iptables-types';
import type { NodeResult, PodResult, SimulationResult } from '../result';
import { SeededRandom } from '../util/rand';
import { metalLbSpeakerNode } from './announce';
import { judgeConnection, type ConnectionEnd } from '../netpol/judge';
import { buildIpvsState, findVirtualServer, ipsetMembership } from '../proxy/ipvs-rules';
import type { IpvsState } from '../proxy/ipvs-types';
import { buildNftablesRuleset } from '../proxy/nftables-rules';
import type { NftTable } from '../proxy/nftables-types';
import { chainsOf, walkHook, type NfEnvironment, type NfOutcome, type NfPacket } from './netfilter';
import { listeningPorts } from './listeners';
import { nftServices } from './nft-walk';
import { localAddresses, sourceAddress } from './routing';
import type { TraceCandidate, TraceHop, TraceHttp, TracePacket, TraceRequest, TraceResult, TraceVerdict } from './types';
import { routeIngressRequest } from '../ingress/routing';
import { nginxResponse } from '../ingress/responses';

/** A request the cluster cannot even start: an unknown Pod or node, a Pod without an IP. */
export class TraceRequestError extends Error {}

/** Processes every kind node runs on its own network namespace (not Pods): kubelet's API and kube-proxy's health server. */
const NODE_DAEMONS: { port: number; protocol: string; name: string }[] = [
  { port: 10250, protocol: 'TCP', name: 'kubelet' },
  { port: 10256, protocol: 'TCP', name: 'kube-proxy (healthz)' },
];
/** Linux's default ip_local_port_range: where a client's source port comes from. */
const EPHEMERAL = { base: 32768, size: 61000 - 32768 };
/** A forwarding loop would exceed the packet's TTL (64 on Linux) long before this. */
const MAX_HOPS = 64;

interface NodeNet {
  node: NodeResult;
  view: NetnsView;
  locals: Set<string>;
  /** kubelet's and kube-proxy's fixed chains only: all a packet meets when it is for no Service address. */
  nat: IptablesTable;
  filter: IptablesTable;
  /** Every rule (iptables mode), built on the first packet for a Service address. */
  full?: { nat: IptablesTable; filter: IptablesTable };
  /** IPVS mode: the node's virtual servers and ipsets. */
  ipvs?: IpvsState;
  inSet?: NfEnvironment['inSet'];
  /** nftables mode: `table ip kube-proxy`. */
  nft?: NftTable;
}

/** Per-result indexes, built once and shared by every trace of the same result. */
interface Indexes {
  podsByIp: Map<string, PodResult>;
  nodesByIp: Map<string, NodeResult>;
  nodesByName: Map<string, NodeResult>;
  /** `ip:port` → `namespace/pod` of the Service endpoints. */
  endpointPods: Map<string, string>;
  nets: Map<string, NodeNet>;
  /** `ip/proto/port` of every ClusterIP, externalIP and LoadBalancer IP port; `proto/port` of node ports. */
  frontends: Set<string>;
  nodePorts: Set<string>;
  podViews: Map<string, NetnsView | null>;
  /** `namespace/name` → Pod. */
  podsByKey: Map<string, PodResult>;
  /** node → its hostNetwork Pods (they answer on the node's addresses). */
  hostNetworkPods: Map<string, PodResult[]>;
  /** node → the Pod-network Pods with a container `hostPort` there (CNI portmap). */
  hostPortPods: Map<string, PodResult[]>;
}

const indexCache = new WeakMap<SimulationResult, Indexes>();

function indexes(result: SimulationResult): Indexes {
  let ix = indexCache.get(result);
  if (ix) return ix;
  ix = { podsByIp: new Map(), nodesByIp: new Map(), nodesByName: new Map(), endpointPods: new Map(), nets: new Map(), frontends: new Set(), nodePorts: new Set(), podViews: new Map(), podsByKey: new Map(), hostNetworkPods: new Map(), hostPortPods: new Map() };
  for (const s of result.services) {
    const ips = [s.clusterIP, ...s.externalIPs, ...s.loadBalancerIngress.map((i) => i.ip)].filter((ip): ip is string => !!ip && ip !== 'None');
    for (const port of s.ports) {
      const proto = port.protocol.toLowerCase();
      for (const ip of ips) ix.frontends.add(`${ip}/${proto}/${port.port}`);
      if (port.nodePort) ix.nodePorts.add(`${proto}/${port.nodePort}`);
    }
    if (s.healthCheckNodePort) ix.nodePorts.add(`tcp/${s.healthCheckNodePort}`);
  }
  const add = (map: Map<string, PodResult[]>, node: string, p: PodResult) => map.set(node, [...(map.get(node) ?? []), p]);
  for (const p of result.pods) {
    ix.podsByKey.set(`${p.namespace}/${p.name}`, p);
    if (p.ip === null || p.nodeName === null) continue;
    if (p.hostNetwork) add(ix.hostNetworkPods, p.nodeName, p);
    else {
      ix.podsByIp.set(p.ip, p);
      if (p.containerPorts.some((c) => c.hostPort)) add(ix.hostPortPods, p.nodeName, p);
    }
  }
  for (const n of result.cluster.nodes) {
    ix.nodesByIp.set(n.internalIP, n);
    ix.nodesByName.set(n.name, n);
  }
  for (const s of result.services) for (const e of s.endpoints) if (e.podName) ix.endpointPods.set(`${e.ip}:${e.port}`, `${e.podNamespace}/${e.podName}`);
  indexCache.set(result, ix);
  return ix;
}

const fmt = (ip: string, port: number) => `${ip}:${port}`;

class Tracer {
  readonly hops: TraceHop[] = [];
  candidates: TraceCandidate[] = [];
  /** Who opened the connection, as NetworkPolicy sees it before any SNAT. */
  origin: ConnectionEnd = { ip: '0.0.0.0' };
  /** Set once a MASQUERADE rewrote the source: policies then see the new address. */
  masqueraded = false;
  /** The HTTP request on the connection, for an Ingress controller on the way. */
  http?: TraceRequest['http'];
  httpResult?: TraceHttp;
  /** Ingress → backend legs already followed (a controller proxying to itself would loop). */
  legs = 0;
  readonly ix: Indexes;
  private readonly rand: SeededRandom;

  constructor(
    readonly result: SimulationResult,
    seed: string,
  ) {
    this.ix = indexes(result);
    this.rand = new SeededRandom(seed);
  }

  random = () => this.rand.nextUint32() / 2 ** 32;

  sourcePort(): number {
    return EPHEMERAL.base + this.rand.intn(EPHEMERAL.size);
  }

  net(nodeName: string): NodeNet {
    let net = this.ix.nets.get(nodeName);
    if (!net) {
      const node = this.ix.nodesByName.get(nodeName);
      const view = buildNodeNetwork(this.result, nodeName);
      if (!node || !view) throw new TraceRequestError(`no node named ${nodeName}`);
      const mode = this.result.cluster.kubeProxyMode;
      // In iptables mode the per-Service rules are most of a node's tables: they are built only when a packet can meet them.
      const tables = buildIptablesRules(mode === 'iptables' ? { ...this.result, services: [] } : this.result, nodeName);
      net = { node, view, locals: localAddresses(view), nat: tables.find((t) => t.name === 'nat')!, filter: tables.find((t) => t.name === 'filter')! };
      if (mode === 'ipvs') {
        net.ipvs = buildIpvsState(this.result, nodeName);
        net.inSet = ipsetMembership(net.ipvs);
      } else if (mode === 'nftables') net.nft = buildNftablesRuleset(this.result, nodeName).find((x) => x.family === 'ip');
      this.ix.nets.set(nodeName, net);
    }
    return net;
  }

  hop(h: Omit<TraceHop, 'packet'>, p: NfPacket, before?: NfPacket): void {
    this.hops.push({ ...h, ...(before ? { before: packetOf(before) } : {}), packet: packetOf(p) });
  }

  netnsOf(net: NodeNet, pod: PodResult): string {
    return net.view.netns.find((n) => n.podNamespace === pod.namespace && n.podName === pod.name)?.name ?? `${pod.namespace}/${pod.name}`;
  }

  podView(pod: PodResult): NetnsView | null {
    const key = `${pod.namespace}/${pod.name}`;
    let view = this.ix.podViews.get(key);
    if (view === undefined) {
      view = buildPodNetwork(this.result, pod.namespace, pod.name);
      this.ix.podViews.set(key, view);
    }
    return view;
  }

  /**
   * The tables a packet is walked through: the full ones when its destination is a Service
   * address (or a node port of this node); otherwise no per-Service rule can match it and
   * the fixed chains give the same walk.
   */
  tablesFor(net: NodeNet, p: NfPacket): { nat: IptablesTable; filter: IptablesTable } {
    if (this.result.cluster.kubeProxyMode !== 'iptables') return net;
    const service = this.ix.frontends.has(`${p.dst}/${p.proto}/${p.dport}`) || (this.ix.nodePorts.has(`${p.proto}/${p.dport}`) && this.isLocal(net, p.dst));
    if (!service) return net;
    if (!net.full) {
      const tables = buildIptablesRules(this.result, net.node.name);
      net.full = { nat: tables.find((t) => t.name === 'nat')!, filter: tables.find((t) => t.name === 'filter')! };
    }
    return net.full;
  }

  isLocal(net: NodeNet, ip: string): boolean {
    return net.locals.has(ip) || ip.startsWith('127.');
  }

  /** Runs a hook and records what matched; returns the outcome. */
  hook(net: NodeNet, table: 'nat' | 'filter', chain: string, p: NfPacket, iface?: string): NfOutcome {
    const tables = this.tablesFor(net, p);
    const out = walkHook(table === 'nat' ? tables.nat : tables.filter, chain, p, { isLocal: (ip) => this.isLocal(net, ip), random: this.random, ...(net.inSet ? { inSet: net.inSet } : {}) });
    for (const h of out.hits) {
      const target = h.rule.target;
      const comment = h.rule.matches.find((m) => m.module === 'comment');
      const what = target?.kind === 'jump' ? `-j ${target.chain}` : target ? `-j ${target.kind}` : 'counted';
      this.hop(
        { node: net.node.name, netns: 'root', ...(iface ? { interface: iface } : {}), kind: 'netfilter', action: `${h.table} ${h.chain} rule ${h.position}${comment?.module === 'comment' ? ` ("${comment.comment}")` : ''}: ${what}`, table: h.table, chain: h.chain, rule: h.text },
        target?.kind === 'DNAT' ? out.packet : p,
      );
    }
    for (const b of out.balancing) this.recordCandidates(net, b.branches);
    return out;
  }

  recordCandidates(net: NodeNet, branches: { target: string; probability: number; chosen: boolean }[]): void {
    const chains = chainsOf((net.full ?? net).nat);
    this.candidates = branches.map((b) => {
      const dnat = chains.get(b.target)?.rules.find((r) => r.target?.kind === 'DNAT')?.target;
      const to = dnat?.kind === 'DNAT' ? dnat.toDestination : '';
      const colon = to.lastIndexOf(':');
      return { pod: this.ix.endpointPods.get(to) ?? '', ip: to.slice(0, colon), port: Number(to.slice(colon + 1)), probability: Math.round(b.probability * 1e6) / 1e6, chosen: b.chosen };
    });
  }
}

function packetOf(p: NfPacket): TracePacket {
  return { protocol: p.proto.toUpperCase(), src: fmt(p.src, p.sport), dst: fmt(p.dst, p.dport) };
}

interface Ending {
  verdict: TraceVerdict;
  reason: string;
  destination: TraceResult['destination'];
}

/** Traces `request` on `result`. Throws TraceRequestError for a source that does not exist or has no network yet. */
export function traceConnection(result: SimulationResult, request: TraceRequest, options: { seed?: string } = {}): TraceResult {
  const protocol = (request.protocol ?? 'TCP').toLowerCase();
  if (parseIPv4(request.to.ip) === null) throw new TraceRequestError(`${request.to.ip} is not an IPv4 address`);
  if (!Number.isInteger(request.to.port) || request.to.port < 1 || request.to.port > 65535) throw new TraceRequestError(`port ${request.to.port} is not between 1 and 65535`);
  const from = request.from;
  const fromKey = from.kind === 'pod' ? `${from.namespace}/${from.name}` : from.kind === 'node' ? `node/${from.name}` : `external/${from.ip ?? ''}`;
  const t = new Tracer(result, `trace/${options.seed ?? ''}/${fromKey}/${request.to.ip}:${request.to.port}/${protocol}`);
  if (request.http) t.http = request.http;
  const packet: NfPacket = { src: '', dst: request.to.ip, proto: protocol, sport: t.sourcePort(), dport: request.to.port, mark: 0, dnat: false };
  let source: TraceResult['source'];
  let ending: Ending;
  if (from.kind === 'pod') {
    const pod = t.ix.podsByKey.get(`${from.namespace}/${from.name}`);
    if (!pod) throw new TraceRequestError(`pods "${from.name}" not found in namespace ${from.namespace}`);
    if (pod.nodeName === null || pod.ip === null) throw new TraceRequestError(`Pod ${from.namespace}/${from.name} has no IP yet (${pod.reason ?? pod.phase}): it cannot send packets`);
    packet.src = pod.ip;
    t.origin = { pod: { namespace: pod.namespace, name: pod.name } };
    source = { ip: pod.ip, port: packet.sport, pod: `${pod.namespace}/${pod.name}`, node: pod.nodeName };
    ending = pod.hostNetwork ? fromNodeProcess(t, t.net(pod.nodeName), packet) : fromPod(t, pod, packet);
  } else if (from.kind === 'node') {
    const net = t.net(from.name);
    packet.src = net.node.internalIP;
    t.origin = { ip: packet.src };
    source = { ip: packet.src, port: packet.sport, node: from.name };
    ending = fromNodeProcess(t, net, packet);
  } else {
    packet.src = from.ip ?? dockerGateway(result);
    if (parseIPv4(packet.src) === null) throw new TraceRequestError(`external client address ${packet.src} is not an IPv4 address`);
    t.origin = { ip: packet.src };
    source = { ip: packet.src, port: packet.sport };
    ending = fromExternal(t, packet);
  }
  return { verdict: ending.verdict, reason: ending.reason, source, hops: t.hops, candidates: t.candidates, destination: ending.destination, ...(t.httpResult ? { http: t.httpResult } : {}) };
}

function fromPod(t: Tracer, pod: PodResult, p: NfPacket): Ending {
  const net = t.net(pod.nodeName!);
  const podNetns = t.netnsOf(net, pod);
  const view = t.podView(pod);
  if (!view) throw new TraceRequestError(`Pod ${pod.namespace}/${pod.name} has no network namespace (the cluster has no CNI)`);
  if (p.dst === pod.ip || p.dst.startsWith('127.')) {
    t.hop({ node: net.node.name, netns: podNetns, interface: 'lo', kind: 'route', action: `${p.dst} is the Pod's own address: delivered over loopback inside the Pod` }, p);
    return deliverToPod(t, net, pod, p);
  }
  const route = lookupRoute(view, p.dst);
  if (!route) return timedOut(t, p, `Pod ${pod.namespace}/${pod.name} has no route to ${p.dst}`);
  t.hop({ node: net.node.name, netns: podNetns, interface: route.dev, kind: 'route', action: `sent from the Pod: ${routeText(route)}` }, p);
  const peer = net.view.interfaces.find((i) => i.linkNetns === podNetns);
  const iface = peer?.name ?? 'veth';
  t.hop({ node: net.node.name, netns: 'root', interface: iface, kind: 'forward', action: `arrives on the node ${net.node.name} through ${iface}, the node's end of the Pod's veth pair (eth0@if${peer?.index ?? '?'} in the Pod)` }, p);
  return arriveAtNode(t, net, iface, p, 0);
}

/** A process of the node's own namespace (a hostNetwork Pod, or a shell on the node) connects: OUTPUT, then POSTROUTING. */
function fromNodeProcess(t: Tracer, net: NodeNet, p: NfPacket): Ending {
  t.hop({ node: net.node.name, netns: 'root', kind: 'send', action: `sent by a process in the node's network namespace (${net.node.name})` }, p);
  const nat = t.hook(net, 'nat', 'OUTPUT', p);
  const next = nftStage(t, net, afterNat(t, net, nat, p));
  if ('verdict' in next) return next;
  return routeOnNode(t, net, next, true, 0);
}

function fromExternal(t: Tracer, p: NfPacket): Ending {
  const result = t.result;
  const ix = indexes(result);
  t.hop({ node: null, netns: 'external', kind: 'send', action: `sent by the client ${p.src} outside the cluster (on kind's docker network)` }, p);
  if (p.dst.startsWith('127.') || p.dst === '0.0.0.0') {
    // The kind host itself: only ports docker publishes for a node (kind extraPortMappings) lead into the cluster.
    const proto = p.proto.toUpperCase();
    const m = (result.cluster.portMappings ?? []).find((x) => x.hostPort === p.dport && x.protocol === proto && (x.listenAddress === '0.0.0.0' || x.listenAddress === p.dst || x.listenAddress === '127.0.0.1'));
    const node = m && ix.nodesByName.get(m.node);
    if (!m || !node) return { verdict: 'refused', reason: `nothing listens on the kind host's port ${p.dport}/${proto}: no node publishes it (kind extraPortMappings); the client gets "Connection refused"`, destination: { ip: p.dst, port: p.dport } };
    const before = { ...p };
    p = { ...p, src: dockerGateway(result), dst: node.internalIP, dport: m.containerPort };
    t.hop({ node: null, netns: 'external', kind: 'dnat', action: `docker publishes ${m.listenAddress}:${m.hostPort} for ${node.name} (kind extraPortMappings): ${fmt(before.dst, before.dport)} → ${fmt(node.internalIP, m.containerPort)}, from the docker network's gateway`, table: 'nat', chain: 'DOCKER' }, p, before);
  }
  let entry: NodeResult | undefined = ix.nodesByIp.get(p.dst);
  let how = `${p.dst} is the InternalIP of ${entry?.name}`;
  if (!entry) {
    const lb = result.services.find((s) => s.loadBalancerIngress.some((i) => i.ip === p.dst));
    if (lb) {
      const speaker = metalLbSpeakerNode(result, lb, p.dst);
      if (!speaker) return timedOut(t, p, `no node answers ARP for the LoadBalancer IP ${p.dst} of ${lb.namespace}/${lb.name}: MetalLB announces it only from a node with a speaker${lb.externalTrafficPolicy === 'Local' ? ' and a ready local endpoint (externalTrafficPolicy: Local)' : ''}, and the Service has ${lb.endpoints.some((e) => e.ready) ? 'no such node' : 'no ready endpoints'}`);
      entry = speaker;
      how = `MetalLB's speaker on ${speaker.name} answers ARP for the LoadBalancer IP ${p.dst} of ${lb.namespace}/${lb.name} (layer 2 mode: one node per IP)`;
    } else {
      const ext = result.services.find((s) => s.externalIPs.includes(p.dst));
      if (ext) {
        entry = result.cluster.nodes.find((n) => n.roles.length === 0 && n.ready) ?? result.cluster.nodes.find((n) => n.ready);
        if (!entry) return timedOut(t, p, `no Ready node to receive traffic for external IP ${p.dst}`);
        how = `${p.dst} is an external IP of ${ext.namespace}/${ext.name}; the network must route it to a node (here ${entry.name}), Kubernetes does not announce it`;
      }
    }
  }
  if (!entry) {
    const inPods = ix.podsByIp.has(p.dst);
    const svc = result.services.find((s) => s.clusterIP === p.dst);
    const what = inPods ? `a Pod IP` : svc ? `the ClusterIP of ${svc.namespace}/${svc.name}` : 'not an address of the cluster';
    return timedOut(t, p, `the client has no route to ${p.dst} (${what}): Pod and ClusterIP addresses are reachable only from inside the cluster; from outside use a node's IP and a NodePort, a LoadBalancer IP, or an Ingress`);
  }
  if (!entry.ready) return timedOut(t, p, `node ${entry.name} is NotReady and does not answer`);
  const net = t.net(entry.name);
  t.hop({ node: entry.name, netns: 'root', interface: 'eth0', kind: 'forward', action: `arrives on ${entry.name} eth0: ${how}` }, p);
  return arriveAtNode(t, net, 'eth0', p, 0);
}

/** A packet arrives on one of the node's interfaces: nat PREROUTING, then routing. */
function arriveAtNode(t: Tracer, net: NodeNet, iface: string, p: NfPacket, depth: number): Ending {
  if (depth > MAX_HOPS) return { verdict: 'dropped', reason: 'the packet loops between nodes until its TTL runs out', destination: dest(t, p) };
  const nat = t.hook(net, 'nat', 'PREROUTING', p, iface);
  const next = nftStage(t, net, afterNat(t, net, nat, p));
  if ('verdict' in next) return next;
  return routeOnNode(t, net, next, false, depth);
}

/** Records a DNAT as its own hop and returns the packet as it leaves the hook. */
function afterNat(t: Tracer, net: NodeNet, out: NfOutcome, before: NfPacket): NfPacket {
  if (out.nat?.kind === 'DNAT') dnatHop(t, net, before, out.packet);
  return out.packet;
}

function dnatHop(t: Tracer, net: NodeNet, before: NfPacket, after: NfPacket, how = 'DNAT'): void {
  const to = fmt(after.dst, after.dport);
  const pod = t.ix.endpointPods.get(to);
  t.hop({ node: net.node.name, netns: 'root', kind: 'dnat', action: `${how} ${fmt(before.dst, before.dport)} → ${to}${pod ? ` (${pod})` : ''}` }, after, before);
}

/**
 * A container's `hostPort`: the CNI portmap plugin (kindnet's and flannel's conflists
 * chain it) DNATs the node's port to the Pod (nat CNI-HOSTPORT-DNAT, for local destinations).
 */
function hostPortStage(t: Tracer, net: NodeNet, p: NfPacket): NfPacket | null {
  if (p.dst.startsWith('127.')) return null;
  for (const pod of t.ix.hostPortPods.get(net.node.name) ?? []) {
    if (pod.ip === null) continue;
    const port = pod.containerPorts.find((c) => c.hostPort === p.dport && c.protocol.toLowerCase() === p.proto);
    if (!port) continue;
    const after = { ...p, dst: pod.ip, dport: port.containerPort, dnat: true };
    t.hop({ node: net.node.name, netns: 'root', kind: 'dnat', action: `CNI portmap (hostPort ${port.hostPort} of ${pod.namespace}/${pod.name}): DNAT ${fmt(p.dst, p.dport)} → ${fmt(pod.ip, port.containerPort)}`, table: 'nat', chain: 'CNI-HOSTPORT-DNAT' }, after, p);
    return after;
  }
  return null;
}

/**
 * nftables mode: kube-proxy's `table ip kube-proxy` at the dstnat hook (its filter chains'
 * no-endpoint checks included). Returns the packet after a dnat, or how the connection ends.
 */
function nftStage(t: Tracer, net: NodeNet, p: NfPacket): NfPacket | Ending {
  if (!net.nft) return p;
  const out = nftServices(net.nft, p, { isLocal: (ip) => t.isLocal(net, ip), random: t.random });
  for (const s of out.steps) t.hop({ node: net.node.name, netns: 'root', kind: 'netfilter', action: `nft kube-proxy ${s.chain}: ${s.action}`, table: 'ip kube-proxy', chain: s.chain, rule: s.rule }, p);
  if (out.balancing) {
    t.candidates = out.balancing.map((b) => {
      const to = out.dnatOf(b.target) ?? '';
      const colon = to.lastIndexOf(':');
      return { pod: t.ix.endpointPods.get(to) ?? '', ip: to.slice(0, colon), port: Number(to.slice(colon + 1)), probability: Math.round(b.probability * 1e6) / 1e6, chosen: b.chosen };
    });
  }
  if (out.verdict === 'reject') return { verdict: 'rejected', reason: `rejected by kube-proxy's nftables rules: ${out.why}; the client sees "Connection refused" at once`, destination: dest(t, p) };
  if (out.verdict === 'drop') return { verdict: 'dropped', reason: `dropped by kube-proxy's nftables rules: ${out.why}; the client waits until it times out`, destination: dest(t, p) };
  if (out.masquerade) p = { ...p, mark: p.mark | 0x4000 };
  if (!out.dnat) return p;
  const colon = out.dnat.lastIndexOf(':');
  const after = { ...p, dst: out.dnat.slice(0, colon), dport: Number(out.dnat.slice(colon + 1)), dnat: true };
  dnatHop(t, net, p, after);
  return after;
}

/**
 * IPVS mode: a packet for a virtual server (a kube-ipvs0 or node address) is taken by IPVS
 * at LOCAL_IN, scheduled to a real server and sent on with its destination rewritten (Masq).
 * With no real server, ip_vs_leave answers ICMP port unreachable. Null: no virtual server.
 */
function ipvsStage(t: Tracer, net: NodeNet, p: NfPacket): NfPacket | Ending | null {
  if (!net.ipvs) return null;
  const vs = findVirtualServer(net.ipvs, p.proto, p.dst, p.dport);
  if (!vs) return null;
  const name = `${vs.protocol} ${fmt(vs.address, vs.port)} ${vs.scheduler}${vs.persistentTimeout ? ` persistent ${vs.persistentTimeout}` : ''}`;
  if (vs.realServers.length === 0) {
    t.hop({ node: net.node.name, netns: 'root', kind: 'reject', action: `IPVS virtual server ${name} (${vs.servicePortName}) has no real servers` }, p);
    return { verdict: 'rejected', reason: `IPVS virtual server ${name} for ${vs.servicePortName} has no real servers: IPVS answers ICMP port unreachable, the client sees "Connection refused"`, destination: dest(t, p) };
  }
  const pick = Math.floor(t.random() * vs.realServers.length);
  t.candidates = vs.realServers.map((rs, i) => ({ pod: rs.podName ? `${rs.podNamespace}/${rs.podName}` : '', ip: rs.address, port: rs.port, probability: Math.round(1e6 / vs.realServers.length) / 1e6, chosen: i === pick }));
  const rs = vs.realServers[pick];
  t.hop({ node: net.node.name, netns: 'root', kind: 'ipvs', action: `IPVS virtual server ${name} (${vs.servicePortName}): scheduled to real server ${fmt(rs.address, rs.port)} (${rs.forward}, weight ${rs.weight})` }, p);
  const after = { ...p, dst: rs.address, dport: rs.port, dnat: true };
  dnatHop(t, net, p, after, 'IPVS Masq');
  return after;
}

function routeOnNode(t: Tracer, net: NodeNet, p: NfPacket, localOrigin: boolean, depth: number): Ending {
  const node = net.node.name;
  if (t.isLocal(net, p.dst)) {
    const hostPort = hostPortStage(t, net, p);
    if (hostPort) return forward(t, net, hostPort, localOrigin, depth);
    if (localOrigin) {
      const f = t.hook(net, 'filter', 'OUTPUT', p);
      const stop = filterVerdict(t, f, p);
      if (stop) return stop;
    }
    const f = t.hook(net, 'filter', 'INPUT', p);
    const stop = filterVerdict(t, f, p);
    if (stop) return stop;
    const ipvs = ipvsStage(t, net, p);
    if (ipvs && 'verdict' in ipvs) return ipvs;
    // IPVS sends the rewritten packet out as the node's own (LOCAL_OUT, then POSTROUTING).
    if (ipvs) return forward(t, net, ipvs, true, depth);
    t.hop({ node, netns: 'root', interface: p.dst.startsWith('127.') ? 'lo' : undefined, kind: 'route', action: `${p.dst} is an address of ${node} itself: delivered locally` }, p);
    return deliverToNode(t, net, p);
  }
  return forward(t, net, p, localOrigin, depth);
}

/** Routing to a destination that is not the node's own, filter FORWARD (OUTPUT for the node's own packets), nat POSTROUTING, then out. */
function forward(t: Tracer, net: NodeNet, p: NfPacket, localOrigin: boolean, depth: number): Ending {
  const node = net.node.name;
  const route = lookupRoute(net.view, p.dst);
  if (!route) return timedOut(t, p, `${node} has no route to ${p.dst}`);
  t.hop({ node, netns: 'root', interface: route.dev, kind: 'route', action: routeText(route) }, p);
  const f = t.hook(net, 'filter', localOrigin ? 'OUTPUT' : 'FORWARD', p);
  const stop = filterVerdict(t, f, p);
  if (stop) return stop;
  const post = t.hook(net, 'nat', 'POSTROUTING', p);
  if (net.nft && (p.mark & 0x4000) !== 0) {
    t.hop({ node, netns: 'root', kind: 'netfilter', action: 'nft kube-proxy masquerading: marked for masquerade', table: 'ip kube-proxy', chain: 'masquerading', rule: 'masquerade fully-random' }, p);
    post.nat = { kind: 'MASQUERADE' };
  }
  if (post.nat?.kind === 'MASQUERADE') {
    const before = { ...p };
    const src = sourceAddress(net.view, route) ?? net.node.internalIP;
    p = { ...post.packet, src, sport: p.sport };
    t.masqueraded = true;
    t.hop({ node, netns: 'root', interface: route.dev, kind: 'snat', action: `MASQUERADE: source ${fmt(before.src, before.sport)} → ${src} (the address of ${route.dev}), so the reply comes back through ${node}` }, p, before);
  } else p = post.packet;
  return egress(t, net, route, p, depth);
}

/** filter-table verdicts: a REJECT answers the client, a DROP leaves it waiting. */
function filterVerdict(t: Tracer, f: NfOutcome, p: NfPacket): Ending | null {
  const last = f.hits[f.hits.length - 1];
  const comment = last?.rule.matches.find((m) => m.module === 'comment');
  const why = comment?.module === 'comment' ? comment.comment : last ? `${last.chain} rule ${last.position}` : 'the chain policy';
  if (f.verdict === 'REJECT') return { verdict: 'rejected', reason: `rejected by ${last?.table ?? 'filter'} ${last?.chain ?? ''} (${why}) with ${f.rejectWith ?? 'icmp-port-unreachable'}: the client sees "Connection refused" at once`, destination: dest(t, p) };
  if (f.verdict === 'DROP') return { verdict: 'dropped', reason: `dropped by ${last?.table ?? 'filter'} ${last?.chain ?? ''} (${why}): the client waits until it times out`, destination: dest(t, p) };
  return null;
}

function egress(t: Tracer, net: NodeNet, route: Route, p: NfPacket, depth: number): Ending {
  const effect = routeEffect(net.view, route, p.dst);
  const here = net.node.name;
  const podIn = (netns: string | undefined) => {
    const ns = netns === undefined ? undefined : net.view.netns.find((n) => n.name === netns);
    return ns && t.ix.podsByKey.get(`${ns.podNamespace}/${ns.podName}`);
  };
  const toNode = (name: string, iface: string, action: string) => {
    t.hop({ node: here, netns: 'root', interface: route.dev, kind: action.startsWith('encapsulated') ? 'tunnel' : 'forward', action }, p);
    const next = t.ix.nodesByName.get(name);
    if (!next) return timedOut(t, p, `no node ${name}`);
    if (!next.ready) return timedOut(t, p, `node ${next.name} is NotReady and does not answer`);
    t.hop({ node: next.name, netns: 'root', interface: iface, kind: 'forward', action: `arrives on ${next.name} ${iface}` }, p);
    return arriveAtNode(t, t.net(next.name), iface, p, depth + 1);
  };
  switch (effect.action) {
    case 'drop':
      return { verdict: 'dropped', reason: `${here} routes ${p.dst} to a blackhole: the address is in this node's block but no Pod holds it; the client times out`, destination: dest(t, p) };
    case 'unreachable':
      return timedOut(t, p, `${here}: ${effect.reason}`);
    case 'veth':
    case 'bridge': {
      const pod = podIn(effect.action === 'veth' ? effect.peerNetns : effect.peerNetns);
      if (pod) {
        if (effect.action === 'bridge') t.hop({ node: here, netns: 'root', interface: effect.dev, kind: 'forward', action: `bridged by ${effect.dev} to its port ${effect.port}` }, p);
        return deliverToPod(t, net, pod, p);
      }
      return timedOut(t, p, `no Pod on ${here} holds ${p.dst}`);
    }
    case 'cilium': {
      if (effect.tunnel) return toNode(effect.tunnel.remoteNode, effect.tunnel.dev, `encapsulated by cilium's BPF program in ${effect.tunnel.protocol.toUpperCase()} (UDP ${effect.tunnel.port}) to ${effect.tunnel.remoteNode} (${effect.tunnel.remote})`);
      const pod = podIn(effect.peerNetns);
      if (pod) {
        t.hop({ node: here, netns: 'root', interface: effect.dev, kind: 'forward', action: `cilium's BPF program delivers it to the local endpoint through ${effect.endpoint}` }, p);
        return deliverToPod(t, net, pod, p);
      }
      return timedOut(t, p, `no Pod on ${here} holds ${p.dst}`);
    }
    case 'vxlan':
    case 'geneve':
      return toNode(effect.remoteNode, effect.dev, `encapsulated in ${effect.action.toUpperCase()} by ${effect.dev} (VNI ${effect.vni}, UDP ${effect.port}) from ${effect.local ?? net.node.internalIP} to ${effect.remoteNode} (${effect.remote})`);
    case 'ipip':
      return toNode(effect.remoteNode, effect.dev, `encapsulated in IP-in-IP by ${effect.dev} from ${net.node.internalIP} to ${effect.remoteNode} (${effect.remote})`);
    case 'forward': {
      const next = t.ix.nodesByIp.get(effect.nextHop);
      if (next && next.name !== here) return toNode(next.name, 'eth0', `leaves ${here} by ${route.dev}: ${route.via ? `the route to ${route.destination} goes via ${next.name} (${effect.nextHop})` : `${p.dst} is ${next.name} on the node network`}`);
      const owner = t.ix.podsByIp.get(p.dst);
      t.hop({ node: here, netns: 'root', interface: route.dev, kind: 'forward', action: `leaves the cluster by ${route.dev}${route.via ? ` via ${route.via}` : ''}` }, p);
      return timedOut(t, p, owner ? `Pod ${owner.namespace}/${owner.name} has ${p.dst} but no route on ${here} leads to it` : `no Pod, node or Service has the address ${p.dst}`);
    }
  }
}

function listensOn(ports: { containerPort: number; protocol: string }[], p: NfPacket): boolean {
  return ports.some((x) => x.containerPort === p.dport && x.protocol.toLowerCase() === p.proto);
}

function deliverToPod(t: Tracer, net: NodeNet, pod: PodResult, p: NfPacket): Ending {
  const name = `${pod.namespace}/${pod.name}`;
  const netns = t.netnsOf(net, pod);
  t.hop({ node: net.node.name, netns, interface: 'eth0', kind: 'deliver', action: `enters Pod ${name} on eth0` }, p);
  const destination = { pod: name, node: net.node.name, ip: p.dst, port: p.dport };
  const denied = checkPolicies(t, net, pod, p);
  if (denied) return { ...denied, destination };
  const listeners = listeningPorts(pod);
  const server = listeners.find((l) => listensOn(l.ports, p));
  if (server) {
    const controller = t.http && t.legs === 0 ? t.result.ingressControllers.find((c) => c.namespace === pod.namespace && c.pods.some((x) => x.name === pod.name)) : undefined;
    if (controller) return ingressStage(t, net, pod, `${controller.namespace}/${controller.name}`, p);
    return { verdict: 'delivered', reason: `delivered to ${name} (container ${server.container}${server.fromImage ? ", which declares no ports: its image's server listens there" : ''}) on port ${p.dport}/${p.proto.toUpperCase()}`, destination };
  }
  const ports = listeners.flatMap((l) => l.ports);
  const declared = ports.length === 0 ? 'declares no ports' : `listens on ${ports.map((x) => `${x.containerPort}/${x.protocol}`).join(', ')}`;
  return { verdict: 'refused', reason: `nothing listens on ${p.dport}/${p.proto.toUpperCase()} in ${name}: no container declares that port (the Pod ${declared}); the client gets ${p.proto === 'tcp' ? 'a TCP reset ("Connection refused")' : 'ICMP port unreachable'}`, destination };
}

/**
 * NetworkPolicy, judged as the datapath does after DNAT: the source's egress and the
 * destination Pod's ingress for the port the packet arrives on. Policies see the source
 * as it arrives (after a MASQUERADE, the node's address). Returns the ending when they drop it.
 */
function checkPolicies(t: Tracer, net: NodeNet, pod: PodResult, p: NfPacket): Ending | null {
  if (t.result.networkPolicies.length === 0) return null;
  const source: ConnectionEnd = t.masqueraded ? { ip: p.src } : t.origin;
  const j = judgeConnection(t.result, { source, destination: { pod: { namespace: pod.namespace, name: pod.name } }, port: p.dport, protocol: p.proto.toUpperCase() });
  if (!j.egress.isolated && !j.ingress.isolated) return null;
  const ref = (r?: { namespace: string; name: string; direction: string; ruleIndex: number }) => (r ? `${r.namespace}/${r.name} ${r.direction.toLowerCase()}[${r.ruleIndex}]` : '');
  const netns = t.netnsOf(net, pod);
  if (j.policyAllowed) {
    const by = [j.egress.allowedBy, j.ingress.allowedBy].filter((r) => r !== undefined).map(ref).join(' and ');
    t.hop({ node: net.node.name, netns, interface: 'eth0', kind: 'policy', action: `NetworkPolicy allows it: ${by}` }, p);
    return null;
  }
  if (!j.enforced) {
    t.hop({ node: net.node.name, netns, interface: 'eth0', kind: 'policy', action: `NetworkPolicy would drop it, but the CNI (${j.cni}) does not enforce NetworkPolicy: ${j.reason}` }, p);
    return null;
  }
  const side = j.egress.allowed ? j.ingress : j.egress;
  const node = side.direction === 'Egress' && j.source.node ? j.source.node : net.node.name;
  t.hop({ node, netns: side.direction === 'Egress' ? 'root' : netns, kind: 'drop', action: `dropped by NetworkPolicy (${side.direction.toLowerCase()} of ${side.direction === 'Egress' ? `${j.source.namespace ?? ''}/${j.source.name ?? j.source.ip}` : `${pod.namespace}/${pod.name}`}): ${side.reason}` }, p);
  return { verdict: 'dropped', reason: `${j.reason}; the client waits until it times out`, destination: { ip: p.dst, port: p.dport } };
}

/**
 * An HTTP request reaches an Ingress controller's Pod: ingress-nginx routes it
 * (ingress/routing.ts) and either answers itself (404, 503, redirects) or proxies it to a
 * backend endpoint it picks (round robin; here a seeded draw), opening a new connection from
 * its own Pod — the trace follows that leg too. A backend that refuses makes nginx answer
 * 502, one that never answers 504.
 */
function ingressStage(t: Tracer, net: NodeNet, pod: PodResult, controller: string, p: NfPacket): Ending {
  const http = t.http ?? {};
  const route = routeIngressRequest(t.result, { host: http.host ?? '', path: http.path ?? '/', scheme: http.scheme ?? (p.dport === 443 ? 'https' : 'http'), port: p.dport, controller });
  const name = `${pod.namespace}/${pod.name}`;
  const base: TraceHttp = {
    status: route.status ?? 0,
    controller,
    server: route.server,
    location: route.location,
    ingress: route.ingress ? `${route.ingress.namespace}/${route.ingress.name}` : null,
    rule: route.rule,
    backend: route.backend ? `${route.backend.namespace}/${route.backend.service}:${route.backend.port}` : null,
    upstreamPath: route.upstreamPath,
    response: route.response,
    explanation: route.explanation,
  };
  t.hop({ node: net.node.name, netns: t.netnsOf(net, pod), interface: 'eth0', kind: 'ingress', action: `ingress-nginx (${controller}) routes Host "${http.host ?? ''}" ${http.path ?? '/'}: ${route.explanation.join('; ')}` }, p);
  const destination = { pod: name, node: net.node.name, ip: p.dst, port: p.dport };
  if (route.outcome !== 'backend' || route.endpoints.length === 0) {
    t.httpResult = base;
    return { verdict: 'delivered', reason: `the Ingress controller ${name} answers ${route.status ?? ''} itself`, destination };
  }
  const pick = Math.floor(t.random() * route.endpoints.length);
  t.candidates = route.endpoints.map((e, i) => ({ pod: e.podName ? `${e.podNamespace}/${e.podName}` : '', ip: e.address, port: e.port, probability: Math.round(1e6 / route.endpoints.length) / 1e6, chosen: i === pick }));
  const upstream = route.endpoints[pick];
  t.legs++;
  const leg: NfPacket = { src: pod.ip!, dst: upstream.address, proto: 'tcp', sport: t.sourcePort(), dport: upstream.port, mark: 0, dnat: false };
  t.origin = { pod: { namespace: pod.namespace, name: pod.name } };
  t.masqueraded = false;
  t.hop({ node: net.node.name, netns: t.netnsOf(net, pod), interface: 'eth0', kind: 'proxy', action: `nginx proxies to the endpoint ${fmt(upstream.address, upstream.port)}${upstream.podName ? ` (${upstream.podNamespace}/${upstream.podName})` : ''} directly, on a new connection from ${name}` }, leg);
  const ending = fromPod(t, pod, leg);
  const status = ending.verdict === 'delivered' ? 200 : ending.verdict === 'refused' || ending.verdict === 'rejected' ? 502 : 504;
  t.httpResult = { ...base, status, response: status === 200 ? null : nginxResponse(status, { at: t.result.now }) };
  if (status === 200) return ending;
  return { verdict: 'delivered', reason: `the Ingress controller ${name} answers ${status}: ${ending.reason}`, destination };
}

function deliverToNode(t: Tracer, net: NodeNet, p: NfPacket): Ending {
  const node = net.node.name;
  const destination = { node, ip: p.dst, port: p.dport };
  const hostPod = (t.ix.hostNetworkPods.get(node) ?? []).find((x) => x.containers.some((c) => listensOn(c.ports, p)));
  if (hostPod) return { verdict: 'delivered', reason: `delivered to ${hostPod.namespace}/${hostPod.name} (hostNetwork) on ${node} port ${p.dport}/${p.proto.toUpperCase()}`, destination: { ...destination, pod: `${hostPod.namespace}/${hostPod.name}` } };
  const daemon = NODE_DAEMONS.find((d) => d.port === p.dport && d.protocol.toLowerCase() === p.proto && (d.name !== 'kube-proxy (healthz)' || t.result.cluster.kubeProxyMode !== 'none'));
  if (daemon) return { verdict: 'delivered', reason: `delivered to ${daemon.name} on ${node} port ${p.dport}`, destination };
  const hc = t.result.services.find((s) => s.healthCheckNodePort === p.dport && p.proto === 'tcp');
  if (hc && t.result.cluster.kubeProxyMode !== 'none') return { verdict: 'delivered', reason: `delivered to kube-proxy's health check server for ${hc.namespace}/${hc.name} on ${node} (healthCheckNodePort ${p.dport})`, destination };
  return { verdict: 'refused', reason: `nothing listens on ${node} port ${p.dport}/${p.proto.toUpperCase()}; the client gets ${p.proto === 'tcp' ? 'a TCP reset ("Connection refused")' : 'ICMP port unreachable'}`, destination };
}

function timedOut(t: Tracer, p: NfPacket, reason: string): Ending {
  return { verdict: 'timed-out', reason: `${reason}; nothing answers, so the client times out`, destination: dest(t, p) };
}

function dest(t: Tracer, p: NfPacket): TraceResult['destination'] {
  const pod = t.ix.podsByIp.get(p.dst);
  return { ...(pod ? { pod: `${pod.namespace}/${pod.name}`, node: pod.nodeName ?? undefined } : {}), ip: p.dst, port: p.dport };
}

function routeText(r: Route): string {
  return `route ${r.destination}${r.via ? ` via ${r.via}` : ''} dev ${r.dev}${r.scope ? ` scope ${r.scope}` : ''}${r.src ? ` src ${r.src}` : ''}`;
}
