/**
 * flannel's datapath. kube-flannel.yml's cni-conf.json is the `flannel` CNI plugin, which
 * delegates to `bridge` (containernetworking/plugins plugins/main/bridge) with
 * `isGateway: true`, `hairpinMode: true`, host-local IPAM over the node's subnet
 * (/run/flannel/subnet.env: FLANNEL_SUBNET = podCIDR's .1, FLANNEL_MTU) and one route to
 * flannel's Network (flannel-io/cni-plugin flannel_linux.go). So, for every Pod sandbox:
 * - the bridge `cni0` on the node, created with the first Pod, holding the gateway
 *   (podCIDR .1/24) — hence the kernel's `<podCIDR> dev cni0 proto kernel scope link`;
 * - a veth pair: `eth0` (index 2) in the Pod, `veth<8 hex>` (ip.RandomVethName) on the
 *   node, a port of cni0 (`master cni0`) without an IPv4 address;
 * - in the Pod: IP/24, `default via GW`, `<Network> via GW`, and the kernel's subnet route.
 * flanneld (pkg/backend/vxlan) creates `flannel.<VNI>` (VNI 1, UDP 8472 — the kernel's
 * default when Port is 0 —, nolearning, MTU = eth0's - 50) holding the podCIDR's .0/32,
 * and for every other node a route `<podCIDR> via <podCIDR .0> dev flannel.1 onlink` plus
 * ARP/FDB entries sending that next hop to the node's InternalIP. With `host-gw` it routes
 * `<podCIDR> via <InternalIP> dev eth0` instead.
 */
import type { CniSettingsResult, SimulationResult } from '../result';
import { SeededRandom } from '../util/rand';
import { addressIn, broadcastOf, hex, linkLocal, loopback, nodeBase, parseCidr, randomMac, sandboxBases, sandboxPod, sortByIndex, sortRoutes, VETH_FLAGS, type SandboxBase } from './netns';
import type { NamedNetns, NetnsView, NetworkInterface, Route, TunnelPeer } from './types';

interface Sandbox extends SandboxBase {
  nsid: number;
  hostVeth: string;
  hostIndex: number;
  hostMac: string;
  podMac: string;
}

/** The node's own devices before Pods: lo, eth0, flannel.1 (vxlan), then cni0 once a Pod exists. */
function firstVethIndex(settings: CniSettingsResult): number {
  return settings.tunnel ? 5 : 4;
}

function sandboxes(result: SimulationResult, nodeName: string, settings: CniSettingsResult): Sandbox[] {
  const first = firstVethIndex(settings);
  return sandboxBases(result, nodeName).map((b) => ({
    ...b,
    nsid: b.ordinal + 1,
    hostVeth: `veth${hex(b.rand, 4)}`,
    hostIndex: first + b.ordinal,
    hostMac: randomMac(b.rand),
    podMac: randomMac(b.rand),
  }));
}

export function buildFlannelNodeNetwork(result: SimulationResult, nodeName: string): NetnsView | null {
  const base = nodeBase(result, nodeName);
  const settings = result.cluster.cniSettings;
  if (!base || !settings) return base && { interfaces: base.interfaces, routes: sortRoutes(base.routes), netns: [] };
  const { node, interfaces, routes } = base;
  const netns: NamedNetns[] = [];
  const tunnelPeers: TunnelPeer[] = [];
  const rand = new SeededRandom(`datapath/flannel/${nodeName}`);
  const tunnel = settings.tunnel;
  if (tunnel && node.podCIDR) {
    const mac = randomMac(rand);
    interfaces.push({
      index: 3,
      name: tunnel.device,
      linkType: 'ether',
      kind: 'vxlan',
      mac,
      mtu: settings.mtu,
      flags: VETH_FLAGS,
      state: 'UNKNOWN',
      vxlan: { id: tunnel.vni, local: node.internalIP, dev: 'eth0', port: tunnel.port, learning: false },
      addresses: [{ family: 'inet', address: addressIn(node.podCIDR, 0), prefixLength: 32, scope: 'global' }, linkLocal(mac)],
    });
  }
  const pods = node.podCIDR ? sandboxes(result, nodeName, settings) : [];
  if (pods.length > 0 && node.podCIDR) {
    const gateway = addressIn(node.podCIDR, 1);
    const { prefix } = parseCidr(node.podCIDR);
    const mac = randomMac(rand);
    interfaces.push({
      index: firstVethIndex(settings) - 1,
      name: 'cni0',
      linkType: 'ether',
      kind: 'bridge',
      mac,
      mtu: settings.mtu,
      flags: VETH_FLAGS,
      state: 'UP',
      addresses: [{ family: 'inet', address: gateway, prefixLength: prefix, broadcast: broadcastOf(gateway, prefix), scope: 'global' }, linkLocal(mac)],
    });
    routes.push({ destination: node.podCIDR, dev: 'cni0', proto: 'kernel', scope: 'link', src: gateway });
    for (const s of pods) {
      interfaces.push({
        index: s.hostIndex,
        name: s.hostVeth,
        peerIndex: 2,
        linkType: 'ether',
        kind: 'veth',
        master: 'cni0',
        mac: s.hostMac,
        mtu: settings.mtu,
        flags: VETH_FLAGS,
        state: 'UP',
        linkNetns: s.netns,
        addresses: [linkLocal(s.hostMac)],
      });
      netns.push({ name: s.netns, id: s.nsid, podNamespace: s.pod.namespace, podName: s.pod.name, podIP: s.pod.ip ?? '' });
    }
  }
  for (const other of result.cluster.nodes) {
    if (other.name === nodeName || !other.podCIDR) continue;
    if (tunnel) {
      const vtep = addressIn(other.podCIDR, 0);
      routes.push({ destination: other.podCIDR, via: vtep, dev: tunnel.device, onlink: true });
      tunnelPeers.push({ dev: tunnel.device, match: vtep, remote: other.internalIP, node: other.name });
    } else routes.push({ destination: other.podCIDR, via: other.internalIP, dev: 'eth0' });
  }
  sortByIndex(interfaces);
  return { interfaces, routes: sortRoutes(routes), netns, ...(tunnel ? { tunnelPeers } : {}) };
}

export function buildFlannelPodNetwork(result: SimulationResult, namespace: string, podName: string): NetnsView | null {
  const found = sandboxPod(result, namespace, podName);
  const settings = result.cluster.cniSettings;
  if (!found?.node.podCIDR || !settings) return null;
  const { pod, node } = found;
  const s = sandboxes(result, node.name, settings).find((x) => x.pod === pod);
  if (!s || pod.ip === null) return null;
  const { prefix } = parseCidr(node.podCIDR);
  const gateway = addressIn(node.podCIDR, 1);
  const eth0: NetworkInterface = {
    index: 2,
    name: 'eth0',
    peerIndex: s.hostIndex,
    linkType: 'ether',
    kind: 'veth',
    mac: s.podMac,
    mtu: settings.mtu,
    flags: VETH_FLAGS,
    state: 'UP',
    linkNetnsId: 0,
    addresses: [{ family: 'inet', address: pod.ip, prefixLength: prefix, broadcast: broadcastOf(pod.ip, prefix), scope: 'global' }, linkLocal(s.podMac)],
  };
  const routes: Route[] = [
    { destination: 'default', via: gateway, dev: 'eth0' },
    { destination: settings.podNetwork, via: gateway, dev: 'eth0' },
    { destination: node.podCIDR, dev: 'eth0', proto: 'kernel', scope: 'link', src: pod.ip },
  ];
  return { interfaces: [loopback(), eth0], routes: sortRoutes(routes), netns: [] };
}
