/**
 * The allocator core host-local and cilium's per-node allocator share: one CIDR, the
 * addresses from `base + firstOffset` to the one before broadcast, a set of those in use,
 * and a scan that takes the first free address from some starting point, wrapping round.
 * They differ only in where a scan starts (host-local: after its lastReservedIP; cilium:
 * a random offset) and in what they report when the range is full.
 */
import { type Cidr, cidrContains, cidrSize, formatCidr, formatIPv4, parseIPv4 } from './cidr';
import type { PodIpam } from './ipam';

export abstract class RangeIpam implements PodIpam {
  private readonly used = new Set<number>();
  /** The first and last addresses handed out. */
  protected readonly first: number;
  protected readonly last: number;

  constructor(
    protected readonly cidr: Cidr,
    firstOffset: number,
  ) {
    this.first = cidr.base + firstOffset;
    this.last = cidr.base + cidrSize(cidr) - 2;
  }

  /** How many addresses the range hands out (zero or less for a /31 or /32). */
  protected get size(): number {
    return this.last - this.first + 1;
  }

  abstract allocate(): string | null;
  abstract exhausted(): string;

  /** Whether `ip` belongs to this node's pod range. */
  contains(ip: string): boolean {
    const n = parseIPv4(ip);
    return n !== null && cidrContains(this.cidr, n);
  }

  /** Marks a pinned address as used; false if it already was. */
  reserve(ip: string): boolean {
    const n = parseIPv4(ip);
    if (n === null || this.used.has(n)) return false;
    this.used.add(n);
    return true;
  }

  /** Frees an address (the Pod is gone). */
  release(ip: string): void {
    const n = parseIPv4(ip);
    if (n !== null) this.used.delete(n);
  }

  ranges(): string[] {
    return [formatCidr(this.cidr)];
  }

  /** Takes the first free address at or after the `offset`-th of the range, wrapping round; null when all are used. */
  protected takeFrom(offset: number): number | null {
    for (let i = 0; i < this.size; i++) {
      const ip = this.first + ((offset + i) % this.size);
      if (!this.used.has(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
    return null;
  }

  protected format(ip: number | null): string | null {
    return ip === null ? null : formatIPv4(ip);
  }
}
