/**
 * The network namespaces kind's default CNI, kindnet, leaves on a node. kindnetd writes
 * /etc/cni/net.d/10-kindnet.conflist: the `ptp` plugin with `host-local` IPAM over the
 * node's podCIDR, route `0.0.0.0/0`, mtu 1500 (kubernetes-sigs/kind images/kindnetd). For
 * every Pod sandbox (containernetworking/plugins plugins/main/ptp):
 * - containerd creates the netns `cni-<16 random bytes as 8-4-4-4-12 hex>`;
 * - ptp creates a veth pair inside it: `eth0` there (index 2, after lo), the peer
 *   `veth<8 hex>` (ip.RandomVethName) moved to the node;
 * - the Pod's eth0 gets its IP with the range's mask (/24) and the routes
 *   `default via GW`, `<podCIDR> via GW src IP`, `GW scope link src IP`, GW being the
 *   range's first address (host-local's default gateway);
 * - the node-side veth gets GW/32 and the node a host route `<IP> dev veth... scope host`.
 * kindnetd routes every other node's podCIDR via that node's InternalIP.
 *
 * Random values (veth name, MACs, netns UUID) are drawn from a generator seeded by the
 * Pod's namespace/name; ifindexes follow the order Pods were created on the node.
 */
import type { PodResult, SimulationResult } from '../result';
import { compareBy } from '../util/compare';
import { SeededRandom } from '../util/rand';
import type { NamedNetns, NetnsView, NetworkInterface, Route } from './types';

/** kind's docker network (`kind network`): nodes' InternalIPs are on it, the gateway is its .1. */
const DOCKER_NETWORK_PREFIX = 16;
/** kindnet's conflist `mtu`, and docker's default bridge MTU for the node's eth0. */
const MTU = 1500;
const VETH_FLAGS = ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];

/** One Pod sandbox on a node, with everything random about it drawn. */
interface Sandbox {
  pod: PodResult;
  netns: string;
  /** nsid in the node's namespace: 0 is docker's host namespace (peer of the node's eth0). */
  nsid: number;
  hostVeth: string;
  hostIndex: number;
  hostMac: string;
  podMac: string;
}

export function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

function parseCidr(cidr: string): { base: number; prefix: number } {
  const [ip, len] = cidr.split('/');
  const prefix = Number(len);
  const size = 2 ** (32 - prefix);
  return { base: Math.floor(ipv4ToNumber(ip) / size) * size, prefix };
}

/** Broadcast of `ip/prefix` (netlink computes it for IPv4 prefixes shorter than /31). */
function broadcastOf(ip: string, prefix: number): string | undefined {
  if (prefix >= 31) return undefined;
  const size = 2 ** (32 - prefix);
  return numberToIpv4(Math.floor(ipv4ToNumber(ip) / size) * size + size - 1);
}

/** A random unicast, locally administered MAC, as the kernel gives a veth (eth_random_addr). */
function randomMac(rand: SeededRandom): string {
  const bytes = Array.from({ length: 6 }, () => rand.intn(256));
  bytes[0] = (bytes[0] & 0xfe) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** The IPv6 link-local address the kernel derives from a MAC (EUI-64, RFC 4291 appendix A). */
export function linkLocalFromMac(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16));
  const eui = [b[0] ^ 0x02, b[1], b[2], 0xff, 0xfe, b[3], b[4], b[5]];
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2) groups.push(((eui[i] << 8) | eui[i + 1]).toString(16));
  return `fe80::${groups.join(':')}`;
}

function hex(rand: SeededRandom, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++) out += rand.intn(256).toString(16).padStart(2, '0');
  return out;
}

/** The Pods on `nodeName` that have a sandbox netns (scheduled, an IP, not hostNetwork), in creation order. */
function sandboxes(result: SimulationResult, nodeName: string): Sandbox[] {
  const pods = result.pods
    .filter((p) => p.nodeName === nodeName && !p.hostNetwork && p.ip !== null)
    .sort(compareBy<PodResult>((p) => p.createdAt, (p) => ipv4ToNumber(p.ip ?? '0.0.0.0'), (p) => p.namespace, (p) => p.name));
  return pods.map((pod, i) => {
    const rand = new SeededRandom(`datapath/${pod.namespace}/${pod.name}`);
    const uuid = hex(rand, 16);
    return {
      pod,
      netns: `cni-${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}`,
      nsid: i + 1,
      hostVeth: `veth${hex(rand, 4)}`,
      // The peer is index 3 in the Pod's netns and keeps it in the node's when free;
      // we number the node's veths 3, 4, ... in creation order (no Pod ever deleted).
      hostIndex: i + 3,
      hostMac: randomMac(rand),
      podMac: randomMac(rand),
    };
  });
}

function gatewayOf(podCIDR: string): string {
  return numberToIpv4(parseCidr(podCIDR).base + 1);
}

function loopback(): NetworkInterface {
  return {
    index: 1,
    name: 'lo',
    linkType: 'loopback',
    mac: '00:00:00:00:00:00',
    mtu: 65536,
    flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
    state: 'UNKNOWN',
    qlen: 1000,
    addresses: [
      { family: 'inet', address: '127.0.0.1', prefixLength: 8, scope: 'host' },
      { family: 'inet6', address: '::1', prefixLength: 128, scope: 'host' },
    ],
  };
}

function sortRoutes(routes: Route[]): Route[] {
  // The kernel dumps the main table's trie in key order: default first, then by address.
  const key = (r: Route) => (r.destination === 'default' ? -1 : ipv4ToNumber(r.destination.split('/')[0]));
  const len = (r: Route) => (r.destination === 'default' ? 0 : Number(r.destination.split('/')[1] ?? 32));
  return routes.sort(compareBy<Route>(key, len));
}

/**
 * The node's root network namespace: lo, eth0 on kind's docker network (InternalIP/16,
 * default via the network's .1), one `veth<8 hex>@if2` per Pod sandbox (with the
 * podCIDR's gateway/32), host routes to local Pods and kindnet's routes to other nodes'
 * podCIDRs. Null when there is no such node.
 */
export function buildNodeNetwork(result: SimulationResult, nodeName: string): NetnsView | null {
  const nodeIndex = result.cluster.nodes.findIndex((n) => n.name === nodeName);
  if (nodeIndex < 0) return null;
  const node = result.cluster.nodes[nodeIndex];
  const dockerBase = parseCidr(`${node.internalIP}/${DOCKER_NETWORK_PREFIX}`).base;
  const ipBytes = node.internalIP.split('.').map((p) => Number(p).toString(16).padStart(2, '0'));
  const eth0: NetworkInterface = {
    index: 2,
    name: 'eth0',
    // docker's host-side end of the node's veth; its index on the docker host is not
    // observable from the cluster: a stable stand-in, two ifindexes per node created.
    peerIndex: 2 * nodeIndex + 6,
    linkType: 'ether',
    // Docker (before v26) derives a container's MAC from its IPv4 address: 02:42:<ip>.
    mac: `02:42:${ipBytes.join(':')}`,
    mtu: MTU,
    flags: VETH_FLAGS,
    state: 'UP',
    linkNetnsId: 0,
    addresses: [
      { family: 'inet', address: node.internalIP, prefixLength: DOCKER_NETWORK_PREFIX, broadcast: broadcastOf(node.internalIP, DOCKER_NETWORK_PREFIX), scope: 'global' },
    ],
  };
  const interfaces: NetworkInterface[] = [loopback(), eth0];
  const routes: Route[] = [
    { destination: 'default', via: numberToIpv4(dockerBase + 1), dev: 'eth0' },
    { destination: `${numberToIpv4(dockerBase)}/${DOCKER_NETWORK_PREFIX}`, dev: 'eth0', proto: 'kernel', scope: 'link', src: node.internalIP },
  ];
  const netns: NamedNetns[] = [];
  const cni = result.cluster.cni === 'kindnet';
  if (cni && node.podCIDR) {
    const gateway = gatewayOf(node.podCIDR);
    for (const s of sandboxes(result, nodeName)) {
      interfaces.push({
        index: s.hostIndex,
        name: s.hostVeth,
        peerIndex: 2,
        linkType: 'ether',
        mac: s.hostMac,
        mtu: MTU,
        flags: VETH_FLAGS,
        state: 'UP',
        linkNetns: s.netns,
        addresses: [
          { family: 'inet', address: gateway, prefixLength: 32, scope: 'global' },
          { family: 'inet6', address: linkLocalFromMac(s.hostMac), prefixLength: 64, scope: 'link' },
        ],
      });
      routes.push({ destination: s.pod.ip ?? '', dev: s.hostVeth, scope: 'host' });
      netns.push({ name: s.netns, id: s.nsid, podNamespace: s.pod.namespace, podName: s.pod.name });
    }
    for (const other of result.cluster.nodes) {
      if (other.name !== nodeName && other.podCIDR) routes.push({ destination: other.podCIDR, via: other.internalIP, dev: 'eth0' });
    }
  }
  return { interfaces, routes: sortRoutes(routes), netns };
}

/**
 * What `ip` shows inside a Pod: hostNetwork Pods see their node's namespace; others see
 * lo and `eth0@if<node-side veth index>` with the Pod IP/24 and ptp's three routes. Null
 * when the Pod has no sandbox network yet (unscheduled, no IP) or the cluster has no CNI.
 */
export function buildPodNetwork(result: SimulationResult, namespace: string, podName: string): NetnsView | null {
  const pod = result.pods.find((p) => p.namespace === namespace && p.name === podName);
  if (!pod?.nodeName || pod.ip === null) return null;
  if (pod.hostNetwork) return buildNodeNetwork(result, pod.nodeName);
  const node = result.cluster.nodes.find((n) => n.name === pod.nodeName);
  if (!node?.podCIDR || result.cluster.cni !== 'kindnet') return null;
  const s = sandboxes(result, node.name).find((x) => x.pod === pod);
  if (!s) return null;
  const { prefix } = parseCidr(node.podCIDR);
  const gateway = gatewayOf(node.podCIDR);
  const eth0: NetworkInterface = {
    index: 2,
    name: 'eth0',
    peerIndex: s.hostIndex,
    linkType: 'ether',
    mac: s.podMac,
    mtu: MTU,
    flags: VETH_FLAGS,
    state: 'UP',
    // The node's namespace is the first peer this netns met: nsid 0, and it has no name here.
    linkNetnsId: 0,
    addresses: [
      { family: 'inet', address: pod.ip, prefixLength: prefix, broadcast: broadcastOf(pod.ip, prefix), scope: 'global' },
      { family: 'inet6', address: linkLocalFromMac(s.podMac), prefixLength: 64, scope: 'link' },
    ],
  };
  const routes: Route[] = [
    { destination: 'default', via: gateway, dev: 'eth0' },
    { destination: node.podCIDR, via: gateway, dev: 'eth0', src: pod.ip },
    { destination: gateway, dev: 'eth0', scope: 'link', src: pod.ip },
  ];
  return { interfaces: [loopback(), eth0], routes: sortRoutes(routes), netns: [] };
}
