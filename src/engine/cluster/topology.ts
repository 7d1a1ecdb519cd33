/** The cluster the scenario runs on: nodes and network ranges. */
import type { Taint } from '../model';

/** What the kubelet reports about itself (`kubectl get nodes -o wide`). */
export interface NodeSystemInfo {
  kubeletVersion: string;
  containerRuntimeVersion: string;
  osImage: string;
  kernelVersion: string;
}

/**
 * A node. Mutable runtime fields (`ready`, `unschedulable`, `taints`) may be changed
 * between reconcile passes (a timeline step cordons or stops a node).
 */
export interface ClusterNode {
  name: string;
  /** `control-plane`, or none for a worker. */
  roles: string[];
  /** InternalIP on the node network (kind: the container's address on the `kind` docker network). */
  internalIP: string;
  /** `spec.podCIDR`, carved out of the cluster CIDR by kube-controller-manager's node IPAM; '' when none could be assigned. */
  podCIDR: string;
  taints: Taint[];
  labels: Record<string, string>;
  /** kubelet `maxPods` (110 by default); the same as `allocatable.pods`. */
  maxPods: number;
  /** `status.allocatable` quantities (`cpu`, `memory`, `ephemeral-storage`, `pods`, ...). */
  allocatable: Record<string, string>;
  /**
   * The Ready condition. False when the kubelet stopped posting status (a Node document's
   * Ready=False, a stopped node) or when the container runtime's network is not ready.
   */
  ready: boolean;
  /** containerd's NetworkReady: false while no CNI is installed (Pods other than hostNetwork ones cannot start). */
  networkReady: boolean;
  /** Why the node is NotReady (the Ready condition's message), when it is. */
  notReadyMessage?: string;
  /** `spec.unschedulable` (cordoned). */
  unschedulable: boolean;
  nodeInfo: NodeSystemInfo;
  /** Registration time on the scenario clock (seconds; negative: before the scenario started). */
  createdAt: number;
}

/** kube-proxy's configuration. */
export interface KubeProxySettings {
  /** `iptables` (default on Linux), `ipvs`, `nftables`, or `none` (kind: no kube-proxy at all). */
  mode: 'iptables' | 'ipvs' | 'nftables' | 'none';
  /** `clusterCIDR`: traffic from outside it to a ClusterIP is masqueraded. */
  clusterCIDR: string;
  /** `ipvs.scheduler` (IPVS mode); absent: rr. */
  ipvsScheduler?: string;
}

export interface ClusterTopology {
  name: string;
  kubernetesVersion: string;
  serviceCIDR: string;
  podCIDR: string;
  /** Per-node pod CIDR prefix length (kube-controller-manager `--node-cidr-mask-size`, 24 for IPv4). */
  nodeCIDRMaskSize: number;
  clusterDomain: string;
  /** kubelet `clusterDNS`: the nameserver Pods get in resolv.conf. */
  clusterDNS: string[];
  /** kubeadm's addresses in the service range: default/kubernetes (1st) and kube-dns (10th). */
  kubernetesServiceIP: string;
  dnsServiceIP: string;
  nodePortRange: { base: number; size: number };
  kubeProxy: KubeProxySettings;
  /** `kindnet` (kind's default CNI) or `none` (`disableDefaultCNI: true`, no CNI installed). */
  cni: 'kindnet' | 'none';
  /** Nodes in registration order (control planes first, as kind creates them). */
  nodes: ClusterNode[];
}

/** `key=value:Effect`, or `key:Effect` when the value is empty (as kubectl describe prints taints). */
export function formatTaint(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}
