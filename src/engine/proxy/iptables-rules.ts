/**
 * kube-proxy's iptables mode, v1.33: the mangle, filter and nat tables one node holds after
 * a full sync (pkg/proxy/iptables/proxier.go syncProxyRules), plus the chains kubelet
 * creates (pkg/kubelet/kubelet_network_linux.go). Configuration as kind runs it:
 * detectLocalMode ClusterCIDR (the cluster's pod CIDR), masqueradeBit 14 (0x4000),
 * localhostNodePorts true, nodePortAddresses unset (addrtype LOCAL), `--random-fully` and
 * nfacct available. Rules are kept in the canonical form `iptables-save` prints
 * (reference/kube-proxy.md §2.1–2.4).
 *
 * Order across service ports in the shared chains is a Go map's order on a real node;
 * here it is the service-port name, then protocol (the order upstream tests sort into).
 * Not modelled: loadBalancerSourceRanges (KUBE-FW chains; the result does not carry
 * them), topology hints, the > 1000-endpoint comment elision, CNI/docker chains.
 */
import type { EndpointResult, ServicePortResult, ServiceResult, SimulationResult } from '../result';
import { endpointChainName, joinHostPort, servicePortChainSuffix, servicePortName } from './chain-names';
import type { IptablesChain, IptablesMatch, IptablesRule, IptablesTable, IptablesTarget } from './iptables-types';
import { iptablesProbability, kubeProxyProbability } from './probability';
import { buildIpvsIptablesRules } from './ipvs-rules';
import { categorizeEndpoints, portEndpoints, proxiedServicePorts } from './service-endpoints';

const MASQ_MARK = 0x4000;
const BUILT_INS: Record<IptablesTable['name'], string[]> = {
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

/** A table being written: chains by name, rules in write order. */
class TableBuilder {
  private readonly chains = new Map<string, IptablesChain>();
  constructor(readonly name: IptablesTable['name']) {
    for (const chain of BUILT_INS[name]) this.chains.set(chain, { name: chain, policy: 'ACCEPT', rules: [] });
  }
  chain(name: string): IptablesChain {
    let chain = this.chains.get(name);
    if (!chain) {
      chain = { name, rules: [] };
      this.chains.set(name, chain);
    }
    return chain;
  }
  add(chain: string, rule: Partial<IptablesRule> & { target?: IptablesTarget }): void {
    this.chain(chain).rules.push({ matches: [], ...rule });
  }
  /** Built-ins in hook order, then user chains in byte order (iptables-save's order). */
  build(): IptablesTable {
    const builtIns = BUILT_INS[this.name];
    const user = [...this.chains.keys()].filter((c) => !builtIns.includes(c)).sort(compareBytes);
    return { name: this.name, chains: [...builtIns, ...user].map((c) => this.chains.get(c)!) };
  }
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const jump = (chain: string): IptablesTarget => ({ kind: 'jump', chain });
const comment = (text: string): IptablesMatch => ({ module: 'comment', comment: text });
const ctNew: IptablesMatch = { module: 'conntrack', ctstate: 'NEW' };
const host = (ip: string) => (ip.includes('/') ? ip : `${ip}/32`);

/** Chains and rules kubelet writes on every node, whatever the proxy mode. */
function addKubeletRules(mangle: TableBuilder, filter: TableBuilder, nat: TableBuilder): void {
  mangle.chain('KUBE-IPTABLES-HINT');
  mangle.chain('KUBE-KUBELET-CANARY');
  filter.chain('KUBE-KUBELET-CANARY');
  nat.chain('KUBE-KUBELET-CANARY');
  filter.add('KUBE-FIREWALL', {
    source: '127.0.0.0/8', sourceNegated: true, destination: '127.0.0.0/8',
    matches: [comment('block incoming localnet connections'), { module: 'conntrack', ctstate: 'RELATED,ESTABLISHED,DNAT', negated: true }],
    target: jump('DROP'),
  });
}

/** kube-proxy's fixed chains and jumps (reference §2.3; built-in jumps as when kubelet started first). */
function addKubeProxyFixedRules(mangle: TableBuilder, filter: TableBuilder, nat: TableBuilder): void {
  mangle.chain('KUBE-PROXY-CANARY');
  filter.chain('KUBE-PROXY-CANARY');
  nat.chain('KUBE-PROXY-CANARY');
  for (const chain of ['KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS', 'KUBE-SERVICES', 'KUBE-PROXY-FIREWALL']) filter.chain(chain);
  const lbFirewall = { matches: [ctNew, comment('kubernetes load balancer firewall')], target: jump('KUBE-PROXY-FIREWALL') };
  const portals = { matches: [ctNew, comment('kubernetes service portals')], target: jump('KUBE-SERVICES') };
  const external = { matches: [ctNew, comment('kubernetes externally-visible service portals')], target: jump('KUBE-EXTERNAL-SERVICES') };
  // INPUT and OUTPUT end with kubelet's KUBE-FIREWALL jump, written before kube-proxy inserted its own at the top.
  filter.add('INPUT', lbFirewall);
  filter.add('INPUT', { matches: [comment('kubernetes health check service ports')], target: jump('KUBE-NODEPORTS') });
  filter.add('INPUT', external);
  filter.add('FORWARD', lbFirewall);
  filter.add('FORWARD', { matches: [comment('kubernetes forwarding rules')], target: jump('KUBE-FORWARD') });
  filter.add('FORWARD', portals);
  filter.add('FORWARD', external);
  filter.add('OUTPUT', lbFirewall);
  filter.add('OUTPUT', portals);
  // v1.30+: the INVALID drop counts into an nfacct object (PR #122812).
  filter.add('KUBE-FORWARD', { matches: [{ module: 'conntrack', ctstate: 'INVALID' }, { module: 'nfacct', name: 'ct_state_invalid_dropped_pkts' }], target: jump('DROP') });
  filter.add('KUBE-FORWARD', { matches: [comment('kubernetes forwarding rules'), { module: 'mark', mark: MASQ_MARK, mask: MASQ_MARK }], target: jump('ACCEPT') });
  filter.add('KUBE-FORWARD', { matches: [comment('kubernetes forwarding conntrack rule'), { module: 'conntrack', ctstate: 'RELATED,ESTABLISHED' }], target: jump('ACCEPT') });

  nat.add('PREROUTING', { matches: [comment('kubernetes service portals')], target: jump('KUBE-SERVICES') });
  nat.add('OUTPUT', { matches: [comment('kubernetes service portals')], target: jump('KUBE-SERVICES') });
  nat.add('POSTROUTING', { matches: [comment('kubernetes postrouting rules')], target: jump('KUBE-POSTROUTING') });
  nat.add('KUBE-MARK-MASQ', { target: { kind: 'MARK', value: MASQ_MARK, mask: MASQ_MARK } });
  nat.chain('KUBE-NODEPORTS');
  nat.chain('KUBE-SERVICES');
  nat.add('KUBE-POSTROUTING', { matches: [{ module: 'mark', mark: MASQ_MARK, mask: MASQ_MARK, negated: true }], target: jump('RETURN') });
  nat.add('KUBE-POSTROUTING', { target: { kind: 'MARK', value: MASQ_MARK, mask: 0 } });
  nat.add('KUBE-POSTROUTING', { matches: [comment('kubernetes service traffic requiring SNAT')], target: { kind: 'MASQUERADE', randomFully: true } });
}

const probabilities = new Map<number, string>();
/** The probability iptables prints for the rule with `n` endpoints left (memoized: exact formatting uses BigInt). */
function printedProbability(n: number): string {
  let p = probabilities.get(n);
  if (p === undefined) {
    p = iptablesProbability(kubeProxyProbability(n));
    probabilities.set(n, p);
  }
  return p;
}

interface Context {
  filter: TableBuilder;
  nat: TableBuilder;
  nodeName: string;
  /** detectLocalMode ClusterCIDR: the cluster's pod CIDR. */
  clusterCIDR: string;
}

/** One service port's rules, in syncProxyRules' write order. */
function addServicePort(ctx: Context, svc: ServiceResult, port: ServicePortResult): void {
  const { filter, nat } = ctx;
  const clusterIP = svc.clusterIP!;
  const spn = servicePortName(svc.namespace, svc.name, port.name);
  const proto = port.protocol.toLowerCase();
  const suffix = servicePortChainSuffix(spn, proto);
  const svcChain = `KUBE-SVC-${suffix}`;
  const svlChain = `KUBE-SVL-${suffix}`;
  const extChain = `KUBE-EXT-${suffix}`;
  const lbIPs = svc.loadBalancerIngress.flatMap((ing) => (ing.ip ? [ing.ip] : []));
  const nodePort = port.nodePort ?? 0;
  const externallyAccessible = nodePort !== 0 || svc.externalIPs.length > 0 || lbIPs.length > 0;
  const internalLocal = svc.internalTrafficPolicy === 'Local';
  const externalLocal = externallyAccessible && svc.externalTrafficPolicy === 'Local';
  const usesClusterEndpoints = !internalLocal || (externallyAccessible && !externalLocal);
  const usesLocalEndpoints = internalLocal || externalLocal;
  const { cluster, local, reachable, hasAny } = categorizeEndpoints(portEndpoints(svc, port), usesClusterEndpoints, usesLocalEndpoints, ctx.nodeName);

  const usesClusterChain = cluster.length > 0 && usesClusterEndpoints;
  const usesLocalChain = local.length > 0 && usesLocalEndpoints;
  const internalChain = internalLocal ? svlChain : svcChain;
  const hasInternal = hasAny && !(internalLocal && local.length === 0);
  const externalPolicyChain = externalLocal ? svlChain : svcChain;
  const hasExternal = hasAny && !(externalLocal && local.length === 0);
  const usesExtChain = hasAny && externallyAccessible;

  const internalFilter = !hasAny ? { target: 'REJECT', comment: `${spn} has no endpoints` } : { target: 'DROP', comment: `${spn} has no local endpoints` };
  const externalFilter = internalFilter;
  const filterTarget = (t: string): IptablesTarget => (t === 'REJECT' ? { kind: 'REJECT', rejectWith: 'icmp-port-unreachable' } : jump(t));
  const dportMatch = (dport: number): IptablesMatch => ({ module: proto as 'tcp', dport });
  const toService = (destination: string, text: string, dport: number, target: IptablesTarget): Partial<IptablesRule> => ({
    destination: host(destination), protocol: proto, matches: [comment(text), dportMatch(dport)], target,
  });

  // Capture the cluster IP.
  if (hasInternal) nat.add('KUBE-SERVICES', toService(clusterIP, `${spn} cluster IP`, port.port, jump(internalChain)));
  else filter.add('KUBE-SERVICES', toService(clusterIP, internalFilter.comment, port.port, filterTarget(internalFilter.target)));

  // External IPs, then load-balancer IPs.
  for (const ip of svc.externalIPs) {
    if (hasAny) nat.add('KUBE-SERVICES', toService(ip, `${spn} external IP`, port.port, jump(extChain)));
    if (!hasExternal) filter.add('KUBE-EXTERNAL-SERVICES', toService(ip, externalFilter.comment, port.port, filterTarget(externalFilter.target)));
  }
  for (const ip of lbIPs) {
    if (hasAny) nat.add('KUBE-SERVICES', toService(ip, `${spn} loadbalancer IP`, port.port, jump(extChain)));
  }
  if (!hasExternal) {
    for (const ip of lbIPs) filter.add('KUBE-EXTERNAL-SERVICES', toService(ip, externalFilter.comment, port.port, filterTarget(externalFilter.target)));
  }

  // Node ports.
  if (nodePort !== 0) {
    if (hasAny) {
      // v1.31+: a counter for localhost NodePort traffic (PR #125015); IPv4 only.
      nat.add('KUBE-NODEPORTS', {
        destination: '127.0.0.0/8', protocol: proto,
        matches: [comment(spn), dportMatch(nodePort), { module: 'nfacct', name: 'localhost_nps_accepted_pkts' }], target: jump(extChain),
      });
      nat.add('KUBE-NODEPORTS', { protocol: proto, matches: [comment(spn), dportMatch(nodePort)], target: jump(extChain) });
    }
    if (!hasExternal) {
      filter.add('KUBE-EXTERNAL-SERVICES', {
        protocol: proto, matches: [comment(externalFilter.comment), { module: 'addrtype', dstType: 'LOCAL' }, dportMatch(nodePort)],
        target: filterTarget(externalFilter.target),
      });
    }
  }

  // Health check node port (LoadBalancer with eTP Local).
  if (svc.healthCheckNodePort) {
    filter.add('KUBE-NODEPORTS', { protocol: 'tcp', matches: [comment(`${spn} health check node port`), { module: 'tcp', dport: svc.healthCheckNodePort }], target: jump('ACCEPT') });
  }

  // Internal traffic: masquerade off-cluster sources to the cluster IP.
  const masqArgs = (): Partial<IptablesRule> => ({
    source: ctx.clusterCIDR, sourceNegated: true, destination: host(clusterIP), protocol: proto,
    matches: [comment(`${spn} cluster IP`), dportMatch(port.port)], target: jump('KUBE-MARK-MASQ'),
  });
  if (hasInternal) nat.add(internalChain, masqArgs());

  // External traffic.
  if (usesExtChain) {
    nat.chain(extChain);
    if (!externalLocal) {
      nat.add(extChain, { matches: [comment(`masquerade traffic for ${spn} external destinations`)], target: jump('KUBE-MARK-MASQ') });
    } else {
      nat.add(extChain, { source: ctx.clusterCIDR, matches: [comment(`pod traffic for ${spn} external destinations`)], target: jump(svcChain) });
      nat.add(extChain, { matches: [comment(`masquerade LOCAL traffic for ${spn} external destinations`), { module: 'addrtype', srcType: 'LOCAL' }], target: jump('KUBE-MARK-MASQ') });
      nat.add(extChain, { matches: [comment(`route LOCAL traffic for ${spn} external destinations`), { module: 'addrtype', srcType: 'LOCAL' }], target: jump(svcChain) });
    }
    if (hasExternal) nat.add(extChain, { target: jump(externalPolicyChain) });
  }

  const affinity = svc.sessionAffinity === 'ClientIP';
  const seconds = svc.sessionAffinityTimeoutSeconds ?? 10800;
  const sepOf = (ep: EndpointResult) => endpointChainName(spn, proto, ep.ip, ep.port);
  const writeServiceToEndpoints = (chain: string, endpoints: EndpointResult[]) => {
    nat.chain(chain);
    if (affinity) {
      for (const ep of endpoints) {
        nat.add(chain, { matches: [comment(`${spn} -> ${joinHostPort(ep.ip, ep.port)}`), { module: 'recent', mode: 'rcheck', name: sepOf(ep), seconds }], target: jump(sepOf(ep)) });
      }
    }
    endpoints.forEach((ep, i) => {
      const matches: IptablesMatch[] = [comment(`${spn} -> ${joinHostPort(ep.ip, ep.port)}`)];
      if (i < endpoints.length - 1) matches.push({ module: 'statistic', probability: printedProbability(endpoints.length - i) });
      nat.add(chain, { matches, target: jump(sepOf(ep)) });
    });
  };
  if (usesClusterChain) writeServiceToEndpoints(svcChain, cluster);
  if (usesLocalChain) writeServiceToEndpoints(svlChain, local);

  for (const ep of reachable) {
    const sep = sepOf(ep);
    nat.add(sep, { source: host(ep.ip), matches: [comment(spn)], target: jump('KUBE-MARK-MASQ') });
    const matches: IptablesMatch[] = [comment(spn)];
    if (affinity) matches.push({ module: 'recent', mode: 'set', name: sep });
    matches.push({ module: proto as 'tcp' });
    nat.add(sep, { protocol: proto, matches, target: { kind: 'DNAT', toDestination: joinHostPort(ep.ip, ep.port) } });
  }
}

/**
 * kube-proxy's IPVS-mode chains (pkg/proxy/ipvs/proxier.go iptablesChains and
 * iptablesJumpChain; each jump is prepended, so the last written comes first), then the
 * set-matching rules of writeIptablesRules.
 */
function addIpvsRules(result: SimulationResult, nodeName: string, filter: TableBuilder, nat: TableBuilder): void {
  for (const chain of ['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ']) nat.chain(chain);
  for (const chain of ['KUBE-FORWARD', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL', 'KUBE-IPVS-FILTER', 'KUBE-IPVS-OUT-FILTER']) filter.chain(chain);
  nat.add('PREROUTING', { matches: [comment('kubernetes service portals')], target: jump('KUBE-SERVICES') });
  nat.add('OUTPUT', { matches: [comment('kubernetes service portals')], target: jump('KUBE-SERVICES') });
  nat.add('POSTROUTING', { matches: [comment('kubernetes postrouting rules')], target: jump('KUBE-POSTROUTING') });
  filter.add('INPUT', { matches: [comment('kubernetes ipvs access filter')], target: jump('KUBE-IPVS-FILTER') });
  filter.add('INPUT', { matches: [comment('kube-proxy firewall rules')], target: jump('KUBE-PROXY-FIREWALL') });
  filter.add('INPUT', { matches: [comment('kubernetes health check rules')], target: jump('KUBE-NODE-PORT') });
  filter.add('FORWARD', { matches: [comment('kube-proxy firewall rules')], target: jump('KUBE-PROXY-FIREWALL') });
  filter.add('FORWARD', { matches: [comment('kubernetes forwarding rules')], target: jump('KUBE-FORWARD') });
  filter.add('OUTPUT', { matches: [comment('kubernetes ipvs access filter')], target: jump('KUBE-IPVS-OUT-FILTER') });
  const rules = buildIpvsIptablesRules(result, nodeName);
  for (const { chain, rule } of rules.nat) nat.add(chain, rule);
  for (const { chain, rule } of rules.filter) filter.add(chain, rule);
}

/**
 * The mangle, filter and nat tables of `nodeName` (in `iptables-save` order): kubelet's
 * chains, plus kube-proxy's rules for every Service in iptables mode, or IPVS mode's
 * ipset-matching chains (reference/kube-proxy.md §4.4) in ipvs mode. nftables and none
 * modes leave only kubelet's chains here (nftables mode writes `table ip kube-proxy`).
 */
export function buildIptablesRules(result: SimulationResult, nodeName: string): IptablesTable[] {
  const mangle = new TableBuilder('mangle');
  const filter = new TableBuilder('filter');
  const nat = new TableBuilder('nat');
  if (result.cluster.kubeProxyMode === 'iptables') {
    addKubeProxyFixedRules(mangle, filter, nat);
    // Kubelet's KUBE-FIREWALL jumps were there first, so they end INPUT and OUTPUT.
    filter.add('INPUT', { target: jump('KUBE-FIREWALL') });
    filter.add('OUTPUT', { target: jump('KUBE-FIREWALL') });
    addKubeletRules(mangle, filter, nat);
    const ctx: Context = { filter, nat, nodeName, clusterCIDR: result.cluster.podCIDR };
    for (const { svc, port } of proxiedServicePorts(result)) addServicePort(ctx, svc, port);
    // Tail call to the node ports; must be the last rule of KUBE-SERVICES.
    nat.add('KUBE-SERVICES', {
      matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { module: 'addrtype', dstType: 'LOCAL' }],
      target: jump('KUBE-NODEPORTS'),
    });
  } else if (result.cluster.kubeProxyMode === 'ipvs') {
    addIpvsRules(result, nodeName, filter, nat);
    filter.add('INPUT', { target: jump('KUBE-FIREWALL') });
    filter.add('OUTPUT', { target: jump('KUBE-FIREWALL') });
    addKubeletRules(mangle, filter, nat);
  } else {
    filter.add('INPUT', { target: jump('KUBE-FIREWALL') });
    filter.add('OUTPUT', { target: jump('KUBE-FIREWALL') });
    addKubeletRules(mangle, filter, nat);
  }
  return [mangle.build(), filter.build(), nat.build()];
}
