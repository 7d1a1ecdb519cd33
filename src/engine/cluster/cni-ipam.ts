/**
 * Pod address pools of the CNIs that do not use host-local over `spec.podCIDR`:
 *
 * - calico-ipam (projectcalico/calico libcalico-go/lib/ipam): the pool is cut into blocks
 *   of `blockSize` (/26). calico-node claims a block affine to its node at start-up and
 *   takes the block's first address for the tunnel device (tunl0 / vxlan.calico) when the
 *   pool encapsulates; Pods then get the block's addresses in order (the block's
 *   `Unallocated` ordinals; a released address goes to the back of the list), and a full
 *   block makes the node claim another. Calico picks the first block to try with Go's
 *   math/rand seeded by the FNV-32 hash of the hostname (`randomBlockGenerator`); the
 *   simulator starts at that hash modulo the number of blocks instead (Go's generator is
 *   not reproduced), then walks forward as calico does, skipping claimed blocks.
 * - cilium cluster-pool (cilium-operator pkg/ipam/allocator/clusterpool): the operator
 *   gives each node the next free `/cluster-pool-ipv4-mask-size` of the pool, in the order
 *   nodes register; cilium's `kubernetes` mode uses `spec.podCIDR` instead. The agent's
 *   allocator (k8s ipallocator bitmap with a random scan: a random offset, then the next
 *   free address) takes the router IP (cilium_host) first, then the health endpoint's,
 *   then Pods'. The random offsets are drawn from a generator seeded by the node's name.
 */
import { fnv32 } from '../util/fnv';
import { SeededRandom } from '../util/rand';
import { cidrContains, cidrSize, formatCidr, formatIPv4, parseCidr, parseIPv4, subnet, type Cidr } from './cidr';
import { RangeIpam } from './address-range';
import { HostLocalIpam, type PodIpam } from './ipam';
import type { ClusterTopology } from './topology';

/** The Pod address pools of every node of `topology`, as its CNI's IPAM gives them. */
export function createPodIpams(topology: ClusterTopology): Map<string, PodIpam> {
  const out = new Map<string, PodIpam>();
  const settings = topology.cniSettings;
  const pool = settings ? parseCidr(settings.podNetwork) : null;
  if (settings?.ipam === 'calico-ipam' && pool) {
    const calico = new CalicoBlocks(pool, settings.nodeMaskSize);
    const tunnel = settings.backend === 'ipip' || settings.backend === 'vxlan';
    for (const node of topology.nodes) out.set(node.name, calico.forNode(node.name, tunnel));
    return out;
  }
  if (settings?.ipam === 'cluster-pool' && pool) {
    let next = 0;
    const count = 2 ** (settings.nodeMaskSize - pool.prefix);
    for (const node of topology.nodes) {
      if (next >= count) continue;
      out.set(node.name, new CiliumNodeIpam(subnet(pool, settings.nodeMaskSize, next++), node.name));
    }
    return out;
  }
  for (const node of topology.nodes) {
    if (!node.podCIDR) continue;
    out.set(node.name, settings?.ipam === 'kubernetes' ? new CiliumNodeIpam(parseCidr(node.podCIDR)!, node.name) : new HostLocalIpam(node.podCIDR));
  }
  return out;
}

interface Block {
  cidr: Cidr;
  /** Free ordinals in the order calico hands them out. */
  unallocated: number[];
}

/** The pool's blocks and their affinities, shared by the nodes. */
class CalicoBlocks {
  private readonly claimed = new Set<number>();
  private readonly count: number;

  constructor(
    readonly pool: Cidr,
    readonly blockSize: number,
  ) {
    this.count = 2 ** (blockSize - pool.prefix);
  }

  /** The next unclaimed block for `host`, starting from the host's hash; null when the pool is full. */
  claim(host: string): Block | null {
    const start = fnv32(host) % this.count;
    for (let i = 0; i < this.count; i++) {
      const index = (start + i) % this.count;
      if (this.claimed.has(index)) continue;
      this.claimed.add(index);
      const cidr = subnet(this.pool, this.blockSize, index);
      return { cidr, unallocated: Array.from({ length: cidrSize(cidr) }, (_, k) => k) };
    }
    return null;
  }

  forNode(host: string, tunnel: boolean): CalicoNodeIpam {
    return new CalicoNodeIpam(this, host, tunnel);
  }
}

/** One node's view of calico-ipam: its affine blocks, claimed as needed. */
class CalicoNodeIpam implements PodIpam {
  private readonly blocks: Block[] = [];
  private readonly pinned = new Set<number>();
  private readonly tunnelIP?: string;

  constructor(
    private readonly shared: CalicoBlocks,
    private readonly host: string,
    tunnel: boolean,
  ) {
    // calico-node allocates the tunnel address from the node's block when it starts.
    if (tunnel) this.tunnelIP = this.allocate() ?? undefined;
  }

  contains(ip: string): boolean {
    const n = parseIPv4(ip);
    return n !== null && cidrContains(this.shared.pool, n);
  }

  reserve(ip: string): boolean {
    const n = parseIPv4(ip);
    if (n === null) return false;
    const block = this.blocks.find((b) => cidrContains(b.cidr, n));
    if (block) {
      const at = block.unallocated.indexOf(n - block.cidr.base);
      if (at < 0) return false;
      block.unallocated.splice(at, 1);
      return true;
    }
    if (this.pinned.has(n)) return false;
    this.pinned.add(n);
    return true;
  }

  release(ip: string): void {
    const n = parseIPv4(ip);
    if (n === null) return;
    const block = this.blocks.find((b) => cidrContains(b.cidr, n));
    if (block && !block.unallocated.includes(n - block.cidr.base)) block.unallocated.push(n - block.cidr.base);
    this.pinned.delete(n);
  }

  allocate(): string | null {
    for (const block of this.blocks) {
      const ordinal = block.unallocated.shift();
      if (ordinal !== undefined) return formatIPv4(block.cidr.base + ordinal);
    }
    const block = this.shared.claim(this.host);
    if (!block) return null;
    this.blocks.push(block);
    return formatIPv4(block.cidr.base + block.unallocated.shift()!);
  }

  exhausted(): string {
    // calico cni-plugin's error when autoAssign returns fewer addresses than asked for.
    return 'failed to request 1 IPv4 addresses. IPAM allocated only 0';
  }

  ranges(): string[] {
    return this.blocks.map((b) => formatCidr(b.cidr));
  }

  nodeAddress(): string | undefined {
    return this.tunnelIP;
  }
}

/** One node's cilium allocator over its CIDR: network and broadcast addresses excluded, random scan. */
class CiliumNodeIpam extends RangeIpam {
  private readonly rand: SeededRandom;
  private readonly routerIP: string | undefined;

  constructor(cidr: Cidr, node: string) {
    super(cidr, 1);
    this.rand = new SeededRandom(`cilium-ipam/${node}`);
    this.routerIP = this.allocate() ?? undefined;
    // The health endpoint (lxc_health) takes the next one.
    this.allocate();
  }

  allocate(): string | null {
    if (this.size <= 0) return null;
    return this.format(this.takeFrom(this.rand.intn(this.size)));
  }

  exhausted(): string {
    return `unable to allocate IPv4 address: range is full (${formatCidr(this.cidr)})`;
  }

  nodeAddress(): string | undefined {
    return this.routerIP;
  }
}
