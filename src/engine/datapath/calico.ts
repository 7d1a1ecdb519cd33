/**
 * Calico's datapath (projectcalico/calico cni-plugin dataplane/linux, felix, confd/BIRD):
 * - the host-side veth is `cali` + the first 11 hex digits of SHA-1("<namespace>.<pod>")
 *   (libcalico-go `VethNameForWorkload`), MAC ee:ee:ee:ee:ee:ee (felix answers ARP for
 *   everything behind it with proxy-ARP), no IPv4 address;
 * - the cni-plugin creates the veth pair inside the Pod's netns and moves the host end
 *   out: the kernel registers the peer first, so eth0 is the next index after it (3; 4
 *   when the `ipip` module's fallback `tunl0@NONE`, down, already holds 2);
 * - the Pod's eth0 holds IP/32; its routes are `default via 169.254.1.1 dev eth0` and
 *   `169.254.1.1 dev eth0 scope link` (the link-local gateway felix proxy-ARPs for);
 * - felix routes each local Pod `<IP> dev cali... scope link`;
 * - BIRD (`proto bird`) blackholes the node's own blocks and routes other nodes' blocks:
 *   `via <node> dev tunl0 onlink` (IPIP Always), `via <node> dev eth0` (CrossSubnet within
 *   a subnet — all of kind's nodes share one —, or no encapsulation);
 * - with VXLAN felix owns the routes instead: `vxlan.calico` (VNI 4096, UDP 4789) holding
 *   the node's tunnel address, `<block> via <remote tunnel address> dev vxlan.calico
 *   onlink` and the local blocks' blackholes, with felix's route protocol 80;
 * - the tunnel address (tunl0's or vxlan.calico's /32) is the first address of the node's
 *   first block; MTU = eth0's minus the encapsulation (1480 IPIP, 1450 VXLAN).
 */
import { createHash } from 'crypto';
import type { CniSettingsResult, SimulationResult } from '../result';
import { SeededRandom } from '../util/rand';
import { bareNodeView, cidrHas, ipv4ToNumber, linkLocal, numberToIpv4, loopback, nodeBase, podView, randomMac, sandboxBases, sandboxPod, sortByIndex, sortRoutes, tunnelLink, type SandboxBase } from './netns';
import type { NamedNetns, NetnsView, NetworkInterface, Route, TunnelPeer } from './types';
import { hostVeth, inetAddress, podEth0, sandboxNetns } from './veth';

/** felix's host-side veth MAC (it needs none of its own: it proxy-ARPs). */
const CALI_MAC = 'ee:ee:ee:ee:ee:ee';
/** The link-local next hop every calico Pod routes through. */
export const CALICO_GATEWAY = '169.254.1.1';
/** felix's vxlan manager's route protocol (its default, 80; `ip route` prints `proto 80`). */
const FELIX_PROTO = '80';

/** libcalico-go `VethNameForWorkload`: `cali` + SHA-1("<namespace>.<pod>") hex, 15 characters in all. */
export function calicoVethName(namespace: string, pod: string): string {
  return `cali${createHash('sha1').update(`${namespace}.${pod}`).digest('hex').slice(0, 11)}`;
}

interface Sandbox extends SandboxBase {
  nsid: number;
  hostVeth: string;
  hostIndex: number;
  podMac: string;
}

/** The node's own devices: lo, eth0, then tunl0 or vxlan.calico. */
function firstVethIndex(settings: CniSettingsResult): number {
  return settings.backend === 'ipip' || settings.backend === 'vxlan' ? 4 : 3;
}

function sandboxes(result: SimulationResult, nodeName: string, settings: CniSettingsResult): Sandbox[] {
  const first = firstVethIndex(settings);
  return sandboxBases(result, nodeName).map((b) => ({
    ...b,
    nsid: b.ordinal + 1,
    hostVeth: calicoVethName(b.pod.namespace, b.pod.name),
    hostIndex: first + b.ordinal,
    podMac: randomMac(b.rand),
  }));
}

/** The Pod's eth0 index: after the peer the kernel registered first (and after tunl0 when IPIP is loaded). */
function podEth0Index(settings: CniSettingsResult): number {
  return settings.backend === 'ipip' ? 4 : 3;
}

/**
 * Every node's blocks: those its IPAM holds, plus (Pods pinned to addresses, a replayed
 * dump) the blocks its Pods' addresses fall in. One pass over the Pods.
 */
function blocksByNode(result: SimulationResult, settings: CniSettingsResult): Map<string, string[]> {
  const out = new Map<string, Set<string>>(result.cluster.nodes.map((n) => [n.name, new Set(n.cni?.podCIDRs ?? [])]));
  const size = 2 ** (32 - settings.nodeMaskSize);
  for (const p of result.pods) {
    const blocks = p.nodeName ? out.get(p.nodeName) : undefined;
    if (!blocks || p.hostNetwork || p.ip === null || !cidrHas(settings.podNetwork, p.ip)) continue;
    blocks.add(`${numberToIpv4(Math.floor(ipv4ToNumber(p.ip) / size) * size)}/${settings.nodeMaskSize}`);
  }
  return new Map([...out].map(([node, blocks]) => [node, [...blocks]]));
}

export function buildCalicoNodeNetwork(result: SimulationResult, nodeName: string): NetnsView | null {
  const base = nodeBase(result, nodeName);
  const settings = result.cluster.cniSettings;
  if (!base || !settings) return base && bareNodeView(base);
  const { node, interfaces, routes } = base;
  const netns: NamedNetns[] = [];
  const tunnelPeers: TunnelPeer[] = [];
  const rand = new SeededRandom(`datapath/calico/${nodeName}`);
  const tunnelIP = node.cni?.nodeIP;
  if (settings.backend === 'ipip') {
    interfaces.push({
      index: 3,
      name: 'tunl0',
      peerName: 'NONE',
      linkType: 'ipip',
      kind: 'ipip',
      mac: '0.0.0.0',
      mtu: settings.mtu,
      flags: ['NOARP', 'UP', 'LOWER_UP'],
      state: 'UNKNOWN',
      qlen: 1000,
      addresses: tunnelIP ? [inetAddress(tunnelIP, 32)] : [],
    });
  } else if (settings.backend === 'vxlan' && settings.tunnel) {
    const mac = randomMac(rand);
    interfaces.push(
      tunnelLink({
        index: 3,
        name: settings.tunnel.device,
        kind: 'vxlan',
        mac,
        mtu: settings.mtu,
        vxlan: { id: settings.tunnel.vni, local: node.internalIP, dev: 'eth0', port: settings.tunnel.port, learning: false },
        addresses: [...(tunnelIP ? [inetAddress(tunnelIP, 32)] : []), linkLocal(mac)],
      }),
    );
  }
  const vxlan = settings.backend === 'vxlan';
  const blocks = blocksByNode(result, settings);
  for (const block of blocks.get(nodeName) ?? []) routes.push({ type: 'blackhole', destination: block, dev: '', proto: vxlan ? FELIX_PROTO : 'bird' });
  for (const s of sandboxes(result, nodeName, settings)) {
    interfaces.push(hostVeth({ index: s.hostIndex, name: s.hostVeth, peerIndex: podEth0Index(settings), mac: CALI_MAC, mtu: settings.mtu, netns: s.netns, addresses: [linkLocal(CALI_MAC)] }));
    routes.push({ destination: s.pod.ip ?? '', dev: s.hostVeth, scope: 'link' });
    netns.push(sandboxNetns(s));
  }
  for (const other of result.cluster.nodes) {
    if (other.name === nodeName) continue;
    for (const block of blocks.get(other.name) ?? []) {
      if (settings.backend === 'ipip' && !settings.crossSubnet) {
        routes.push({ destination: block, via: other.internalIP, dev: 'tunl0', proto: 'bird', onlink: true });
        tunnelPeers.push({ dev: 'tunl0', match: other.internalIP, remote: other.internalIP, node: other.name });
      } else if (vxlan && !settings.crossSubnet && other.cni?.nodeIP && settings.tunnel) {
        routes.push({ destination: block, via: other.cni.nodeIP, dev: settings.tunnel.device, proto: FELIX_PROTO, onlink: true });
        tunnelPeers.push({ dev: settings.tunnel.device, match: other.cni.nodeIP, remote: other.internalIP, node: other.name });
      } else routes.push({ destination: block, via: other.internalIP, dev: 'eth0', proto: vxlan ? FELIX_PROTO : 'bird' });
    }
  }
  sortByIndex(interfaces);
  const peers = [...new Map(tunnelPeers.map((p) => [`${p.dev}/${p.match}`, p])).values()];
  return { interfaces, routes: sortRoutes(routes), netns, ...(peers.length > 0 ? { tunnelPeers: peers } : {}) };
}

export function buildCalicoPodNetwork(result: SimulationResult, namespace: string, podName: string): NetnsView | null {
  const found = sandboxPod(result, namespace, podName);
  const settings = result.cluster.cniSettings;
  if (!found || !settings) return null;
  const { pod, node } = found;
  const s = sandboxes(result, node.name, settings).find((x) => x.pod === pod);
  if (!s || pod.ip === null) return null;
  const interfaces: NetworkInterface[] = [loopback()];
  if (settings.backend === 'ipip') {
    // Every new netns gets the ipip module's fallback device, down.
    interfaces.push({ index: 2, name: 'tunl0', peerName: 'NONE', linkType: 'ipip', kind: 'ipip', mac: '0.0.0.0', mtu: 1480, flags: ['NOARP'], state: 'DOWN', qdisc: 'noop', qlen: 1000, addresses: [] });
  }
  interfaces.push(podEth0({ index: podEth0Index(settings), peerIndex: s.hostIndex, mac: s.podMac, mtu: settings.mtu, ip: pod.ip, prefix: 32 }));
  const routes: Route[] = [
    { destination: 'default', via: CALICO_GATEWAY, dev: 'eth0' },
    { destination: CALICO_GATEWAY, dev: 'eth0', scope: 'link' },
  ];
  return podView(interfaces, routes);
}
