/**
 * What every kube-proxy mode reads the same way: which Services and ports it programs,
 * each port's endpoints, and pkg/proxy/topology.go CategorizeEndpoints (which endpoints
 * Cluster and Local traffic policies may use on one node). Shared by the iptables, IPVS
 * and nftables builders.
 */
import type { EndpointResult, ServicePortResult, ServiceResult, SimulationResult } from '../result';
import { compareStrings } from '../util/compare';
import { joinHostPort, servicePortName } from './chain-names';

/** kube-proxy's endpoint conditions (pkg/proxy/endpointslicecache.go): serving = ready unless terminating. */
const isReady = (ep: EndpointResult) => ep.ready;
const isServingTerminating = (ep: EndpointResult) => ep.terminating === true && ep.serving === true;

/** The endpoints of one service port, deduplicated and sorted by `ip:port` string as kube-proxy sorts them. */
export function portEndpoints(svc: ServiceResult, port: ServicePortResult): EndpointResult[] {
  const byKey = new Map<string, EndpointResult>();
  for (const ep of svc.endpoints) {
    if (ep.portName !== port.name || ep.protocol !== port.protocol) continue;
    const key = joinHostPort(ep.ip, ep.port);
    if (!byKey.has(key)) byKey.set(key, ep);
  }
  return [...byKey.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, ep]) => ep);
}

/** The endpoints one node may use for a service port (CategorizeEndpoints' results). */
export interface CategorizedEndpoints {
  /** Usable endpoints for Cluster policy ([] when the port uses no cluster endpoints). */
  cluster: EndpointResult[];
  /** This node's usable endpoints for Local policy ([] when the port uses no local endpoints). */
  local: EndpointResult[];
  /** cluster ∪ local, sorted by `ip:port`: every endpoint this node may send to. */
  reachable: EndpointResult[];
  /** Whether the service port has any usable endpoint anywhere. */
  hasAny: boolean;
}

/** pkg/proxy/topology.go CategorizeEndpoints, without topology hints. */
export function categorizeEndpoints(endpoints: EndpointResult[], usesCluster: boolean, usesLocal: boolean, nodeName: string): CategorizedEndpoints {
  let cluster: EndpointResult[] = [];
  let local: EndpointResult[] = [];
  let hasAny = false;
  if (usesCluster) {
    cluster = endpoints.filter(isReady);
    if (cluster.length === 0) cluster = endpoints.filter(isServingTerminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocal) return { cluster, local, reachable: cluster, hasAny };
  if (endpoints.some((ep) => isReady(ep) || isServingTerminating(ep))) hasAny = true;
  const isLocal = (ep: EndpointResult) => ep.nodeName === nodeName;
  local = endpoints.filter((ep) => isLocal(ep) && isReady(ep));
  if (local.length === 0) local = endpoints.filter((ep) => isLocal(ep) && isServingTerminating(ep));
  if (!usesCluster) return { cluster, local, reachable: local, hasAny };
  const reachable = cluster.concat(local.filter((ep) => !cluster.includes(ep)));
  reachable.sort((a, b) => compareStrings(joinHostPort(a.ip, a.port), joinHostPort(b.ip, b.port)));
  return { cluster, local, reachable, hasAny };
}

/** A service port as every proxier sees it (pkg/proxy/serviceport.go BaseServicePortInfo). */
export interface ProxiedServicePort {
  svc: ServiceResult;
  port: ServicePortResult;
  /** `ns/svc:port` (or `ns/svc`), kube-proxy's ServicePortName.String(). */
  spn: string;
  /** Lower-cased protocol: tcp, udp, sctp. */
  proto: string;
  /** Load-balancer ingress IPs (ingress entries with only a hostname give none). */
  lbIPs: string[];
  nodePort: number;
  externallyAccessible: boolean;
  internalLocal: boolean;
  externalLocal: boolean;
  usesClusterEndpoints: boolean;
  usesLocalEndpoints: boolean;
  affinityTimeout: number | undefined;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Service ports kube-proxy programs, in this simulator's fixed order (service-port name,
 * then protocol; a real node iterates a Go map). Headless and ExternalName Services get
 * no rules (pkg/proxy/servicechangetracker.go).
 */
export function proxiedServicePorts(result: SimulationResult): ProxiedServicePort[] {
  const out: (ProxiedServicePort & { key: string })[] = [];
  for (const svc of result.services) {
    if (svc.type === 'ExternalName' || svc.clusterIP === null || svc.clusterIP === 'None' || svc.clusterIP === '') continue;
    for (const port of svc.ports) {
      const spn = servicePortName(svc.namespace, svc.name, port.name);
      const proto = port.protocol.toLowerCase();
      const lbIPs = svc.loadBalancerIngress.flatMap((ing) => (ing.ip ? [ing.ip] : []));
      const nodePort = port.nodePort ?? 0;
      const externallyAccessible = nodePort !== 0 || svc.externalIPs.length > 0 || lbIPs.length > 0;
      const internalLocal = svc.internalTrafficPolicy === 'Local';
      const externalLocal = externallyAccessible && svc.externalTrafficPolicy === 'Local';
      out.push({
        svc, port, spn, proto, lbIPs, nodePort, externallyAccessible, internalLocal, externalLocal,
        usesClusterEndpoints: !internalLocal || (externallyAccessible && !externalLocal),
        usesLocalEndpoints: internalLocal || externalLocal,
        affinityTimeout: svc.sessionAffinity === 'ClientIP' ? (svc.sessionAffinityTimeoutSeconds ?? 10800) : undefined,
        key: `${spn}\u0000${proto}`,
      });
    }
  }
  return out.sort((a, b) => byteOrder(a.key, b.key));
}

/**
 * Whether an endpoint is on `nodeName` as kube-proxy sees it: the EndpointSlice's
 * `nodeName` (BaseEndpointInfo.IsLocal). The API server's `kubernetes` slice carries none,
 * so its endpoints are never local, although the result names the control plane for them.
 * Results without EndpointSlices fall back to the endpoint's node.
 */
export function endpointLocality(result: SimulationResult): (svc: ServiceResult, ep: EndpointResult, nodeName: string) => boolean {
  const sliceNode = new Map<string, string | null>();
  for (const slice of result.endpointSlices ?? []) {
    for (const e of slice.endpoints) {
      const key = `${slice.namespace}/${slice.service}/${e.addresses[0]}`;
      if (!sliceNode.has(key)) sliceNode.set(key, e.nodeName ?? null);
    }
  }
  return (svc, ep, nodeName) => {
    const key = `${svc.namespace}/${svc.name}/${ep.ip}`;
    return sliceNode.has(key) ? sliceNode.get(key) === nodeName : ep.nodeName === nodeName;
  };
}
