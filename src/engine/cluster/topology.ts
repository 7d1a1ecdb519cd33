/** The cluster the scenario runs on: nodes and network ranges. */
import type { Taint } from '../model';

export interface ClusterNode {
  name: string;
  /** `control-plane`, or none for a worker. */
  roles: string[];
  /** InternalIP on the node network (kind: the container's address on the `kind` docker network). */
  internalIP: string;
  /** `spec.podCIDR`, carved out of the cluster CIDR by kube-controller-manager's node IPAM. */
  podCIDR: string;
  taints: Taint[];
  labels: Record<string, string>;
  /** kubelet `maxPods` (110 by default). */
  maxPods: number;
}

export interface ClusterTopology {
  name: string;
  kubernetesVersion: string;
  serviceCIDR: string;
  podCIDR: string;
  clusterDomain: string;
  nodePortRange: { base: number; size: number };
  /** Nodes in registration order (control plane first, as kind creates them). */
  nodes: ClusterNode[];
}

/** `key=value:Effect`, or `key:Effect` when the value is empty (as kubectl describe prints taints). */
export function formatTaint(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}
