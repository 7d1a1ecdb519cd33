/**
 * kube-proxy's IPVS mode, v1.33 (pkg/proxy/ipvs/proxier.go syncProxyRules,
 * writeIptablesRules, syncEndpoint; pkg/proxy/ipvs/ipset.go): the virtual servers, the
 * ipsets, the kube-ipvs0 addresses and the iptables rules that match the ipsets, for one
 * node. Configuration as kind runs it: scheduler rr (or ipvs.scheduler), masqueradeBit 14,
 * ClusterCIDR local detection, nodePortAddresses unset (every node address but
 * kube-ipvs0's and loopback), `--random-fully` available.
 *
 * Not modelled: loadBalancerSourceRanges (the result does not carry them: the
 * KUBE-LOAD-BALANCER-FW / -SOURCE-* sets stay empty), the `mh` scheduler's source-hash
 * flag, graceful termination of removed real servers, IPv6.
 */
import { buildCniNodeNetwork } from '../datapath';
import type { EndpointResult, SimulationResult } from '../result';
import { compareBy } from '../util/compare';
import type { IptablesMatch, IptablesRule, IptablesTarget } from './iptables-types';
import type { Ipset, IpsetType, IpvsRealServer, IpvsServiceKind, IpvsState, IpvsVirtualServer } from './ipvs-types';
import { categorizeEndpoints, endpointLocality, portEndpoints, proxiedServicePorts, type ProxiedServicePort } from './service-endpoints';

const MASQ_MARK = 0x4000;

/** The sets kube-proxy declares, in pkg/proxy/ipvs/proxier.go ipsetInfo order (name, type, comment from ipset.go). */
const IPSET_INFO: [string, IpsetType, string][] = [
  ['KUBE-LOOP-BACK', 'hash:ip,port,ip', 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose'],
  ['KUBE-CLUSTER-IP', 'hash:ip,port', 'Kubernetes service cluster ip + port for masquerade purpose'],
  ['KUBE-EXTERNAL-IP', 'hash:ip,port', 'Kubernetes service external ip + port for masquerade and filter purpose'],
  ['KUBE-EXTERNAL-IP-LOCAL', 'hash:ip,port', 'Kubernetes service external ip + port with externalTrafficPolicy=local'],
  ['KUBE-LOAD-BALANCER', 'hash:ip,port', 'Kubernetes service lb portal'],
  ['KUBE-LOAD-BALANCER-FW', 'hash:ip,port', 'Kubernetes service load balancer ip + port for load balancer with sourceRange'],
  ['KUBE-LOAD-BALANCER-LOCAL', 'hash:ip,port', 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local'],
  ['KUBE-LOAD-BALANCER-SOURCE-IP', 'hash:ip,port,ip', 'Kubernetes service load balancer ip + port + source IP for packet filter purpose'],
  ['KUBE-LOAD-BALANCER-SOURCE-CIDR', 'hash:ip,port,net', 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose'],
  ['KUBE-NODE-PORT-TCP', 'bitmap:port', 'Kubernetes nodeport TCP port for masquerade purpose'],
  ['KUBE-NODE-PORT-LOCAL-TCP', 'bitmap:port', 'Kubernetes nodeport TCP port with externalTrafficPolicy=local'],
  ['KUBE-NODE-PORT-UDP', 'bitmap:port', 'Kubernetes nodeport UDP port for masquerade purpose'],
  ['KUBE-NODE-PORT-LOCAL-UDP', 'bitmap:port', 'Kubernetes nodeport UDP port with externalTrafficPolicy=local'],
  ['KUBE-NODE-PORT-SCTP-HASH', 'hash:ip,port', "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'"],
  ['KUBE-NODE-PORT-LOCAL-SCTP-HASH', 'hash:ip,port', "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'"],
  ['KUBE-HEALTH-CHECK-NODE-PORT', 'bitmap:port', 'Kubernetes health check node port'],
  ['KUBE-IPVS-IPS', 'hash:ip', 'Addresses on the ipvs interface'],
];

/** IP protocol numbers: the kernel sorts virtual servers by them (TCP 6 < UDP 17 < SCTP 132). */
const PROTO_NUMBER: Record<string, number> = { TCP: 6, UDP: 17, SCTP: 132 };

function ipNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/**
 * libipvs' address comparison: `int r = ntohl(a) - ntohl(b)`, an unsigned difference read
 * as a signed int. Addresses more than 2^31 apart compare "the wrong way round" (on a kind
 * node 172.18.0.3 sorts before 10.96.0.1), which is what ipvsadm prints.
 */
function compareIpvsAddresses(a: string, b: string): number {
  return (ipNumber(a) - ipNumber(b)) | 0;
}

/**
 * glibc qsort (msort_with_tmp: top-down merge sort, left half n/2, ties keep the left), so
 * the order matches ipvsadm's even where libipvs' comparison is not transitive.
 */
function glibcSort<T>(items: T[], cmp: (a: T, b: T) => number): T[] {
  if (items.length <= 1) return items;
  const n1 = Math.floor(items.length / 2);
  const left = glibcSort(items.slice(0, n1), cmp);
  const right = glibcSort(items.slice(n1), cmp);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) out.push(cmp(left[i], right[j]) <= 0 ? left[i++] : right[j++]);
  return out.concat(left.slice(i), right.slice(j));
}

/** ipvs_cmp_services: fwmark, family, protocol number, address, port. */
const compareServices = (a: IpvsVirtualServer, b: IpvsVirtualServer) =>
  (PROTO_NUMBER[a.protocol] ?? 0) - (PROTO_NUMBER[b.protocol] ?? 0) || compareIpvsAddresses(a.address, b.address) || a.port - b.port;

/** ipvs_cmp_dests: address, then port. */
const compareDests = (a: IpvsRealServer, b: IpvsRealServer) => compareIpvsAddresses(a.address, b.address) || a.port - b.port;

/** ipset member order here: numeric by address, then the rest as text (a real hash set lists in hash order). */
function sortMembers(type: IpsetType, members: Iterable<string>): string[] {
  const list = [...new Set(members)];
  if (type === 'bitmap:port') return list.sort((a, b) => Number(a) - Number(b));
  const key = (m: string) => {
    const [ip, ...rest] = m.split(',');
    return { ip: ipNumber(ip), rest: rest.join(',') };
  };
  return list.sort(compareBy((m: string) => key(m).ip, (m: string) => key(m).rest));
}

/**
 * The node addresses kube-proxy's IPVS proxier finds (netlink GetAllLocalAddressesExcept
 * kube-ipvs0, without loopback): eth0's InternalIP and, once a Pod sandbox exists, the
 * podCIDR gateway kindnet puts on each veth. NodePort virtual servers listen on each.
 */
export function ipvsNodeAddresses(result: SimulationResult, nodeName: string): string[] {
  const net = buildCniNodeNetwork(result, nodeName);
  if (!net) return [];
  const out = new Set<string>();
  for (const i of net.interfaces) {
    if (i.name === 'kube-ipvs0' || i.linkType === 'loopback') continue;
    for (const a of i.addresses) if (a.family === 'inet' && !a.address.startsWith('127.')) out.add(a.address);
  }
  return [...out].sort((a, b) => ipNumber(a) - ipNumber(b));
}

interface SetBook {
  entries: Map<string, Set<string>>;
  add(name: string, entry: string): void;
}

function newSetBook(): SetBook {
  const entries = new Map<string, Set<string>>(IPSET_INFO.map(([name]) => [name, new Set<string>()]));
  return { entries, add: (name, entry) => entries.get(name)!.add(entry) };
}

/**
 * syncEndpoint's choice of real servers: with `onlyNodeLocal` (iTP Local for the cluster
 * IP, eTP Local for external destinations) the node's local endpoints, falling back to the
 * cluster endpoints when there are none (kubernetes#97081); otherwise the cluster endpoints.
 */
function realServersFor(sp: ProxiedServicePort, endpoints: EndpointResult[], nodeName: string, onlyNodeLocal: boolean): IpvsRealServer[] {
  const { cluster, local } = categorizeEndpoints(endpoints, sp.usesClusterEndpoints, sp.usesLocalEndpoints, nodeName);
  const chosen = onlyNodeLocal && local.length > 0 ? local : cluster;
  const servers = chosen.map((ep) => ({ address: ep.ip, port: ep.port, forward: 'Masq' as const, weight: 1, podNamespace: ep.podNamespace, podName: ep.podName, nodeName: ep.nodeName }));
  return glibcSort(servers, compareDests);
}

/** The IPVS virtual servers, ipsets and kube-ipvs0 addresses of `nodeName`. */
export function buildIpvsState(result: SimulationResult, nodeName: string): IpvsState {
  const scheduler = result.cluster.ipvsScheduler || 'rr';
  const sets = newSetBook();
  const servers: IpvsVirtualServer[] = [];
  const bound = new Set<string>();
  const ports = proxiedServicePorts(result);
  // Every sync lists the node's addresses (to avoid binding one to kube-ipvs0); NodePort
  // virtual servers use them only when some Service has a node port.
  const nodeAddresses = ipvsNodeAddresses(result, nodeName);
  const nodeAddressSet = new Set(nodeAddresses);
  const nodeIPs = ports.some((sp) => sp.nodePort !== 0) ? nodeAddresses : [];
  const isLocal = endpointLocality(result);

  for (const sp of ports) {
    const { svc, port, proto } = sp;
    const endpoints = portEndpoints(svc, port);
    const protocol = port.protocol.toUpperCase();
    const server = (address: string, p: number, kind: IpvsServiceKind, onlyNodeLocal: boolean): void => {
      servers.push({
        protocol, address, port: p, scheduler,
        ...(sp.affinityTimeout !== undefined ? { persistentTimeout: sp.affinityTimeout } : {}),
        realServers: realServersFor(sp, endpoints, nodeName, onlyNodeLocal),
        kind, servicePortName: sp.spn, serviceNamespace: svc.namespace, serviceName: svc.name,
      });
    };

    // Hairpin: this node's endpoints (whatever their readiness) into KUBE-LOOP-BACK.
    for (const ep of endpoints) if (isLocal(svc, ep, nodeName)) sets.add('KUBE-LOOP-BACK', `${ep.ip},${proto}:${ep.port},${ep.ip}`);

    const clusterIP = svc.clusterIP!;
    sets.add('KUBE-CLUSTER-IP', `${clusterIP},${proto}:${port.port}`);
    server(clusterIP, port.port, 'clusterIP', sp.internalLocal);
    bound.add(clusterIP);

    for (const ip of svc.externalIPs) {
      sets.add(sp.externalLocal ? 'KUBE-EXTERNAL-IP-LOCAL' : 'KUBE-EXTERNAL-IP', `${ip},${proto}:${port.port}`);
      server(ip, port.port, 'externalIP', sp.externalLocal);
      // An address already on another interface is not bound to kube-ipvs0.
      if (!nodeAddressSet.has(ip)) bound.add(ip);
    }

    for (const ip of sp.lbIPs) {
      sets.add('KUBE-LOAD-BALANCER', `${ip},${proto}:${port.port}`);
      if (sp.externalLocal) sets.add('KUBE-LOAD-BALANCER-LOCAL', `${ip},${proto}:${port.port}`);
      server(ip, port.port, 'loadBalancerIP', sp.externalLocal);
      if (!nodeAddressSet.has(ip)) bound.add(ip);
    }

    if (sp.nodePort !== 0 && nodeIPs.length > 0) {
      if (proto === 'sctp') {
        for (const ip of nodeIPs) {
          sets.add('KUBE-NODE-PORT-SCTP-HASH', `${ip},sctp:${sp.nodePort}`);
          if (sp.externalLocal) sets.add('KUBE-NODE-PORT-LOCAL-SCTP-HASH', `${ip},sctp:${sp.nodePort}`);
        }
      } else {
        const suffix = proto.toUpperCase();
        sets.add(`KUBE-NODE-PORT-${suffix}`, String(sp.nodePort));
        if (sp.externalLocal) sets.add(`KUBE-NODE-PORT-LOCAL-${suffix}`, String(sp.nodePort));
      }
      for (const ip of nodeIPs) server(ip, sp.nodePort, 'nodePort', sp.externalLocal);
    }

    if (svc.healthCheckNodePort) sets.add('KUBE-HEALTH-CHECK-NODE-PORT', String(svc.healthCheckNodePort));
  }
  for (const ip of bound) sets.add('KUBE-IPVS-IPS', ip);

  // ipvsadm sorts the kernel's listing (libipvs ipvs_sort_services).
  const sorted = glibcSort(servers, compareServices);
  const rules = ipvsIptablesRules(sets, result.cluster.podCIDR);
  const ipsets: Ipset[] = IPSET_INFO.map(([name, type, comment]) => ({
    name, type, family: 'inet' as const, comment,
    members: sortMembers(type, sets.entries.get(name)!),
    references: rules.references.get(name) ?? 0,
  }));
  // kube-proxy also runs an IPv6 proxier (the node supports ip6tables): its sets are named
  // KUBE-6-… (cut to ipset's 31 characters, ipset.go NewIPSet) and stay empty in an IPv4
  // cluster; ip6tables' KUBE-IPVS-FILTER and KUBE-NODE-PORT rules still reference some.
  const v6Refs = ipvsIptablesRules(newSetBook(), '').references;
  for (const [name, type, comment] of IPSET_INFO) {
    ipsets.push({ name: name.replace(/^KUBE-/, 'KUBE-6-').slice(0, 31), type, family: 'inet6', comment, members: [], references: v6Refs.get(name) ?? 0 });
  }
  return { virtualServers: sorted, ipsets, dummyAddresses: [...bound].sort((a, b) => ipNumber(a) - ipNumber(b)), nodePortAddresses: nodeIPs };
}

/**
 * The addresses kube-proxy binds to the kube-ipvs0 dummy interface on `nodeName` in IPVS
 * mode (each shown as `inet A/32 scope global kube-ipvs0`): every ClusterIP, and the
 * externalIPs and LoadBalancer IPs that are not already a node address. [] in other modes.
 */
export function kubeIpvs0Addresses(result: SimulationResult, nodeName: string): string[] {
  if (result.cluster.kubeProxyMode !== 'ipvs') return [];
  return buildIpvsState(result, nodeName).dummyAddresses;
}

/** A rule in the order it goes into a table, with its chain. */
export interface ChainRule {
  chain: string;
  rule: Partial<IptablesRule> & { matches: IptablesMatch[] };
}

/** The iptables rules IPVS mode writes (writeIptablesRules), per table, in write order. */
export interface IpvsIptablesRules {
  nat: ChainRule[];
  filter: ChainRule[];
  /** Rules matching each set (ipset's reference count). */
  references: Map<string, number>;
}

const jump = (chain: string): IptablesTarget => ({ kind: 'jump', chain });
const comment = (text: string): IptablesMatch => ({ module: 'comment', comment: text });
const matchSet = (name: string, flags: string): IptablesMatch => ({ module: 'set', name, flags });

/** writeIptablesRules for the given set contents (pkg/proxy/ipvs/proxier.go). */
export function ipvsIptablesRules(sets: SetBook, clusterCIDR: string): IpvsIptablesRules {
  const nat: ChainRule[] = [];
  const filter: ChainRule[] = [];
  const nonEmpty = (name: string) => (sets.entries.get(name)?.size ?? 0) > 0;
  const commentOf = (name: string) => IPSET_INFO.find(([n]) => n === name)![2];

  nat.push({ chain: 'KUBE-SERVICES', rule: { source: '127.0.0.0/8', matches: [], target: jump('RETURN') } });
  // ipsetWithIptablesChain: one rule per non-empty set, in this order.
  const withChain: [string, 'nat' | 'filter', string, string, string, string?][] = [
    ['KUBE-LOOP-BACK', 'nat', 'KUBE-POSTROUTING', 'MASQUERADE', 'dst,dst,src'],
    ['KUBE-LOAD-BALANCER', 'nat', 'KUBE-SERVICES', 'KUBE-LOAD-BALANCER', 'dst,dst'],
    ['KUBE-LOAD-BALANCER-LOCAL', 'nat', 'KUBE-LOAD-BALANCER', 'RETURN', 'dst,dst'],
    ['KUBE-NODE-PORT-LOCAL-TCP', 'nat', 'KUBE-NODE-PORT', 'RETURN', 'dst', 'tcp'],
    ['KUBE-NODE-PORT-TCP', 'nat', 'KUBE-NODE-PORT', 'KUBE-MARK-MASQ', 'dst', 'tcp'],
    ['KUBE-NODE-PORT-LOCAL-UDP', 'nat', 'KUBE-NODE-PORT', 'RETURN', 'dst', 'udp'],
    ['KUBE-NODE-PORT-UDP', 'nat', 'KUBE-NODE-PORT', 'KUBE-MARK-MASQ', 'dst', 'udp'],
    ['KUBE-NODE-PORT-LOCAL-SCTP-HASH', 'nat', 'KUBE-NODE-PORT', 'RETURN', 'dst,dst', 'sctp'],
    ['KUBE-NODE-PORT-SCTP-HASH', 'nat', 'KUBE-NODE-PORT', 'KUBE-MARK-MASQ', 'dst,dst', 'sctp'],
    ['KUBE-LOAD-BALANCER-FW', 'filter', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL', 'dst,dst'],
    ['KUBE-LOAD-BALANCER-SOURCE-CIDR', 'filter', 'KUBE-SOURCE-RANGES-FIREWALL', 'RETURN', 'dst,dst,src'],
    ['KUBE-LOAD-BALANCER-SOURCE-IP', 'filter', 'KUBE-SOURCE-RANGES-FIREWALL', 'RETURN', 'dst,dst,src'],
  ];
  for (const [name, table, from, to, flags, protocol] of withChain) {
    if (!nonEmpty(name)) continue;
    const target: IptablesTarget = to === 'MASQUERADE' ? { kind: 'MASQUERADE', randomFully: false } : jump(to);
    (table === 'nat' ? nat : filter).push({ chain: from, rule: { ...(protocol ? { protocol } : {}), matches: [comment(commentOf(name)), matchSet(name, flags)], target } });
  }
  if (nonEmpty('KUBE-CLUSTER-IP')) {
    // Masquerade off-cluster traffic to a service VIP (the ClusterCIDR detector's "not local").
    nat.push({ chain: 'KUBE-SERVICES', rule: { source: clusterCIDR, sourceNegated: true, matches: [comment(commentOf('KUBE-CLUSTER-IP')), matchSet('KUBE-CLUSTER-IP', 'dst,dst')], target: jump('KUBE-MARK-MASQ') } });
  }
  const externalIPRules = (name: string) => {
    const base = [comment(commentOf(name)), matchSet(name, 'dst,dst')];
    nat.push({ chain: 'KUBE-SERVICES', rule: { matches: [...base, { module: 'physdev', isInNegated: true }, { module: 'addrtype', srcType: 'LOCAL', srcTypeNegated: true }], target: jump('ACCEPT') } });
    nat.push({ chain: 'KUBE-SERVICES', rule: { matches: [...base, { module: 'addrtype', dstType: 'LOCAL' }], target: jump('ACCEPT') } });
  };
  if (nonEmpty('KUBE-EXTERNAL-IP')) {
    nat.push({ chain: 'KUBE-SERVICES', rule: { matches: [comment(commentOf('KUBE-EXTERNAL-IP')), matchSet('KUBE-EXTERNAL-IP', 'dst,dst')], target: jump('KUBE-MARK-MASQ') } });
    externalIPRules('KUBE-EXTERNAL-IP');
  }
  if (nonEmpty('KUBE-EXTERNAL-IP-LOCAL')) externalIPRules('KUBE-EXTERNAL-IP-LOCAL');
  nat.push({ chain: 'KUBE-SERVICES', rule: { matches: [{ module: 'addrtype', dstType: 'LOCAL' }], target: jump('KUBE-NODE-PORT') } });
  nat.push({ chain: 'KUBE-LOAD-BALANCER', rule: { matches: [], target: jump('KUBE-MARK-MASQ') } });
  filter.push({ chain: 'KUBE-SOURCE-RANGES-FIREWALL', rule: { matches: [], target: jump('DROP') } });
  // acceptIPVSTraffic: must end KUBE-SERVICES.
  for (const name of ['KUBE-CLUSTER-IP', 'KUBE-LOAD-BALANCER']) {
    if (nonEmpty(name)) nat.push({ chain: 'KUBE-SERVICES', rule: { matches: [matchSet(name, 'dst,dst')], target: jump('ACCEPT') } });
  }
  filter.push({ chain: 'KUBE-FORWARD', rule: { matches: [comment('kubernetes forwarding rules'), { module: 'mark', mark: MASQ_MARK, mask: MASQ_MARK }], target: jump('ACCEPT') } });
  filter.push({ chain: 'KUBE-FORWARD', rule: { matches: [comment('kubernetes forwarding conntrack rule'), { module: 'conntrack', ctstate: 'RELATED,ESTABLISHED' }], target: jump('ACCEPT') } });
  filter.push({ chain: 'KUBE-NODE-PORT', rule: { matches: [comment(commentOf('KUBE-HEALTH-CHECK-NODE-PORT')), matchSet('KUBE-HEALTH-CHECK-NODE-PORT', 'dst')], target: jump('ACCEPT') } });
  // KUBE-IPVS-FILTER: no access to host ports through service addresses (kubernetes#72236).
  for (const [name, flags] of [['KUBE-LOAD-BALANCER', 'dst,dst'], ['KUBE-CLUSTER-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP-LOCAL', 'dst,dst'], ['KUBE-HEALTH-CHECK-NODE-PORT', 'dst']]) {
    filter.push({ chain: 'KUBE-IPVS-FILTER', rule: { matches: [matchSet(name, flags)], target: jump('RETURN') } });
  }
  filter.push({ chain: 'KUBE-IPVS-FILTER', rule: { matches: [{ module: 'conntrack', ctstate: 'NEW' }, matchSet('KUBE-IPVS-IPS', 'dst')], target: { kind: 'REJECT', rejectWith: 'icmp-port-unreachable' } } });
  nat.push({ chain: 'KUBE-POSTROUTING', rule: { matches: [{ module: 'mark', mark: MASQ_MARK, mask: MASQ_MARK, negated: true }], target: jump('RETURN') } });
  nat.push({ chain: 'KUBE-POSTROUTING', rule: { matches: [], target: { kind: 'MARK', value: MASQ_MARK, mask: 0 } } });
  nat.push({ chain: 'KUBE-POSTROUTING', rule: { matches: [comment('kubernetes service traffic requiring SNAT')], target: { kind: 'MASQUERADE', randomFully: true } } });
  nat.push({ chain: 'KUBE-MARK-MASQ', rule: { matches: [], target: { kind: 'MARK', value: MASQ_MARK, mask: MASQ_MARK } } });

  const references = new Map<string, number>();
  for (const { rule } of [...nat, ...filter]) {
    for (const m of rule.matches) if (m.module === 'set') references.set(m.name, (references.get(m.name) ?? 0) + 1);
  }
  return { nat, filter, references };
}

/** The IPVS-mode rules for a node (the iptables builder adds them to its tables). */
export function buildIpvsIptablesRules(result: SimulationResult, nodeName: string): IpvsIptablesRules {
  const state = buildIpvsState(result, nodeName);
  const sets = newSetBook();
  for (const s of state.ipsets) for (const m of s.members) sets.add(s.name, m);
  return ipvsIptablesRules(sets, result.cluster.podCIDR);
}

/**
 * The virtual server a packet to `address:port` hits (what the kernel's ip_vs_service_find
 * does for a non-fwmark service), or undefined: the packet is not load-balanced by IPVS.
 * `protocol` is TCP, UDP or SCTP (any case).
 */
export function findVirtualServer(state: IpvsState, protocol: string, address: string, port: number): IpvsVirtualServer | undefined {
  const proto = protocol.toUpperCase();
  return state.virtualServers.find((vs) => vs.protocol === proto && vs.address === address && vs.port === port);
}

/**
 * `-m set --match-set NAME FLAGS` against this node's sets, for a packet tracer: each flag
 * picks the packet's source or destination for one dimension of the set's type (hash:ip,
 * hash:ip,port, hash:ip,port,ip; bitmap:port matches the port whatever the protocol).
 */
export function ipsetMembership(state: IpvsState): (name: string, flags: string, p: { src: string; dst: string; proto: string; sport: number; dport: number }) => boolean {
  const sets = new Map(state.ipsets.map((s) => [s.name, { type: s.type, members: new Set(s.members) }]));
  return (name, flags, p) => {
    const set = sets.get(name);
    if (!set) return false;
    const [f1, f2, f3] = flags.split(',');
    const ip = (f: string | undefined) => (f === 'src' ? p.src : p.dst);
    const port = (f: string | undefined) => (f === 'src' ? p.sport : p.dport);
    switch (set.type) {
      case 'bitmap:port':
        return set.members.has(String(port(f1)));
      case 'hash:ip':
        return set.members.has(ip(f1));
      case 'hash:ip,port':
        return set.members.has(`${ip(f1)},${p.proto}:${port(f2)}`);
      case 'hash:ip,port,ip':
        return set.members.has(`${ip(f1)},${p.proto}:${port(f2)},${ip(f3)}`);
      default:
        return false;
    }
  };
}
