/**
 * LoadBalancer status on a kind cluster, and what rides on Service annotations.
 *
 * kind has no cloud provider: a LoadBalancer Service's EXTERNAL-IP stays `<pending>` unless
 * (a) the Service pins `status.loadBalancer.ingress` (a replayed dump), or (b) MetalLB is
 * installed — the scenario declares an `IPAddressPool` (metallb.io/v1beta1). MetalLB's
 * controller (metallb/internal/allocator, v0.14) then assigns each LoadBalancer Service
 * without `spec.loadBalancerClass`:
 * - the addresses asked for (`metallb.universe.tf/loadBalancerIPs` or `metallb.io/loadBalancerIPs`,
 *   comma-separated, else `spec.loadBalancerIP`), each of which must lie in some pool;
 * - else the first free address of the pool named by `metallb.universe.tf/address-pool`
 *   (or `metallb.io/address-pool`), autoAssign or not;
 * - else the first free address of the pools whose `serviceAllocation` selects the Service
 *   (by priority, lower first), then of the autoAssign pools without `serviceAllocation`
 *   (Go iterates these in map order; here by name).
 * Services asking for an address are served first, then the rest by creation time and name
 * (MetalLB serves them in informer order, which is racy). Within a pool the entries go in order and addresses lowest first (`getIPFromCIDR`), the
 * network and broadcast addresses of a CIDR included unless `avoidBuggyIPs` (.0 and .255
 * skipped). Assignments are kept across passes while still valid.
 *
 * ExternalDNS (`external-dns.alpha.kubernetes.io/hostname` / `ttl`) is parsed here too,
 * for the DNS view.
 */
import type { IPAddressPool, LoadBalancerIngress, Service } from '../model';
import { formatIPv4, parseCidr, parseIPv4, cidrSize } from '../cluster/cidr';
import { diagnose, storedOfKind, type ClusterState, type ServiceState } from '../state';
import { compareBy, compareStrings } from '../util/compare';

export const ANNOTATION_LB_IPS = ['metallb.universe.tf/loadBalancerIPs', 'metallb.io/loadBalancerIPs'];
export const ANNOTATION_POOL = ['metallb.universe.tf/address-pool', 'metallb.io/address-pool'];
export const ANNOTATION_EXTERNAL_DNS_HOSTNAME = 'external-dns.alpha.kubernetes.io/hostname';
export const ANNOTATION_EXTERNAL_DNS_TTL = 'external-dns.alpha.kubernetes.io/ttl';

/** `a.b.c.d/n` or `a.b.c.d-e.f.g.h` → [first, last] as integers; null when neither. */
export function parseIPRange(text: string): [number, number] | null {
  const t = text.trim();
  if (t.includes('-')) {
    const [a, b, ...rest] = t.split('-').map((x) => x.trim());
    const lo = parseIPv4(a);
    const hi = parseIPv4(b ?? '');
    return rest.length === 0 && lo !== null && hi !== null && lo <= hi ? [lo, hi] : null;
  }
  const cidr = parseCidr(t);
  return cidr && parseIPv4(t.split('/')[0]) === cidr.base ? [cidr.base, cidr.base + cidrSize(cidr) - 1] : null;
}

interface Pool {
  pool: IPAddressPool;
  ranges: [number, number][];
}

function annotation(svc: Service, keys: string[]): string | undefined {
  for (const k of keys) if (svc.annotations?.[k]) return svc.annotations[k];
  return undefined;
}

export function loadBalancerController(state: ClusterState): void {
  const pools: Pool[] = storedOfKind(state, 'IPAddressPool')
    .map((e) => ({ pool: e.object, ranges: e.object.addresses.map(parseIPRange).filter((r): r is [number, number] => r !== null) }))
    .sort((a, b) => compareStrings(a.pool.meta.name, b.pool.meta.name));
  const metallb = pools.length > 0;
  const inUse = new Map<number, string>();
  // Services that ask for a given address go first (MetalLB's own order is its informer's, i.e. racy), then by creation.
  const asks = (s: ServiceState) => (requestedIPs(s.service).length > 0 ? 0 : 1);
  const lbServices = [...state.services.entries()]
    .filter(([, s]) => s.service.type === 'LoadBalancer')
    .sort(([ka, a], [kb, b]) => asks(a) - asks(b) || a.createdAt - b.createdAt || compareStrings(ka, kb));

  // Keep valid assignments first, so new Services never take an address already held.
  for (const [key, s] of state.services) {
    if (s.service.type !== 'LoadBalancer') {
      delete s.loadBalancerIngress;
      delete s.loadBalancerPool;
      continue;
    }
    if (s.service.loadBalancerIngress) {
      s.loadBalancerIngress = s.service.loadBalancerIngress;
      delete s.loadBalancerPool;
      continue;
    }
    const ip = s.loadBalancerIngress?.[0]?.ip;
    const n = ip ? parseIPv4(ip) : null;
    const pool = s.loadBalancerPool ? pools.find((p) => p.pool.meta.name === s.loadBalancerPool) : undefined;
    if (n !== null && pool && inPool(pool, n) && stillWanted(s.service, n, pool) && !inUse.has(n)) inUse.set(n, key);
    else {
      delete s.loadBalancerIngress;
      delete s.loadBalancerPool;
    }
  }

  for (const [key, s] of lbServices) {
    if (s.loadBalancerIngress) continue;
    const svc = s.service;
    if (svc.loadBalancerClass) continue; // another implementation's Service
    if (!metallb) {
      state.conditions.push(
        diagnose(
          svc.origin,
          `Service ${key}`,
          'info',
          `Service ${svc.meta.name} is type LoadBalancer; a kind cluster has no load-balancer controller, so its EXTERNAL-IP stays <pending> — reach it through its NodePort on a node IP, or install MetalLB with an IPAddressPool (and L2Advertisement) from the kind docker network, or run cloud-provider-kind`,
          'spec.type',
        ),
      );
      continue;
    }
    const result = allocate(svc, pools, inUse);
    if ('error' in result) {
      state.conditions.push(diagnose(svc.origin, `Service ${key}`, 'warning', `Failed to allocate IP for ${JSON.stringify(key)}: ${result.error}; EXTERNAL-IP stays <pending>`, 'spec.type', result.hint));
      continue;
    }
    inUse.set(result.ip, key);
    s.loadBalancerIngress = [{ ip: formatIPv4(result.ip) }];
    s.loadBalancerPool = result.pool.pool.meta.name;
  }

  if (metallb) reportUnannounced(state, pools);
  for (const s of state.services.values()) reportLocalTrafficPolicy(state, s);
}

function inPool(pool: Pool, n: number): boolean {
  return pool.ranges.some(([lo, hi]) => n >= lo && n <= hi);
}

/** An assignment survives while it still answers what the Service asks for. */
function stillWanted(svc: Service, n: number, pool: Pool): boolean {
  const wantedIPs = requestedIPs(svc);
  if (wantedIPs.length > 0 && !wantedIPs.includes(formatIPv4(n))) return false;
  const wantedPool = annotation(svc, ANNOTATION_POOL);
  return !wantedPool || wantedPool === pool.pool.meta.name;
}

function requestedIPs(svc: Service): string[] {
  const list = annotation(svc, ANNOTATION_LB_IPS);
  if (list)
    return list
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return svc.loadBalancerIP ? [svc.loadBalancerIP] : [];
}

type Allocation = { ip: number; pool: Pool } | { error: string; hint?: string };

function allocate(svc: Service, pools: Pool[], inUse: Map<number, string>): Allocation {
  const key = `${svc.meta.namespace}/${svc.meta.name}`;
  const wantedPool = annotation(svc, ANNOTATION_POOL);
  const ips = requestedIPs(svc);
  if (ips.length > 0) {
    // Single-stack: the first requested IPv4 address.
    const text = ips[0];
    const n = parseIPv4(text);
    if (n === null) return { error: `invalid requested loadbalancer IPs: ${JSON.stringify(text)} is not an IP address` };
    const pool = pools.find((p) => inPool(p, n));
    if (!pool) return { error: `${JSON.stringify(text)} is not allowed in config`, hint: `add ${text} to an IPAddressPool's spec.addresses, or request an address the pools contain` };
    if (wantedPool && wantedPool !== pool.pool.meta.name) return { error: `requested IP ${JSON.stringify(text)} belongs to pool ${JSON.stringify(pool.pool.meta.name)}, not to the requested pool ${JSON.stringify(wantedPool)}` };
    const holder = inUse.get(n);
    if (holder && holder !== key) return { error: `can't use ${JSON.stringify(text)}: already in use by ${holder}`, hint: 'Services share an address only with the metallb.universe.tf/allow-shared-ip annotation on both' };
    return { ip: n, pool };
  }
  if (wantedPool) {
    const pool = pools.find((p) => p.pool.meta.name === wantedPool);
    if (!pool) return { error: `unknown pool ${JSON.stringify(wantedPool)}`, hint: `the IPAddressPools are ${pools.map((p) => p.pool.meta.name).join(', ')}` };
    const n = firstFree(pool, inUse);
    return n === null ? { error: 'no available IPs' } : { ip: n, pool };
  }
  const pinned = pools
    .filter((p) => p.pool.serviceAllocation && selects(p.pool, svc))
    .sort(compareBy<Pool>((p) => p.pool.serviceAllocation!.priority ?? Number.MAX_SAFE_INTEGER, (p) => p.pool.meta.name));
  for (const pool of pinned) {
    const n = firstFree(pool, inUse);
    if (n !== null) return { ip: n, pool };
  }
  for (const pool of pools) {
    if (!pool.pool.autoAssign || pool.pool.serviceAllocation) continue;
    const n = firstFree(pool, inUse);
    if (n !== null) return { ip: n, pool };
  }
  return { error: 'no available IPs', hint: pools.every((p) => !p.pool.autoAssign) ? 'every IPAddressPool has autoAssign: false; name one with the metallb.universe.tf/address-pool annotation' : 'add addresses to an IPAddressPool or delete a LoadBalancer Service' };
}

/** `serviceAllocation`: the Service's namespace is listed (or none are) and a selector matches (or none is given). */
function selects(pool: IPAddressPool, svc: Service): boolean {
  const a = pool.serviceAllocation!;
  if (a.namespaces.length > 0 && !a.namespaces.includes(svc.meta.namespace)) return false;
  return a.serviceSelectors.length === 0 || a.serviceSelectors.some((sel) => Object.entries(sel).every(([k, v]) => svc.meta.labels[k] === v));
}

function firstFree(pool: Pool, inUse: Map<number, string>): number | null {
  for (const [lo, hi] of pool.ranges)
    for (let n = lo; n <= hi; n++) {
      const last = n & 255;
      if (pool.pool.avoidBuggyIPs && (last === 0 || last === 255)) continue;
      if (!inUse.has(n)) return n;
    }
  return null;
}

/** A pool no L2Advertisement names (and none names all pools): its addresses are assigned but nobody answers ARP for them. */
function reportUnannounced(state: ClusterState, pools: Pool[]): void {
  const ads = storedOfKind(state, 'L2Advertisement').map((e) => e.object);
  const announced = (name: string) => ads.some((a) => a.ipAddressPools.length === 0 || a.ipAddressPools.includes(name));
  for (const p of pools) {
    if (announced(p.pool.meta.name)) continue;
    const users = [...state.services.values()].filter((s) => s.loadBalancerPool === p.pool.meta.name).map((s) => `${s.service.meta.name} (${s.loadBalancerIngress?.[0]?.ip})`);
    state.conditions.push(
      diagnose(
        p.pool.origin,
        `IPAddressPool ${p.pool.meta.namespace}/${p.pool.meta.name}`,
        'warning',
        `IPAddressPool ${p.pool.meta.name} is not announced by any L2Advertisement: MetalLB assigns its addresses${users.length > 0 ? ` (${users.join(', ')})` : ''} but no speaker answers ARP for them, so they are unreachable from outside the cluster`,
        'metadata.name',
        `add an L2Advertisement in namespace ${p.pool.meta.namespace} with spec.ipAddressPools: [${p.pool.meta.name}]`,
      ),
    );
  }
}

/** externalTrafficPolicy: Local drops external traffic on nodes without a ready local endpoint (kube-proxy's KUBE-EXT chain). */
function reportLocalTrafficPolicy(state: ClusterState, s: ServiceState): void {
  if (s.service.externalTrafficPolicy !== 'Local' || (s.service.type !== 'NodePort' && s.service.type !== 'LoadBalancer')) return;
  const withEndpoint = new Set(s.endpoints.filter((e) => e.ready).map((e) => e.nodeName));
  const without = state.topology.nodes.map((n) => n.name).filter((n) => !withEndpoint.has(n)).sort(compareStrings);
  if (without.length === 0) return;
  const hc = s.healthCheckNodePort !== undefined ? `; the health check on node port ${s.healthCheckNodePort} fails there, so a load balancer skips them` : '';
  state.conditions.push(
    diagnose(
      s.service.origin,
      `Service ${s.service.meta.namespace}/${s.service.meta.name}`,
      'info',
      `Service ${s.service.meta.name} has externalTrafficPolicy: Local; node${without.length === 1 ? '' : 's'} ${without.join(', ')} run${without.length === 1 ? 's' : ''} none of its ready endpoints, so traffic arriving there from outside is dropped (the client source IP is kept where it is accepted)${hc}`,
      'spec.externalTrafficPolicy',
      'use externalTrafficPolicy: Cluster to accept on every node (source IP is then SNATed), or run a Pod on every node (a DaemonSet)',
    ),
  );
}

/** ExternalDNS' view of a Service: `hostname` (comma-separated, spaces removed) and `ttl` (seconds or a Go duration, 1..2^31-1). */
export function externalDNSOf(svc: Service): { hostnames: string[]; ttl?: number } | undefined {
  const raw = svc.annotations?.[ANNOTATION_EXTERNAL_DNS_HOSTNAME];
  if (!raw) return undefined;
  const hostnames = raw
    .replace(/ /g, '')
    .split(',')
    .filter(Boolean);
  if (hostnames.length === 0) return undefined;
  const ttl = parseTTL(svc.annotations?.[ANNOTATION_EXTERNAL_DNS_TTL]);
  return { hostnames, ...(ttl !== undefined ? { ttl } : {}) };
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

function parseTTL(text: string | undefined): number | undefined {
  if (!text) return undefined;
  let seconds: number | undefined;
  const parts = text.match(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g);
  if (parts && parts.join('') === text) seconds = Math.trunc(parts.reduce((sum, p) => sum + parseFloat(p) * DURATION_UNITS[p.replace(/^[\d.]+/, '')], 0));
  else if (/^[+-]?\d+$/.test(text)) seconds = Number(text);
  return seconds !== undefined && seconds >= 1 && seconds <= 2 ** 31 - 1 ? seconds : undefined;
}

export type { LoadBalancerIngress };
