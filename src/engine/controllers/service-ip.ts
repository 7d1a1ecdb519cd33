/**
 * Service ClusterIP and NodePort allocation, as kube-apiserver's allocators do it in v1.33
 * (MultiCIDRServiceAllocator: one IPAddress object per ClusterIP; the port allocator for
 * NodePorts), with their error texts.
 *
 * Dynamic choices are made deterministic: the real allocators pick a random free value
 * in the upper part of the range (KEP-3070 / KEP-3668 keep the lower part for static
 * assignment: the first min(max(16, size/16), 256) IPs, the first min(max(16, size/32), 128)
 * ports). The simulator starts at FNV-32a("namespace/name") within that upper part and
 * probes linearly to the next free value; the lower part is used only when the upper is
 * full. Pinned values are reserved before any dynamic allocation.
 */
import { type Cidr, cidrContains, cidrSize, formatCidr, formatIPv4, parseCidr, parseIPv4 } from '../cluster/cidr';
import { fnv32a } from '../util/fnv';

export type AllocationResult = { ok: true; value: string } | { ok: false; detail: string };

export class ClusterIPAllocator {
  private readonly cidr: Cidr;
  private readonly used = new Set<number>();
  private readonly first: number;
  private readonly last: number;
  private readonly offset: number;

  constructor(serviceCIDR: string) {
    const cidr = parseCidr(serviceCIDR);
    if (!cidr) throw new Error(`invalid service CIDR ${serviceCIDR}`);
    this.cidr = cidr;
    // IPv4: neither the network address nor the broadcast address is handed out.
    this.first = cidr.base + 1;
    this.last = cidr.base + cidrSize(cidr) - 2;
    const size = cidrSize(cidr);
    this.offset = size < 16 ? 0 : Math.min(Math.max(16, Math.floor(size / 16)), 256);
  }

  /** Reserves a pinned IP; on failure, the detail after `failed to allocate IP <ip>: `. */
  allocate(ip: string): AllocationResult {
    const n = parseIPv4(ip);
    if (n === null) return { ok: false, detail: 'invalid IP' };
    // The MetaAllocator finds no ServiceCIDR containing the address.
    if (!cidrContains(this.cidr, n)) return { ok: false, detail: 'the provided network does not match the current range' };
    if (n < this.first || n > this.last)
      return { ok: false, detail: `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${formatCidr(this.cidr)}` };
    if (this.used.has(n)) return { ok: false, detail: 'provided IP is already allocated' };
    this.used.add(n);
    return { ok: true, value: ip };
  }

  /** A free IP for Service `key` (`namespace/name`), or null when the range is full. */
  allocateNext(key: string): string | null {
    const upperStart = this.first + this.offset;
    const found = probe(upperStart, this.last, fnv32a(key), (n) => !this.used.has(n)) ?? probe(this.first, upperStart - 1, fnv32a(key), (n) => !this.used.has(n));
    if (found === null) return null;
    this.used.add(found);
    return formatIPv4(found);
  }

  contains(ip: string): boolean {
    const n = parseIPv4(ip);
    return n !== null && cidrContains(this.cidr, n);
  }

  /** Frees an IP (its Service was deleted or refused). */
  release(ip: string): void {
    const n = parseIPv4(ip);
    if (n !== null) this.used.delete(n);
  }
}

export class NodePortAllocator {
  /** Port → owning Service key, so one Service may reuse a port for another protocol. */
  private readonly used = new Map<number, string>();
  private readonly offset: number;

  constructor(private readonly base: number, private readonly size: number) {
    this.offset = size < 16 ? 0 : Math.min(Math.max(16, Math.floor(size / 32)), 128);
  }

  get range(): string {
    return `${this.base}-${this.base + this.size - 1}`;
  }

  /** Reserves a pinned port; on failure, the detail after `Invalid value: <port>: `. */
  allocate(port: number, owner: string): { ok: true } | { ok: false; detail: string } {
    if (port < this.base || port >= this.base + this.size)
      return { ok: false, detail: `provided port is not in the valid range. The range of valid ports is ${this.range}` };
    const holder = this.used.get(port);
    if (holder !== undefined && holder !== owner) return { ok: false, detail: 'provided port is already allocated' };
    this.used.set(port, owner);
    return { ok: true };
  }

  /** A free port for `key` (`namespace/name/portIndex`), or null when the range is full. */
  allocateNext(key: string, owner: string): number | null {
    const upperStart = this.base + this.offset;
    const last = this.base + this.size - 1;
    const free = (p: number) => !this.used.has(p);
    const found = probe(upperStart, last, fnv32a(key), free) ?? probe(this.base, upperStart - 1, fnv32a(key), free);
    if (found !== null) this.used.set(found, owner);
    return found;
  }

  /** Frees a port (its Service was deleted or refused). */
  release(port: number): void {
    this.used.delete(port);
  }

  /** Frees every port whose owning Service (`namespace/name`, or `namespace/name/health`) is not in `services`. */
  releaseOwnersNotIn(services: Set<string>): void {
    for (const [port, owner] of this.used) if (!services.has(owner.replace(/\/health$/, ''))) this.used.delete(port);
  }
}

/** First value v in [lo, hi], starting at lo + hash mod size and wrapping, with free(v). */
function probe(lo: number, hi: number, hash: number, free: (v: number) => boolean): number | null {
  const size = hi - lo + 1;
  if (size <= 0) return null;
  const start = hash % size;
  for (let i = 0; i < size; i++) {
    const v = lo + ((start + i) % size);
    if (free(v)) return v;
  }
  return null;
}
