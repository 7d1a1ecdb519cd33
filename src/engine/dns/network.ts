/**
 * Who answers a DNS question sent to an address (UDP port 53), from a Pod or a node:
 * - the kube-dns Service's ClusterIP (any Service whose endpoints are CoreDNS Pods): kube-proxy
 *   sends it to a ready CoreDNS Pod; with no ready endpoint its REJECT rule answers
 *   "connection refused"; without kube-proxy nothing translates the address (timed out);
 * - a CoreDNS Pod's own IP: that Pod, ready or not, while it runs;
 * - any other address inside the cluster (Pod, Service or node ranges) or link-local (NodeLocal
 *   DNSCache's 169.254.20.10, not modelled): no resolver (timed out); 127.0.0.0/8: refused;
 * - any address outside: the world's resolver (upstream.ts), e.g. 172.18.0.1, the kind
 *   network's gateway, where kind points each node's resolv.conf (docker's embedded DNS).
 */
import { KIND_NETWORKING } from '../cluster/kind-defaults';
import { cidrContains, formatIPv4, parseCidr, parseIPv4 } from '../cluster/cidr';
import type { SimulationResult } from '../result';
import { clusterIndex } from './cluster-index';
import { serveCoreDns } from './coredns';
import { emptyMessage, type DnsMessage } from './types';
import { worldAnswer } from './upstream';

/** The docker network's gateway, which kind's entrypoint writes into each node's resolv.conf in place of 127.0.0.11. */
export function nodeResolverAddress(): string {
  return formatIPv4(parseCidr(KIND_NETWORKING.nodeNetwork)!.base + 1);
}

/** Whether `ip` is a Pod, Service or node address of the cluster (the node network's gateway is not). */
export function isInClusterAddress(result: SimulationResult, ip: string): boolean {
  const n = parseIPv4(ip);
  if (n === null) return false;
  for (const cidr of [result.cluster.serviceCIDR, result.cluster.podCIDR]) {
    const c = parseCidr(cidr);
    if (c && cidrContains(c, n)) return true;
  }
  return result.cluster.nodes.some((node) => node.internalIP === ip);
}

const noAnswer = (error: 'timed out' | 'connection refused', note: string): DnsMessage => ({ ...emptyMessage('SERVFAIL', 'coredns', false), error, notes: [note] });

/** Sends `qname`/`qtype` to `server` port 53 and returns the response, or why there is none. */
export function exchange(result: SimulationResult, server: string, qname: string, qtype: string): DnsMessage {
  const index = clusterIndex(result);
  const coreDnsPod = index.coreDnsPods.find((p) => p.ip === server && p.phase === 'Running' && !p.hostNetwork);
  if (coreDnsPod) return serveCoreDns(result, qname, qtype);
  const service = index.serviceByClusterIP.get(server);
  if (service) {
    const label = `Service ${service.namespace}/${service.name}`;
    if (!service.ports.some((p) => p.port === 53 && p.protocol === 'UDP')) return noAnswer('timed out', `${label} has no port 53/UDP`);
    if (result.cluster.kubeProxyMode === 'none') return noAnswer('timed out', `no kube-proxy translates ${label}'s ClusterIP ${server} (kubeProxyMode: none)`);
    const ready = (index.endpoints.get(`${service.namespace}/${service.name}`) ?? []).filter((e) => e.ports.some((p) => p.port === 53 && p.protocol === 'UDP'));
    if (ready.length === 0) {
      const pods = index.coreDnsPods;
      const why = pods.length === 0 ? 'there is no CoreDNS Pod' : `no CoreDNS Pod is ready (${pods.map((p) => `${p.name}: ${p.phase}${p.ready ? '' : ', not ready'}`).join('; ')})`;
      return noAnswer('connection refused', `${label} has no ready endpoint, so kube-proxy rejects the query: ${why}`);
    }
    const coreDnsIPs = new Set(index.coreDnsPods.filter((p) => p.phase === 'Running').map((p) => p.ip));
    if (ready.some((e) => coreDnsIPs.has(e.ip))) return serveCoreDns(result, qname, qtype);
    return noAnswer('timed out', `${label}'s endpoints (${ready.map((e) => e.ip).join(', ')}) run no DNS server the simulator knows`);
  }
  // Nothing listens on port 53 of the host itself: the kernel answers with port unreachable.
  if (server.startsWith('127.')) return noAnswer('connection refused', `no DNS server listens on ${server}:53 here`);
  // Link-local addresses (NodeLocal DNSCache's 169.254.20.10) answer only where such a cache runs; none is modelled.
  if (isInClusterAddress(result, server) || server.startsWith('169.254.')) return noAnswer('timed out', `no DNS server listens on ${server}:53`);
  return worldAnswer(result, qname, qtype);
}
