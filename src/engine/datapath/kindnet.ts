/**
 * The network namespaces kind's default CNI, kindnet, leaves on a node. kindnetd writes
 * /etc/cni/net.d/10-kindnet.conflist: the `ptp` plugin with `host-local` IPAM over the
 * node's podCIDR, route `0.0.0.0/0`, mtu 1500 (kubernetes-sigs/kind images/kindnetd). For
 * every Pod sandbox (containernetworking/plugins plugins/main/ptp):
 * - containerd creates the netns `cni-<16 random bytes as 8-4-4-4-12 hex>`;
 * - ptp creates a veth pair inside it: `eth0` there (index 2, after lo), the peer
 *   `veth<8 hex>` (ip.RandomVethName) created in the node's namespace;
 * - the Pod's eth0 gets its IP with the range's mask (/24) and the routes
 *   `default via GW`, `<podCIDR> via GW src IP`, `GW scope link src IP`, GW being the
 *   range's first address (host-local's default gateway);
 * - the node-side veth gets GW/32 and the node a host route `<IP> dev veth... scope host`.
 * kindnetd routes every other node's podCIDR via that node's InternalIP.
 *
 * Random values (veth name, MACs, netns UUID) are drawn from a generator seeded by the
 * Pod's namespace/name; ifindexes follow the order Pods were created on the node.
 */
import type { SimulationResult } from '../result';
import { addressIn, linkLocal, loopback, nodeBase, parseCidr, podView, sandboxPod, sortRoutes } from './netns';
import type { NamedNetns, NetnsView, Route } from './types';
import { hostVeth, inetAddress, podEth0, randomVethSandboxes, sandboxNetns } from './veth';

export { ipv4ToNumber, linkLocalFromMac, numberToIpv4 } from './netns';

/** kindnet's conflist `mtu`. */
const MTU = 1500;
/** ptp creates the peer in the node's namespace, after lo and eth0: the node's veths are 3, 4, ... */
const FIRST_HOST_INDEX = 3;

/**
 * The node's root network namespace: lo, eth0 on kind's docker network (InternalIP/16,
 * default via the network's .1), one `veth<8 hex>@if2` per Pod sandbox (with the
 * podCIDR's gateway/32), host routes to local Pods and kindnet's routes to other nodes'
 * podCIDRs. Null when there is no such node.
 */
export function buildKindnetNodeNetwork(result: SimulationResult, nodeName: string): NetnsView | null {
  const base = nodeBase(result, nodeName);
  if (!base) return null;
  const { node, interfaces, routes } = base;
  const netns: NamedNetns[] = [];
  if (node.podCIDR) {
    const gateway = addressIn(node.podCIDR, 1);
    for (const s of randomVethSandboxes(result, nodeName, FIRST_HOST_INDEX)) {
      interfaces.push(hostVeth({ index: s.hostIndex, name: s.hostVeth, peerIndex: 2, mac: s.hostMac, mtu: MTU, netns: s.netns, addresses: [inetAddress(gateway, 32), linkLocal(s.hostMac)] }));
      routes.push({ destination: s.pod.ip ?? '', dev: s.hostVeth, scope: 'host' });
      netns.push(sandboxNetns(s));
    }
    for (const other of result.cluster.nodes) {
      if (other.name !== nodeName && other.podCIDR) routes.push({ destination: other.podCIDR, via: other.internalIP, dev: 'eth0' });
    }
  }
  return { interfaces, routes: sortRoutes(routes), netns };
}

/** A Pod's namespace with kindnet: lo and `eth0@if<node-side veth index>` with the Pod IP/24 and ptp's three routes. */
export function buildKindnetPodNetwork(result: SimulationResult, namespace: string, podName: string): NetnsView | null {
  const found = sandboxPod(result, namespace, podName);
  if (!found?.node.podCIDR) return null;
  const { pod, node } = found;
  const s = randomVethSandboxes(result, node.name, FIRST_HOST_INDEX).find((x) => x.pod === pod);
  if (!s || pod.ip === null) return null;
  const gateway = addressIn(node.podCIDR, 1);
  const eth0 = podEth0({ index: 2, peerIndex: s.hostIndex, mac: s.podMac, mtu: MTU, ip: pod.ip, prefix: parseCidr(node.podCIDR).prefix });
  const routes: Route[] = [
    { destination: 'default', via: gateway, dev: 'eth0' },
    { destination: node.podCIDR, via: gateway, dev: 'eth0', src: pod.ip },
    { destination: gateway, dev: 'eth0', scope: 'link', src: pod.ip },
  ];
  return podView([loopback(), eth0], routes);
}
