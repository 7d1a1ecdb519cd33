/**
 * What every CNI's datapath shares: addresses and MACs, the node's root namespace as kind
 * creates it (lo, eth0 on the `kind` docker network), the Pod sandboxes of a node with
 * their netns names, and the kernel's route dump order.
 */
import type { NodeResult, PodResult, SimulationResult } from '../result';
import { compareBy } from '../util/compare';
import { SeededRandom } from '../util/rand';
import type { NetnsView, NetworkInterface, Route } from './types';

/** kind's docker network (`kind network`): nodes' InternalIPs are on it, the gateway is its .1. */
export const DOCKER_NETWORK_PREFIX = 16;
/** docker's default bridge MTU, the node's eth0 MTU. */
export const NODE_MTU = 1500;
export const VETH_FLAGS = ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];

/** The docker network's gateway (the kind host as nodes see it): the .1 of the nodes' network. */
export function dockerGateway(result: SimulationResult): string {
  const ip = result.cluster.nodes[0]?.internalIP ?? '172.18.0.2';
  return numberToIpv4(parseCidr(`${ip}/${DOCKER_NETWORK_PREFIX}`).base + 1);
}

export function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function parseCidr(cidr: string): { base: number; prefix: number } {
  const [ip, len] = cidr.split('/');
  const prefix = len === undefined ? 32 : Number(len);
  const size = 2 ** (32 - prefix);
  return { base: Math.floor(ipv4ToNumber(ip) / size) * size, prefix };
}

/** Whether `ip` is inside `cidr` (`a.b.c.d/len`, or a host address). */
export function cidrHas(cidr: string, ip: string): boolean {
  const { base, prefix } = parseCidr(cidr);
  return Math.floor(ipv4ToNumber(ip) / 2 ** (32 - prefix)) * 2 ** (32 - prefix) === base;
}

/** The n-th address of a CIDR (0: the network address). */
export function addressIn(cidr: string, n: number): string {
  return numberToIpv4(parseCidr(cidr).base + n);
}

/** Broadcast of `ip/prefix` (netlink computes it for IPv4 prefixes shorter than /31). */
export function broadcastOf(ip: string, prefix: number): string | undefined {
  if (prefix >= 31) return undefined;
  const size = 2 ** (32 - prefix);
  return numberToIpv4(Math.floor(ipv4ToNumber(ip) / size) * size + size - 1);
}

/** A random unicast, locally administered MAC, as the kernel gives a veth (eth_random_addr). */
export function randomMac(rand: SeededRandom): string {
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

export function hex(rand: SeededRandom, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++) out += rand.intn(256).toString(16).padStart(2, '0');
  return out;
}

/** The `inet6 fe80::.../64 scope link` address of a link with MAC `mac`. */
export function linkLocal(mac: string): NetworkInterface['addresses'][number] {
  return { family: 'inet6', address: linkLocalFromMac(mac), prefixLength: 64, scope: 'link' };
}

/** A Pod sandbox on a node: its netns, and a generator for whatever else its CNI draws. */
export interface SandboxBase {
  pod: PodResult;
  /** `cni-<16 random bytes as 8-4-4-4-12 hex>` (containerd's netns name). */
  netns: string;
  /** Its position among the node's sandboxes (creation order), from 0. */
  ordinal: number;
  /** Seeded by the Pod's namespace/name; the netns UUID has been drawn from it. */
  rand: SeededRandom;
}

/** The Pods on `nodeName` that have a sandbox netns (scheduled, an IP, not hostNetwork), in creation order. */
export function sandboxBases(result: SimulationResult, nodeName: string): SandboxBase[] {
  const pods = result.pods
    .filter((p) => p.nodeName === nodeName && !p.hostNetwork && p.ip !== null)
    .sort(compareBy<PodResult>((p) => p.createdAt, (p) => ipv4ToNumber(p.ip ?? '0.0.0.0'), (p) => p.namespace, (p) => p.name));
  return pods.map((pod, ordinal) => {
    const rand = new SeededRandom(`datapath/${pod.namespace}/${pod.name}`);
    const uuid = hex(rand, 16);
    return { pod, ordinal, rand, netns: `cni-${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}` };
  });
}

export function loopback(): NetworkInterface {
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

/** The kernel dumps the main table's trie in key order: default first, then by address, shorter prefix first. */
export function sortRoutes(routes: Route[]): Route[] {
  const key = (r: Route) => (r.destination === 'default' ? -1 : ipv4ToNumber(r.destination.split('/')[0]));
  const len = (r: Route) => (r.destination === 'default' ? 0 : Number(r.destination.split('/')[1] ?? 32));
  return routes.sort(compareBy<Route>(key, len));
}

/** A node's root namespace before any CNI: lo, eth0 on kind's docker network, its default and subnet routes. */
export interface NodeBase {
  node: NodeResult;
  /** Position in `result.cluster.nodes`. */
  nodeIndex: number;
  interfaces: NetworkInterface[];
  routes: Route[];
}

export function nodeBase(result: SimulationResult, nodeName: string): NodeBase | null {
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
    mtu: NODE_MTU,
    flags: VETH_FLAGS,
    state: 'UP',
    linkNetnsId: 0,
    addresses: [{ family: 'inet', address: node.internalIP, prefixLength: DOCKER_NETWORK_PREFIX, broadcast: broadcastOf(node.internalIP, DOCKER_NETWORK_PREFIX), scope: 'global' }],
  };
  return {
    node,
    nodeIndex,
    interfaces: [loopback(), eth0],
    routes: [
      { destination: 'default', via: numberToIpv4(dockerBase + 1), dev: 'eth0' },
      { destination: `${numberToIpv4(dockerBase)}/${DOCKER_NETWORK_PREFIX}`, dev: 'eth0', proto: 'kernel', scope: 'link', src: node.internalIP },
    ],
  };
}

/** The node's namespace as `nodeBase` leaves it: no CNI, or one whose settings could not be read. */
export function bareNodeView(base: NodeBase): NetnsView {
  return { interfaces: base.interfaces, routes: sortRoutes(base.routes), netns: [] };
}

/** A Pod's namespace: its links, its routes in dump order, no named netns. */
export function podView(interfaces: NetworkInterface[], routes: Route[]): NetnsView {
  return { interfaces, routes: sortRoutes(routes), netns: [] };
}

/** An overlay device the agent creates on the node (`flannel.1`, `vxlan.calico`, `cilium_vxlan`/`_geneve`); tunnel devices report state UNKNOWN. */
export function tunnelLink(link: { index: number; name: string; kind: 'vxlan' | 'geneve'; mac: string; mtu: number; vxlan: NonNullable<NetworkInterface['vxlan']>; addresses: NetworkInterface['addresses'] }): NetworkInterface {
  return { index: link.index, name: link.name, linkType: 'ether', kind: link.kind, mac: link.mac, mtu: link.mtu, flags: VETH_FLAGS, state: 'UNKNOWN', vxlan: link.vxlan, addresses: link.addresses };
}

/** The Pod's node (when it has a sandbox network: scheduled, an IP, not hostNetwork). */
export function sandboxPod(result: SimulationResult, namespace: string, podName: string): { pod: PodResult; node: NodeResult } | null {
  const pod = result.pods.find((p) => p.namespace === namespace && p.name === podName);
  if (!pod?.nodeName || pod.ip === null || pod.hostNetwork) return null;
  const node = result.cluster.nodes.find((n) => n.name === pod.nodeName);
  return node ? { pod, node } : null;
}

/** Links in ifindex order, as `ip link` lists them. */
export function sortByIndex(interfaces: NetworkInterface[]): void {
  interfaces.sort((a, b) => a.index - b.index);
}
