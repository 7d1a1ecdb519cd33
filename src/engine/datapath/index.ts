/**
 * The datapath: each node's and Pod's network namespaces as the cluster's CNI sets them
 * up (`result.cluster.cni`: kindnet, flannel, calico, cilium; none), and route lookup on them.
 */
import type { SimulationResult } from '../result';
import { buildCalicoNodeNetwork, buildCalicoPodNetwork } from './calico';
import { buildCiliumNodeNetwork, buildCiliumPodNetwork } from './cilium';
import { buildFlannelNodeNetwork, buildFlannelPodNetwork } from './flannel';
import { buildKindnetNodeNetwork, buildKindnetPodNetwork } from './kindnet';
import { nodeBase, sortRoutes } from './netns';
import type { NetnsView } from './types';

/**
 * The node's root network namespace: lo, eth0 on kind's docker network, and what the CNI
 * adds (veth peers of the Pod sandboxes, bridge, tunnel devices, routes to other nodes'
 * Pods). Without a CNI only lo and eth0. Null when there is no such node.
 */
export function buildNodeNetwork(result: SimulationResult, nodeName: string): NetnsView | null {
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
      return base && { interfaces: base.interfaces, routes: sortRoutes(base.routes), netns: [] };
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
