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
import { addressIn, bareNodeView, linkLocal, loopback, nodeBase, parseCidr, podView, randomMac, sandboxPod, sortByIndex, sortRoutes, tunnelLink, VETH_FLAGS } from './netns';
import type { NamedNetns, NetnsView, Route, TunnelPeer } from './types';
import { hostVeth, inetAddress, podEth0, randomVethSandboxes, sandboxNetns } from './veth';

/** The node's own devices before Pods: lo, eth0, flannel.1 (vxlan), then cni0 once a Pod exists. */
function firstVethIndex(settings: CniSettingsResult): number {
  return settings.tunnel ? 5 : 4;
}

export function buildFlannelNodeNetwork(result: SimulationResult, nodeName: string): NetnsView | null {
  const base = nodeBase(result, nodeName);
  const settings = result.cluster.cniSettings;
  if (!base || !settings) return base && bareNodeView(base);
  const { node, interfaces, routes } = base;
  const netns: NamedNetns[] = [];
  const tunnelPeers: TunnelPeer[] = [];
  const rand = new SeededRandom(`datapath/flannel/${nodeName}`);
  const tunnel = settings.tunnel;
  if (tunnel && node.podCIDR) {
    const mac = randomMac(rand);
    interfaces.push(
      tunnelLink({
        index: 3,
        name: tunnel.device,
        kind: 'vxlan',
        mac,
        mtu: settings.mtu,
        vxlan: { id: tunnel.vni, local: node.internalIP, dev: 'eth0', port: tunnel.port, learning: false },
        addresses: [inetAddress(addressIn(node.podCIDR, 0), 32), linkLocal(mac)],
      }),
    );
  }
  const pods = node.podCIDR ? randomVethSandboxes(result, nodeName, firstVethIndex(settings)) : [];
  if (pods.length > 0 && node.podCIDR) {
    const gateway = addressIn(node.podCIDR, 1);
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
      addresses: [inetAddress(gateway, parseCidr(node.podCIDR).prefix), linkLocal(mac)],
    });
    routes.push({ destination: node.podCIDR, dev: 'cni0', proto: 'kernel', scope: 'link', src: gateway });
    for (const s of pods) {
      interfaces.push(hostVeth({ index: s.hostIndex, name: s.hostVeth, peerIndex: 2, master: 'cni0', mac: s.hostMac, mtu: settings.mtu, netns: s.netns, addresses: [linkLocal(s.hostMac)] }));
      netns.push(sandboxNetns(s));
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
  const s = randomVethSandboxes(result, node.name, firstVethIndex(settings)).find((x) => x.pod === pod);
  if (!s || pod.ip === null) return null;
  const gateway = addressIn(node.podCIDR, 1);
  const eth0 = podEth0({ index: 2, peerIndex: s.hostIndex, mac: s.podMac, mtu: settings.mtu, ip: pod.ip, prefix: parseCidr(node.podCIDR).prefix });
  const routes: Route[] = [
    { destination: 'default', via: gateway, dev: 'eth0' },
    { destination: settings.podNetwork, via: gateway, dev: 'eth0' },
    { destination: node.podCIDR, dev: 'eth0', proto: 'kernel', scope: 'link', src: pod.ip },
  ];
  return podView([loopback(), eth0], routes);
}
