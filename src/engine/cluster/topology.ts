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
  /** Why the CNI cannot set up any Pod sandbox on this node although the network is ready (a plugin binary it needs is missing); Pods stay ContainerCreating. */
  cniSandboxError?: string;
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

export type CniName = 'kindnet' | 'flannel' | 'calico' | 'cilium' | 'none';

/** What the installed CNI does with Pod traffic, read from its manifests (cluster/cni-config.ts). */
export interface CniSettings {
  /**
   * How Pod traffic crosses nodes: `routes` (kindnet: plain routes via node IPs), `vxlan`,
   * `host-gw` (flannel), `ipip`, `vxlan`, `none` (calico's pool encapsulation), `vxlan`,
   * `geneve`, `native` (cilium's routing mode).
   */
  backend: 'routes' | 'vxlan' | 'host-gw' | 'ipip' | 'geneve' | 'native' | 'none';
  /** Calico `CrossSubnet`: encapsulate only towards nodes in another subnet (kind's nodes share one). */
  crossSubnet?: boolean;
  /** MTU of Pod interfaces (and of the tunnel device). */
  mtu: number;
  /** Where Pod IPs come from: host-local over `spec.podCIDR`, calico-ipam blocks, cilium cluster-pool, or cilium `kubernetes` (spec.podCIDR). */
  ipam: 'host-local' | 'calico-ipam' | 'cluster-pool' | 'kubernetes';
  /** The CNI's Pod network: flannel's Network, calico's IPPool CIDR, cilium's cluster-pool CIDR; the pod subnet for kindnet. */
  podNetwork: string;
  /** Prefix of each node's share of it: 24 (spec.podCIDR), calico's blockSize, cilium's cluster-pool-ipv4-mask-size. */
  nodeMaskSize: number;
  /** cilium native routing: `auto-direct-node-routes` (routes to other nodes' Pod CIDRs via their InternalIP). */
  autoDirectNodeRoutes?: boolean;
  /** The overlay device, its VNI (0: cilium's collect-metadata device, VNI per packet) and UDP port; absent without an overlay. */
  tunnel?: { device: string; vni: number; port: number };
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
  /**
   * `kindnet` (kind's default CNI), `none` (`disableDefaultCNI: true`, no CNI installed),
   * or the CNI the scenario installs (`flannel`, `calico`, `cilium`; cluster/cni-config.ts).
   */
  cni: CniName;
  /** The installed CNI's datapath settings (absent for `none`). */
  cniSettings?: CniSettings;
  /** Nodes in registration order (control planes first, as kind creates them). */
  nodes: ClusterNode[];
  /** kind `extraPortMappings`: host ports docker forwards to a node. */
  portMappings: { node: string; hostPort: number; containerPort: number; protocol: string; listenAddress: string }[];
}

/** `key=value:Effect`, or `key:Effect` when the value is empty (as kubectl describe prints taints). */
export function formatTaint(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}
