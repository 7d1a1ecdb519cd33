/**
 * Cilium's datapath (cilium/cilium pkg/datapath/linux, plugins/cilium-cni, pkg/endpoint/connector):
 * - the agent creates the veth pair `cilium_host` / `cilium_net` (the peer registered
 *   first: cilium_net 3, cilium_host 4, each printed `@` the other) and, in tunnel mode,
 *   `cilium_vxlan` (or `cilium_geneve`): a collect-metadata ("external") device on UDP
 *   8472 (6081), VNI chosen per packet; cilium_host holds the node's router IP/32;
 * - the health endpoint's pair `lxc_health`, its peer in cilium-health's netns;
 * - for each Pod the cni plugin creates the pair in the node's namespace (a temporary
 *   peer, registered first, then `lxc` + the first 12 hex digits of SHA-256(container ID),
 *   `Endpoint2IfName`) and moves the peer into the Pod as eth0, which keeps its index:
 *   the Pod sees `eth0@if<k+1>` at index k, the node `lxc...@if<k>` at k+1;
 * - the Pod's eth0 holds IP/32 with `default via <router IP> dev eth0 mtu <tunnel MTU>`
 *   and `<router IP> dev eth0 scope link`;
 * - the node routes its own Pod CIDR and, in tunnel mode, every other node's through
 *   cilium_host (`proto kernel src <router IP>`, the remote ones with the tunnel MTU); BPF
 *   then delivers to the lxc device or encapsulates to the node owning the CIDR. Native
 *   routing with auto-direct-node-routes routes other nodes' CIDRs via their InternalIP.
 */
import { createHash } from 'crypto';
import type { CniSettingsResult, SimulationResult } from '../result';
import { SeededRandom } from '../util/rand';
import { bareNodeView, hex, linkLocal, loopback, nodeBase, podView, randomMac, sandboxBases, sandboxPod, sortByIndex, sortRoutes, tunnelLink, VETH_FLAGS, type SandboxBase } from './netns';
import type { NamedNetns, NetnsView, Route, TunnelPeer } from './types';
import { hostVeth, inetAddress, podEth0, sandboxNetns } from './veth';

const HOST_FLAGS = ['BROADCAST', 'MULTICAST', 'NOARP', 'UP', 'LOWER_UP'];
/** Outer IPv4 + UDP + VXLAN/Geneve + inner Ethernet headers. */
const TUNNEL_OVERHEAD = 50;

/** cilium `Endpoint2IfName`: `lxc` + SHA-256(endpoint's container ID) hex, cut to 15 characters. */
export function ciliumVethName(containerID: string): string {
  return `lxc${createHash('sha256').update(containerID).digest('hex').slice(0, 12)}`;
}

interface Sandbox extends SandboxBase {
  nsid: number;
  hostVeth: string;
  /** The Pod's eth0 index (the temporary peer's in the node's namespace); the lxc device is one more. */
  podIndex: number;
  hostMac: string;
  podMac: string;
}

/** The first index after the agent's devices: lo, eth0, cilium_net, cilium_host, [cilium_vxlan]. */
function healthIndex(settings: CniSettingsResult): number {
  return settings.tunnel ? 6 : 5;
}

function sandboxes(result: SimulationResult, nodeName: string, settings: CniSettingsResult): Sandbox[] {
  const first = healthIndex(settings) + 2;
  return sandboxBases(result, nodeName).map((b) => ({
    ...b,
    // nsid 1 is cilium-health's namespace, met first.
    nsid: b.ordinal + 2,
    hostVeth: ciliumVethName(hex(b.rand, 32)),
    podIndex: first + 2 * b.ordinal,
    hostMac: randomMac(b.rand),
    podMac: randomMac(b.rand),
  }));
}

/** The MTU cilium puts on routes through the tunnel (the device MTU minus the encapsulation). */
function routeMtu(settings: CniSettingsResult): number | undefined {
  return settings.tunnel ? settings.mtu - TUNNEL_OVERHEAD : undefined;
}

export function buildCiliumNodeNetwork(result: SimulationResult, nodeName: string): NetnsView | null {
  const base = nodeBase(result, nodeName);
  const settings = result.cluster.cniSettings;
  if (!base || !settings) return base && bareNodeView(base);
  const { node, interfaces, routes } = base;
  const router = node.cni?.nodeIP;
  const rand = new SeededRandom(`datapath/cilium/${nodeName}`);
  const netMac = randomMac(rand);
  const hostMac = randomMac(rand);
  interfaces.push(
    { index: 3, name: 'cilium_net', peerName: 'cilium_host', linkType: 'ether', kind: 'veth', mac: netMac, mtu: settings.mtu, flags: HOST_FLAGS, state: 'UP', addresses: [linkLocal(netMac)] },
    {
      index: 4,
      name: 'cilium_host',
      peerName: 'cilium_net',
      linkType: 'ether',
      kind: 'veth',
      mac: hostMac,
      mtu: settings.mtu,
      flags: HOST_FLAGS,
      state: 'UP',
      addresses: [...(router ? [inetAddress(router, 32)] : []), linkLocal(hostMac)],
    },
  );
  if (settings.tunnel) {
    const mac = randomMac(rand);
    const kind = settings.backend === 'geneve' ? 'geneve' : 'vxlan';
    interfaces.push(tunnelLink({ index: 5, name: settings.tunnel.device, kind, mac, mtu: settings.mtu, vxlan: { port: settings.tunnel.port, learning: false, external: true }, addresses: [linkLocal(mac)] }));
  }
  const healthMac = randomMac(rand);
  const h = healthIndex(settings);
  interfaces.push({ index: h + 1, name: 'lxc_health', peerIndex: h, linkType: 'ether', kind: 'veth', mac: healthMac, mtu: settings.mtu, flags: VETH_FLAGS, state: 'UP', linkNetnsId: 1, addresses: [linkLocal(healthMac)] });
  const netns: NamedNetns[] = [];
  for (const s of sandboxes(result, nodeName, settings)) {
    interfaces.push(hostVeth({ index: s.podIndex + 1, name: s.hostVeth, peerIndex: s.podIndex, mac: s.hostMac, mtu: settings.mtu, netns: s.netns, addresses: [linkLocal(s.hostMac)] }));
    netns.push(sandboxNetns(s));
  }
  const tunnelPeers: TunnelPeer[] = [];
  if (router) {
    for (const cidr of node.cni?.podCIDRs ?? []) routes.push({ destination: cidr, via: router, dev: 'cilium_host', proto: 'kernel', src: router });
    routes.push({ destination: router, dev: 'cilium_host', proto: 'kernel', scope: 'link' });
    const mtu = routeMtu(settings);
    for (const other of result.cluster.nodes) {
      if (other.name === nodeName) continue;
      for (const cidr of other.cni?.podCIDRs ?? []) {
        if (settings.tunnel) {
          routes.push({ destination: cidr, via: router, dev: 'cilium_host', proto: 'kernel', src: router, ...(mtu ? { mtu } : {}) });
          tunnelPeers.push({ dev: settings.tunnel.device, match: cidr, remote: other.internalIP, node: other.name });
        } else if (settings.autoDirectNodeRoutes) routes.push({ destination: cidr, via: other.internalIP, dev: 'eth0', proto: 'kernel' });
      }
    }
  }
  sortByIndex(interfaces);
  return { interfaces, routes: sortRoutes(routes), netns, ...(settings.tunnel ? { tunnelPeers } : {}) };
}

export function buildCiliumPodNetwork(result: SimulationResult, namespace: string, podName: string): NetnsView | null {
  const found = sandboxPod(result, namespace, podName);
  const settings = result.cluster.cniSettings;
  const router = found?.node.cni?.nodeIP;
  if (!found || !settings || !router) return null;
  const { pod, node } = found;
  const s = sandboxes(result, node.name, settings).find((x) => x.pod === pod);
  if (!s || pod.ip === null) return null;
  const eth0 = podEth0({ index: s.podIndex, peerIndex: s.podIndex + 1, mac: s.podMac, mtu: settings.mtu, ip: pod.ip, prefix: 32 });
  const mtu = routeMtu(settings);
  const routes: Route[] = [
    { destination: 'default', via: router, dev: 'eth0', ...(mtu ? { mtu } : {}) },
    { destination: router, dev: 'eth0', scope: 'link' },
  ];
  return podView([loopback(), eth0], routes);
}
