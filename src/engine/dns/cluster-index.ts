/**
 * What CoreDNS's kubernetes plugin watches, indexed once per result so that a query is a
 * few map lookups (plugin/kubernetes/controller.go: svcNameNamespaceIndex, epIndex,
 * svcIPIndex, epIPIndex, podIPIndex). Endpoints come from EndpointSlices only, tied to
 * their Service by the `kubernetes.io/service-name` label; an address counts when its
 * `ready` condition is true or unset (object.EndpointSliceToEndpoints).
 */
import type { PodResult, ServiceResult, SimulationResult } from '../result';
import { SCENARIO_EPOCH } from '../terminal/timestamps';

export interface DnsEndpointPort {
  name: string;
  /** -1: the slice has no ports (a headless Service without ports still answers A). */
  port: number;
  protocol: string;
}

/** One ready address of a Service, as the plugin sees it. */
export interface DnsEndpoint {
  ip: string;
  /** The slice endpoint's `hostname` (a Pod whose subdomain names the Service). */
  hostname?: string;
  /** `targetRef.name` (for `endpoint_pod_names`). */
  podName?: string;
  ports: DnsEndpointPort[];
}

export interface ClusterIndex {
  /** The cluster domain, lower case, absolute (`cluster.local.`). */
  domain: string;
  namespaces: Set<string>;
  /** By `namespace/name`. */
  services: Map<string, ServiceResult>;
  /** Ready endpoints by the Service's `namespace/name`, slices in name order. */
  endpoints: Map<string, DnsEndpoint[]>;
  /** The first Service found with this ClusterIP. */
  serviceByClusterIP: Map<string, ServiceResult>;
  /** Every Service whose ready endpoints hold this IP, with the endpoint. */
  endpointsByIP: Map<string, { service: ServiceResult; endpoint: DnsEndpoint }[]>;
  /** Running, non-terminating Pods by IP (pods verified). */
  podsByIP: Map<string, PodResult[]>;
  /** CoreDNS's own Pods (kube-system, k8s-app=kube-dns). */
  coreDnsPods: PodResult[];
  /** The Service whose endpoints are CoreDNS's Pods (kube-dns), for NS answers and reachability. */
  dnsService?: ServiceResult;
  /** SOA serial: the Unix time of the last Service or EndpointSlice change the plugin saw. */
  serial: number;
}

const cache = new WeakMap<SimulationResult, ClusterIndex>();

export function clusterIndex(result: SimulationResult): ClusterIndex {
  let index = cache.get(result);
  if (!index) {
    index = buildIndex(result);
    cache.set(result, index);
  }
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildIndex(result: SimulationResult): ClusterIndex {
  const services = new Map<string, ServiceResult>();
  const serviceByClusterIP = new Map<string, ServiceResult>();
  let lastChange = 0;
  for (const s of result.services) {
    services.set(`${s.namespace}/${s.name}`, s);
    if (s.clusterIP && s.clusterIP !== 'None' && !serviceByClusterIP.has(s.clusterIP)) serviceByClusterIP.set(s.clusterIP, s);
    lastChange = Math.max(lastChange, s.createdAt);
  }
  const endpoints = new Map<string, DnsEndpoint[]>();
  const endpointsByIP = new Map<string, { service: ServiceResult; endpoint: DnsEndpoint }[]>();
  for (const slice of result.endpointSlices) {
    lastChange = Math.max(lastChange, slice.createdAt);
    if (!slice.service || slice.addressType !== 'IPv4') continue;
    const key = `${slice.namespace}/${slice.service}`;
    const service = services.get(key);
    const ports = slice.ports.length > 0 ? slice.ports.map((p) => ({ ...p })) : [{ name: '', port: -1, protocol: '' }];
    for (const e of slice.endpoints) {
      if (e.conditions.ready === false) continue;
      for (const ip of e.addresses) {
        const endpoint: DnsEndpoint = { ip, ...(e.hostname ? { hostname: e.hostname } : {}), ...(e.targetRef?.kind === 'Pod' ? { podName: e.targetRef.name } : {}), ports };
        push(endpoints, key, endpoint);
        if (service) push(endpointsByIP, ip, { service, endpoint });
      }
    }
  }
  const podsByIP = new Map<string, PodResult[]>();
  const coreDnsPods: PodResult[] = [];
  for (const p of result.pods) {
    if (p.ip && !p.terminating && p.phase === 'Running') push(podsByIP, p.ip, p);
    if (p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns') coreDnsPods.push(p);
  }
  const coreDnsIPs = new Set(coreDnsPods.map((p) => p.ip).filter((ip): ip is string => ip !== null));
  let dnsService: ServiceResult | undefined = services.get('kube-system/kube-dns');
  if (!dnsService || !(endpoints.get('kube-system/kube-dns') ?? []).some((e) => coreDnsIPs.has(e.ip))) {
    for (const ip of coreDnsIPs) {
      const hit = (endpointsByIP.get(ip) ?? []).find((x) => x.service.clusterIP && x.service.clusterIP !== 'None');
      if (hit) {
        dnsService = hit.service;
        break;
      }
    }
  }
  return {
    domain: `${result.cluster.clusterDomain.toLowerCase().replace(/\.$/, '')}.`,
    namespaces: new Set(result.namespaces),
    services,
    endpoints,
    serviceByClusterIP,
    endpointsByIP,
    podsByIP,
    coreDnsPods,
    ...(dnsService ? { dnsService } : {}),
    serial: SCENARIO_EPOCH + Math.floor(lastChange > 0 ? lastChange : 0),
  };
}
