/**
 * Pod IP allocation as kindnet's CNI config does it: the host-local IPAM plugin on each
 * node, over that node's podCIDR. host-local hands out addresses sequentially from the
 * range start (.2; .1 is the bridge/gateway address) up to the last address before
 * broadcast, skipping addresses in use. It remembers the last address it reserved
 * (`lastReservedIP`, containernetworking/plugins plugins/ipam/host-local/backend/allocator)
 * and continues after it, wrapping round to the start: an address just freed is not
 * handed out again until the rest of the range has been used.
 *
 * Allocation order is Pod creation order (see state.ts): on a real node the kubelet starts
 * Pods in roughly that order, and appending an object to a scenario then never renumbers
 * the Pods before it. Pinned `status.podIP`s are reserved first and leave the cursor alone.
 */
import { RangeIpam } from './address-range';
import { formatIPv4, parseCidr } from './cidr';

/** A node's Pod address pool, whichever CNI's IPAM backs it (host-local here; calico and cilium in cni-ipam.ts). */
export interface PodIpam {
  /** Whether `ip` belongs to this node's ranges. */
  contains(ip: string): boolean;
  /** Marks a pinned address as used; false if it already was. */
  reserve(ip: string): boolean;
  release(ip: string): void;
  /** The next address as this IPAM picks it; null when it has none left. */
  allocate(): string | null;
  /** What the CNI reports when it has no address left (the kubelet's FailedCreatePodSandBox reason). */
  exhausted(): string;
  /** The node's ranges: spec.podCIDR, or the IPAM's own blocks / CIDRs. */
  ranges(): string[];
  /** The address the CNI took for the node itself first (calico's tunnel address, cilium's router IP), if any. */
  nodeAddress?(): string | undefined;
}

export class HostLocalIpam extends RangeIpam {
  /** The address after host-local's lastReservedIP. */
  private cursor: number;

  constructor(podCIDR: string) {
    const cidr = parseCidr(podCIDR);
    if (!cidr) throw new Error(`invalid podCIDR ${podCIDR}`);
    // .1 is the gateway's: host-local's range starts at .2.
    super(cidr, 2);
    this.cursor = this.first;
  }

  /** Next free address after the last one reserved, wrapping; null when the range is exhausted (host-local: "no IP addresses available in range set"). Releasing leaves the cursor where it is. */
  allocate(): string | null {
    const ip = this.takeFrom(this.cursor - this.first);
    if (ip !== null) this.cursor = ip + 1 > this.last ? this.first : ip + 1;
    return this.format(ip);
  }

  exhausted(): string {
    return `failed to allocate for range 0: no IP addresses available in range set: ${this.rangeSet()}`;
  }

  /** host-local's range as it reports it, e.g. 10.244.1.1-10.244.1.254. */
  rangeSet(): string {
    return `${formatIPv4(this.cidr.base + 1)}-${formatIPv4(this.last)}`;
  }
}
