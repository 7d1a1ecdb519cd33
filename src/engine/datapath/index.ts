/**
 * The datapath: each node's and Pod's network namespaces as the cluster's CNI sets them
 * up (`result.cluster.cni`: kindnet, flannel, calico, cilium; none), and route lookup on them.
 */
import type { SimulationResult } from '../result';
import { buildCalicoNodeNetwork, buildCalicoPodNetwork } from './calico';
import { buildCiliumNodeNetwork, buildCiliumPodNetwork } from './cilium';
import { buildFlannelNodeNetwork, buildFlannelPodNetwork } from './flannel';
import { buildKindnetNodeNetwork, buildKindnetPodNetwork } from './kindnet';
import { bareNodeView, nodeBase, randomMac } from './netns';
import { kubeIpvs0Addresses } from '../proxy/ipvs-rules';
import { SeededRandom } from '../util/rand';
import type { NetnsView, NetworkInterface } from './types';

/**
 * The node's root network namespace: lo, eth0 on kind's docker network, and what the CNI
 * adds (veth peers of the Pod sandboxes, bridge, tunnel devices, routes to other nodes'
 * Pods). Without a CNI only lo and eth0. Null when there is no such node.
 */
export function buildNodeNetwork(result: SimulationResult, nodeName: string): NetnsView | null {
  const view = buildCniNodeNetwork(result, nodeName);
  if (view && result.cluster.kubeProxyMode === 'ipvs') view.interfaces.push(kubeIpvs0(result, nodeName, view));
  return view;
}

/**
 * kube-proxy's IPVS mode binds every Service address to the dummy device kube-ipvs0 (down,
 * NOARP: the addresses are local without being announced; their routes are in the local
 * table, so `ip route` shows none). Here it is the node's last link.
 */
function kubeIpvs0(result: SimulationResult, nodeName: string, view: NetnsView): NetworkInterface {
  return {
    index: Math.max(...view.interfaces.map((i) => i.index)) + 1,
    name: 'kube-ipvs0',
    kind: 'dummy',
    linkType: 'ether',
    mac: randomMac(new SeededRandom(`kube-ipvs0/${nodeName}`)),
    mtu: 1500,
    flags: ['BROADCAST', 'NOARP'],
    state: 'DOWN',
    qdisc: 'noop',
    addresses: kubeIpvs0Addresses(result, nodeName).map((address) => ({ family: 'inet' as const, address, prefixLength: 32, scope: 'global' })),
  };
}

/** The node's namespace as the CNI leaves it (no kube-proxy devices): what kube-proxy reads its node addresses from. */
export function buildCniNodeNetwork(result: SimulationResult, nodeName: string): NetnsView | null {
  switch (result.cluster.cni) {
    case 'kindnet':
      return buildKindnetNodeNetwork(result, nodeName);
    case 'flannel':
      return buildFlannelNodeNetwork(result, nodeName);
    case 'calico':
      return buildCalicoNodeNetwork(result, nodeName);
    case 'cilium':
      return buildCiliumNodeNetwork(result, nodeName);
    default: {
      const base = nodeBase(result, nodeName);
      return base && bareNodeView(base);
    }
  }
}

/**
 * What `ip` shows inside a Pod: hostNetwork Pods see their node's namespace; others lo
 * and eth0 as the CNI made them. Null when the Pod has no sandbox network yet
 * (unscheduled, no IP) or the cluster has no CNI.
 */
export function buildPodNetwork(result: SimulationResult, namespace: string, podName: string): NetnsView | null {
  const pod = result.pods.find((p) => p.namespace === namespace && p.name === podName);
  if (!pod?.nodeName || pod.ip === null) return null;
  if (pod.hostNetwork) return buildNodeNetwork(result, pod.nodeName);
  switch (result.cluster.cni) {
    case 'kindnet':
      return buildKindnetPodNetwork(result, namespace, podName);
    case 'flannel':
      return buildFlannelPodNetwork(result, namespace, podName);
    case 'calico':
      return buildCalicoPodNetwork(result, namespace, podName);
    case 'cilium':
      return buildCiliumPodNetwork(result, namespace, podName);
    default:
      return null;
  }
}

export { lookupRoute, routeEffect, type RouteEffect } from './route-lookup';
export type { InterfaceAddress, NamedNetns, NetnsView, NetworkInterface, Route, TunnelPeer } from './types';
