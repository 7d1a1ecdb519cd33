/**
 * kube-proxy's nftables mode as kindest/node v1.33.1 runs it (pkg/proxy/nftables/proxier.go
 * setupNFTables and syncProxyRules of the v1.33 line: base chains at dstnat-10 / dstnat+10,
 * before the v1.34 "pre-dnat" reshuffle of kubernetes#132456). Configuration as kind runs
 * it: masqueradeBit 14 (0x4000), ClusterCIDR local detection, nodePortAddresses unset
 * (nftables mode's default "primary": the node's InternalIP), the cluster's service CIDR
 * from its ServiceCIDR. kube-proxy runs an IPv4 and an IPv6 proxier (the kernel supports
 * both), so there is also an `ip6 kube-proxy` table, with no Service in a single-stack cluster.
 *
 * Rules are kept as `nft list` (nftables 1.0.6) prints them, chains and sets in creation
 * order. Not modelled: loadBalancerSourceRanges (firewall-… chains; the result does not
 * carry them), topology hints, masqueradeAll, IPv6 Services.
 */
import type { EndpointResult, SimulationResult } from '../result';
import { joinHostPort, nftEndpointName, nftNameBase, nftServicePortName } from './chain-names';
import type { NftChain, NftElement, NftRule, NftSet, NftTable } from './nftables-types';
import { categorizeEndpoints, portEndpoints, proxiedServicePorts } from './service-endpoints';

const MASQ_MARK = '0x00004000';
const PROTO_NUMBER: Record<string, number> = { tcp: 6, udp: 17, sctp: 132 };

function ipNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** Chains, sets and maps in creation order; a chain is created once. */
class TableBuilder {
  readonly sets: NftSet[] = [];
  private readonly setsByName = new Map<string, NftSet>();
  readonly chains = new Map<string, NftChain>();
  chain(name: string, extra: Omit<NftChain, 'name' | 'rules'> = {}): NftChain {
    let c = this.chains.get(name);
    if (!c) {
      c = { name, ...extra, rules: [] };
      this.chains.set(name, c);
    }
    return c;
  }
  rule(chain: string, text: string, targets: string[] = [], comment?: string): void {
    this.chain(chain).rules.push({ text, targets, ...(comment !== undefined ? { comment } : {}) });
  }
  set(s: Omit<NftSet, 'elements'>): NftSet {
    const made: NftSet = { ...s, elements: [] };
    this.sets.push(made);
    this.setsByName.set(made.name, made);
    return made;
  }
  find(name: string): NftSet {
    return this.setsByName.get(name)!;
  }
}

/** Base chains in setupNFTables' order (nftablesBaseChains). */
const BASE_CHAINS: [string, NftChain['base']][] = [
  ['filter-prerouting', { type: 'filter', hook: 'prerouting', priority: -110 }],
  ['filter-input', { type: 'filter', hook: 'input', priority: -110 }],
  ['filter-forward', { type: 'filter', hook: 'forward', priority: -110 }],
  ['filter-output', { type: 'filter', hook: 'output', priority: -110 }],
  ['filter-output-post-dnat', { type: 'filter', hook: 'output', priority: -90 }],
  ['nat-prerouting', { type: 'nat', hook: 'prerouting', priority: -100 }],
  ['nat-output', { type: 'nat', hook: 'output', priority: -100 }],
  ['nat-postrouting', { type: 'nat', hook: 'postrouting', priority: 100 }],
];

/** nftablesJumpChains: destination, source, extra match. */
const JUMP_CHAINS: [string, string, string][] = [
  ['nodeport-endpoints-check', 'filter-input', 'ct state new '],
  ['service-endpoints-check', 'filter-input', 'ct state new '],
  ['service-endpoints-check', 'filter-forward', 'ct state new '],
  ['service-endpoints-check', 'filter-output', 'ct state new '],
  ['firewall-check', 'filter-prerouting', 'ct state new '],
  ['firewall-check', 'filter-output', 'ct state new '],
  ['services', 'nat-output', ''],
  ['services', 'nat-prerouting', ''],
  ['masquerading', 'nat-postrouting', ''],
  ['cluster-ips-check', 'filter-forward', 'ct state new '],
  ['cluster-ips-check', 'filter-output-post-dnat', 'ct state new '],
];

/** An inline anonymous set as nft prints it: one element bare, several sorted in braces. */
function anonymousSet(items: string[]): string {
  return items.length === 1 ? items[0] : `{ ${items.join(', ')} }`;
}

interface FamilyConfig {
  family: 'ip' | 'ip6';
  addrType: string;
  /** The pod CIDR for the "is local" detector; '' when this family has none (no masquerade rules). */
  podCIDR: string;
  /** This family's service CIDRs. */
  serviceCIDRs: string[];
  /** nodeport-ips: the node's primary IP of this family. */
  nodePortIPs: string[];
}

/** setupNFTables: the fixed part of the table. */
function setup(t: TableBuilder, f: FamilyConfig): void {
  const ip = f.family;
  for (const [name, base] of BASE_CHAINS) t.chain(name, { base });
  for (const [dst, src, extra] of JUMP_CHAINS) {
    t.chain(dst);
    t.rule(src, `${extra}jump ${dst}`, [dst]);
  }
  for (const name of ['services', 'cluster-ips-check', 'masquerading', 'mark-for-masquerade']) t.chain(name);
  t.rule('mark-for-masquerade', `meta mark set meta mark | ${MASQ_MARK}`);
  t.rule('masquerading', `meta mark & ${MASQ_MARK} == 0x00000000 return`);
  t.rule('masquerading', `meta mark set meta mark ^ ${MASQ_MARK}`);
  t.rule('masquerading', 'masquerade fully-random');
  t.set({ kind: 'set', name: 'cluster-ips', type: f.addrType, comment: 'Active ClusterIPs' });
  t.rule('cluster-ips-check', `${ip} daddr @cluster-ips reject`, [], 'Reject traffic to invalid ports of ClusterIPs');
  if (f.serviceCIDRs.length > 0) t.rule('cluster-ips-check', `${ip} daddr ${anonymousSet(f.serviceCIDRs)} drop`, [], 'Drop traffic to unallocated ClusterIPs');
  const nodePortIPs = t.set({ kind: 'set', name: 'nodeport-ips', type: f.addrType, comment: 'IPs that accept NodePort traffic' });
  nodePortIPs.elements.push(...f.nodePortIPs.map((a) => ({ key: [a] })));
  t.set({ kind: 'map', name: 'no-endpoint-services', type: `${f.addrType} . inet_proto . inet_service : verdict`, comment: 'vmap to drop or reject packets to services with no endpoints' });
  t.set({ kind: 'map', name: 'no-endpoint-nodeports', type: 'inet_proto . inet_service : verdict', comment: 'vmap to drop or reject packets to service nodeports with no endpoints' });
  t.chain('reject-chain', { comment: 'helper for @no-endpoint-services / @no-endpoint-nodeports' });
  t.rule('reject-chain', 'reject');
  t.rule('service-endpoints-check', `${ip} daddr . meta l4proto . th dport vmap @no-endpoint-services`, ['reject-chain']);
  t.rule('nodeport-endpoints-check', `${ip} daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports`, ['reject-chain']);
  t.set({ kind: 'map', name: 'firewall-ips', type: `${f.addrType} . inet_proto . inet_service : verdict`, comment: 'destinations that are subject to LoadBalancerSourceRanges' });
  t.rule('firewall-check', `${ip} daddr . meta l4proto . th dport vmap @firewall-ips`);
  t.set({ kind: 'map', name: 'service-ips', type: `${f.addrType} . inet_proto . inet_service : verdict`, comment: 'ClusterIP, ExternalIP and LoadBalancer IP traffic' });
  t.set({ kind: 'map', name: 'service-nodeports', type: 'inet_proto . inet_service : verdict', comment: 'NodePort traffic' });
  t.rule('services', `${ip} daddr . meta l4proto . th dport vmap @service-ips`);
  t.rule('services', `${ip} daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports`);
}

/** Names of one endpoint's chain and affinity set. */
function endpointNames(ns: string, svc: string, proto: string, portName: string, ep: EndpointResult) {
  const base = nftNameBase(nftEndpointName(ns, svc, proto, portName, ep.ip, ep.port));
  return { chain: `endpoint-${base}`, affinity: `affinity-${base}` };
}

/** syncProxyRules for the service ports of one family (IPv4 here). */
function addServices(t: TableBuilder, f: FamilyConfig, result: SimulationResult, nodeName: string): void {
  const ip = f.family;
  const element = (set: string, e: NftElement) => t.find(set).elements.push(e);
  for (const sp of proxiedServicePorts(result)) {
    const { svc, port, proto, spn } = sp;
    const base = nftNameBase(nftServicePortName(svc.namespace, svc.name, proto, port.name));
    const clusterPolicyChain = `service-${base}`;
    const localPolicyChain = `local-${base}`;
    const externalChain = `external-${base}`;
    const { cluster, local, reachable, hasAny } = categorizeEndpoints(portEndpoints(svc, port), sp.usesClusterEndpoints, sp.usesLocalEndpoints, nodeName);
    // Hashing is the costly part: name each endpoint once.
    const names = new Map<EndpointResult, { chain: string; affinity: string }>();
    const epNames = (ep: EndpointResult) => {
      let n = names.get(ep);
      if (!n) names.set(ep, (n = endpointNames(svc.namespace, svc.name, proto, port.name, ep)));
      return n;
    };

    for (const ep of reachable) t.chain(epNames(ep).chain);
    const usesClusterPolicyChain = cluster.length > 0 && sp.usesClusterEndpoints;
    if (usesClusterPolicyChain) t.chain(clusterPolicyChain);
    const usesLocalPolicyChain = local.length > 0 && sp.usesLocalEndpoints;
    if (usesLocalPolicyChain) t.chain(localPolicyChain);

    const internalChain = sp.internalLocal ? localPolicyChain : clusterPolicyChain;
    const hasInternal = hasAny && !(sp.internalLocal && local.length === 0);
    const externalPolicyChain = sp.externalLocal ? localPolicyChain : clusterPolicyChain;
    const hasExternal = hasAny && !(sp.externalLocal && local.length === 0);
    const usesExternalChain = hasAny && sp.externallyAccessible;
    if (usesExternalChain) t.chain(externalChain);
    const internalVerdict = hasAny ? 'drop' : 'goto reject-chain';
    const externalVerdict = internalVerdict;

    const clusterIP = svc.clusterIP!;
    const key = (addr: string, p: number) => [addr, proto, String(p)];
    element('cluster-ips', { key: [clusterIP] });
    if (hasInternal) element('service-ips', { key: key(clusterIP, port.port), value: `goto ${internalChain}` });
    else element('no-endpoint-services', { key: key(clusterIP, port.port), value: internalVerdict, comment: spn });

    for (const ext of svc.externalIPs) {
      if (hasAny) element('service-ips', { key: key(ext, port.port), value: `goto ${externalChain}` });
      if (!hasExternal) element('no-endpoint-services', { key: key(ext, port.port), value: externalVerdict, comment: spn });
    }
    for (const lb of sp.lbIPs) if (hasAny) element('service-ips', { key: key(lb, port.port), value: `goto ${externalChain}` });
    if (!hasExternal) for (const lb of sp.lbIPs) element('no-endpoint-services', { key: key(lb, port.port), value: externalVerdict, comment: spn });
    if (sp.nodePort !== 0) {
      if (hasAny) element('service-nodeports', { key: [proto, String(sp.nodePort)], value: `goto ${externalChain}` });
      if (!hasExternal) element('no-endpoint-nodeports', { key: [proto, String(sp.nodePort)], value: externalVerdict, comment: spn });
    }

    // Internal traffic: masquerade off-cluster sources (the ClusterCIDR detector's "not local").
    if (hasInternal && f.podCIDR) {
      t.rule(internalChain, `${ip} daddr ${clusterIP} ${proto} dport ${port.port} ${ip} saddr != ${f.podCIDR} jump mark-for-masquerade`, ['mark-for-masquerade']);
    }
    if (usesExternalChain) {
      if (!sp.externalLocal) {
        t.rule(externalChain, 'jump mark-for-masquerade', ['mark-for-masquerade']);
      } else {
        if (f.podCIDR) t.rule(externalChain, `${ip} saddr ${f.podCIDR} goto ${clusterPolicyChain}`, [clusterPolicyChain], 'short-circuit pod traffic');
        t.rule(externalChain, 'fib saddr type local jump mark-for-masquerade', ['mark-for-masquerade'], 'masquerade local traffic');
        t.rule(externalChain, `fib saddr type local goto ${clusterPolicyChain}`, [clusterPolicyChain], 'short-circuit local traffic');
      }
      if (hasExternal) t.rule(externalChain, `goto ${externalPolicyChain}`, [externalPolicyChain]);
    }

    if (sp.affinityTimeout !== undefined) {
      for (const ep of reachable) t.set({ kind: 'set', name: epNames(ep).affinity, type: f.addrType, size: 65535, flags: ['dynamic', 'timeout'], timeout: sp.affinityTimeout });
    }
    const writeServiceToEndpoints = (chain: string, endpoints: EndpointResult[]) => {
      if (sp.affinityTimeout !== undefined) {
        for (const ep of endpoints) t.rule(chain, `${ip} saddr @${epNames(ep).affinity} goto ${epNames(ep).chain}`, [epNames(ep).chain]);
      }
      const targets = endpoints.map((ep) => epNames(ep).chain);
      t.rule(chain, `numgen random mod ${endpoints.length} vmap { ${targets.map((c, i) => `${i} : goto ${c}`).join(', ')} }`, targets);
    };
    if (usesClusterPolicyChain) writeServiceToEndpoints(clusterPolicyChain, cluster);
    if (usesLocalPolicyChain) writeServiceToEndpoints(localPolicyChain, local);

    for (const ep of reachable) {
      const names = epNames(ep);
      t.rule(names.chain, `${ip} saddr ${ep.ip} jump mark-for-masquerade`, ['mark-for-masquerade']);
      if (sp.affinityTimeout !== undefined) t.rule(names.chain, `update @${names.affinity} { ${ip} saddr }`);
      t.rule(names.chain, `meta l4proto ${proto} dnat to ${joinHostPort(ep.ip, ep.port)}`);
    }
  }
}

/** nft's element order for what we print: addresses numerically, then protocol number, then port. */
function sortElements(set: NftSet): void {
  const part = (p: string) => (/^\d+\.\d+\.\d+\.\d+/.test(p) ? ipNumber(p.split('/')[0]) : (PROTO_NUMBER[p] ?? Number(p)));
  const decorated = set.elements.map((e) => ({ e, k: e.key.map(part), text: e.key.join(' . ') }));
  decorated.sort((a, b) => {
    for (let i = 0; i < Math.min(a.k.length, b.k.length); i++) {
      const d = a.k[i] - b.k[i];
      if (d !== 0) return d;
    }
    return 0;
  });
  // A set holds each key once.
  set.elements = decorated.filter((d, i) => i === 0 || d.text !== decorated[i - 1].text).map((d) => d.e);
}

function buildTable(f: FamilyConfig, result: SimulationResult, nodeName: string, withServices: boolean): NftTable {
  const t = new TableBuilder();
  setup(t, f);
  if (withServices) addServices(t, f, result, nodeName);
  for (const s of t.sets) sortElements(s);
  return { family: f.family, name: 'kube-proxy', comment: 'rules for kube-proxy', sets: t.sets, chains: [...t.chains.values()] };
}

/**
 * `table ip kube-proxy` and `table ip6 kube-proxy` on `nodeName` when kube-proxy runs in
 * nftables mode; [] in other modes (kube-proxy deletes its nftables tables at start-up).
 */
export function buildNftablesRuleset(result: SimulationResult, nodeName: string): NftTable[] {
  if (result.cluster.kubeProxyMode !== 'nftables') return [];
  const node = result.cluster.nodes.find((n) => n.name === nodeName);
  const v4: FamilyConfig = {
    family: 'ip', addrType: 'ipv4_addr', podCIDR: result.cluster.podCIDR, serviceCIDRs: [result.cluster.serviceCIDR],
    nodePortIPs: node ? [node.internalIP] : [],
  };
  const v6: FamilyConfig = { family: 'ip6', addrType: 'ipv6_addr', podCIDR: '', serviceCIDRs: [], nodePortIPs: [] };
  return [buildTable(v4, result, nodeName, true), buildTable(v6, result, nodeName, false)];
}

export type { NftChain, NftRule, NftSet, NftTable };

/**
 * Where the `services` chain (nat prerouting/output) sends a new connection, and what the
 * filter chains (input/forward/output, run on the destination as it is then) do to it if it
 * reaches them without being DNATed.
 */
export interface NftDispatch {
  /** The map element that matched (`service-ips` or `service-nodeports`) and its verdict (`goto service-…`); absent: no Service here. */
  service?: { map: 'service-ips' | 'service-nodeports'; verdict: string; chain: string };
  /** The `no-endpoint-services` / `no-endpoint-nodeports` element that matches: `drop` or `goto reject-chain`. */
  noEndpoints?: { map: 'no-endpoint-services' | 'no-endpoint-nodeports'; verdict: string; comment?: string };
  /** The destination is a cluster IP but no port of it matched: `cluster-ips-check` rejects; in the service CIDR but unallocated: it drops. */
  clusterIPsCheck?: 'reject' | 'drop';
}

function ipInCidr(ip: string, cidr: string): boolean {
  const [base, len] = cidr.split('/');
  const bits = Number(len ?? 32);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((ipNumber(ip) & mask) >>> 0) === ((ipNumber(base) & mask) >>> 0);
}

/**
 * Follows `table ip kube-proxy`'s dispatch for a new connection to `daddr:dport` (protocol
 * tcp/udp/sctp): the no-endpoint maps (filter hooks), then `services` (service-ips, then
 * service-nodeports when daddr is in nodeport-ips), and `cluster-ips-check`. For a packet
 * tracer: it names the map element and chain, without parsing rule text.
 */
export function nftDispatch(table: NftTable, protocol: string, daddr: string, dport: number): NftDispatch {
  const proto = protocol.toLowerCase();
  const set = (name: string) => table.sets.find((s) => s.name === name);
  const match = (name: string, key: string[]) => set(name)?.elements.find((e) => e.key.length === key.length && e.key.every((k, i) => k === key[i]));
  const isNodePortIP = (set('nodeport-ips')?.elements ?? []).some((e) => e.key[0] === daddr);
  const out: NftDispatch = {};
  const noEp = match('no-endpoint-services', [daddr, proto, String(dport)]) ?? undefined;
  if (noEp) out.noEndpoints = { map: 'no-endpoint-services', verdict: noEp.value!, ...(noEp.comment !== undefined ? { comment: noEp.comment } : {}) };
  else if (isNodePortIP) {
    const np = match('no-endpoint-nodeports', [proto, String(dport)]);
    if (np) out.noEndpoints = { map: 'no-endpoint-nodeports', verdict: np.value!, ...(np.comment !== undefined ? { comment: np.comment } : {}) };
  }
  const svc = match('service-ips', [daddr, proto, String(dport)]);
  const np = isNodePortIP ? match('service-nodeports', [proto, String(dport)]) : undefined;
  const hit = svc ? { map: 'service-ips' as const, e: svc } : np ? { map: 'service-nodeports' as const, e: np } : undefined;
  if (hit) out.service = { map: hit.map, verdict: hit.e.value!, chain: hit.e.value!.replace(/^goto /, '') };
  if (!hit && !out.noEndpoints) {
    if ((set('cluster-ips')?.elements ?? []).some((e) => e.key[0] === daddr)) out.clusterIPsCheck = 'reject';
    else {
      const check = table.chains.find((c) => c.name === 'cluster-ips-check');
      const drop = check?.rules.find((r) => r.text.endsWith(' drop'));
      const cidrs = drop ? drop.text.replace(/^ip6? daddr /, '').replace(/ drop$/, '').replace(/[{}]/g, '').split(',').map((c) => c.trim()) : [];
      if (cidrs.some((c) => ipInCidr(daddr, c))) out.clusterIPsCheck = 'drop';
    }
  }
  return out;
}
