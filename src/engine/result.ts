/**
 * The simulation result: what `kubectl get nodes,pods,svc,endpoints -A -o wide` would
 * show on a kind cluster after `kubectl apply` of the scenario and a moment's wait.
 * Every value is a primitive, array or plain object (it is stored as JSON), and every
 * list is sorted, so the same input gives byte-identical JSON.
 */
import type { Diagnostic } from './diagnostic';

/** Options of `simulate`. */
export interface SimulateOptions {
  /**
   * Mixed into every generated name's seed (Pod suffixes). Default ''. Changing it
   * "re-rolls" names as recreating the objects on a real cluster would.
   */
  seed?: string;
  /**
   * When the result is observed, in seconds on the scenario clock (0 = the moment the
   * scenario is applied; default 0). Only ages change: `now - createdAt`.
   */
  now?: number;
}

/** A cluster node (`kubectl get nodes -o wide`). */
export interface NodeResult {
  name: string;
  /** From `node-role.kubernetes.io/<role>` labels: `['control-plane']` or `[]` for a worker. */
  roles: string[];
  /** The node's InternalIP (its address on kind's docker network). */
  internalIP: string;
  /** `spec.podCIDR`: the block this node's Pod IPs come from. */
  podCIDR: string;
  /** `spec.taints` as `key=value:Effect` (`key:Effect` when the value is empty). */
  taints: string[];
  /** `metadata.labels` (kubelet's `kubernetes.io/hostname`, `kubernetes.io/os`, ..., role labels, kind `nodes[].labels`). */
  labels: Record<string, string>;
  /** `status.allocatable` quantities as the kubelet reports them (`cpu`, `memory`, `pods`, ...). */
  allocatable: Record<string, string>;
  /** The Ready condition (STATUS `Ready` / `NotReady`). */
  ready: boolean;
  /** The Ready condition's message when NotReady (e.g. kubelet's "container runtime network not ready: ..."). */
  notReadyMessage?: string;
  /** `spec.unschedulable` (cordoned; kubectl adds `,SchedulingDisabled` to STATUS). */
  unschedulable: boolean;
  /** `status.nodeInfo.kubeletVersion` (VERSION column), e.g. `v1.33.1`. */
  kubeletVersion: string;
  /** `status.nodeInfo.containerRuntimeVersion` (CONTAINER-RUNTIME), e.g. `containerd://2.1.1`. */
  containerRuntime: string;
  /** `status.nodeInfo.osImage` (OS-IMAGE), e.g. `Debian GNU/Linux 12 (bookworm)`. */
  osImage: string;
  /** `status.nodeInfo.kernelVersion` (KERNEL-VERSION): the host's kernel; a fixed value here. */
  kernelVersion: string;
  /** Registration time on the scenario clock, in seconds (negative: before the scenario started); AGE is `now - createdAt`. */
  createdAt: number;
}

/** The cluster's topology. */
export interface ClusterResult {
  /** kind cluster name (`kind` by default; nodes are `<name>-control-plane`, `<name>-worker`, ...). */
  name: string;
  /** Kubernetes version simulated, e.g. `v1.33`. */
  kubernetesVersion: string;
  /** kube-apiserver `--service-cluster-ip-range`. */
  serviceCIDR: string;
  /** kube-controller-manager `--cluster-cidr` (each node gets a /24 of it). */
  podCIDR: string;
  /** kubelet `clusterDomain`, the DNS suffix of Services (`cluster.local`). */
  clusterDomain: string;
  /** kube-apiserver `--service-node-port-range`. */
  nodePortRange: string;
  nodes: NodeResult[];
  /** kube-proxy's mode: `iptables` (default), `ipvs`, `nftables`, or `none` (kind `kubeProxyMode: none`: no kube-proxy). */
  kubeProxyMode: string;
  /** The Pod network: `kindnet` (kind's default) or `none` (`disableDefaultCNI: true` and no CNI installed). */
  cni: string;
  /** kubelet `clusterDNS`: the nameserver in every Pod's resolv.conf (normally kube-dns' ClusterIP). */
  clusterDNS: string;
}

/** A Pod (`kubectl get pods -o wide`). */
export interface PodResult {
  namespace: string;
  name: string;
  /** Node it was scheduled to; null while Pending (no node fits). */
  nodeName: string | null;
  /** `status.podIP`; the node's IP for hostNetwork Pods; null while unscheduled. */
  ip: string | null;
  /** `status.phase`: `Running` once scheduled, `Pending` when no node fits (or as pinned). */
  phase: string;
  /** The Ready condition: true for a Running Pod unless `status.conditions` pins Ready=False. */
  ready: boolean;
  labels: Record<string, string>;
  hostNetwork: boolean;
  /** Kind of the controller owning the Pod (`ReplicaSet`, `DaemonSet`, `Node` for static Pods); absent for bare Pods. */
  ownerKind?: string;
  ownerName?: string;
  /** Declared container ports, `name` empty when unnamed. */
  containerPorts: { name: string; containerPort: number; protocol: string }[];
  /** What kubectl prints in STATUS instead of the phase, when it differs (`ContainerCreating`: scheduled, no sandbox/IP yet). */
  reason?: string;
  /** Creation time on the scenario clock, in seconds (negative: created with the cluster); AGE is `now - createdAt`. */
  createdAt: number;
}

/** A ReplicaSet created by the Deployment controller. */
export interface ReplicaSetResult {
  namespace: string;
  /** `<deployment>-<pod-template-hash>`. */
  name: string;
  deployment: string;
  podTemplateHash: string;
  /** Desired replicas (0 for a ReplicaSet a rollout replaced). */
  replicas: number;
  /** Creation time on the scenario clock, in seconds. */
  createdAt: number;
}

/** One Service port. */
export interface ServicePortResult {
  /** Port name; '' when the Service has a single unnamed port. */
  name: string;
  port: number;
  /** As written ("8080" or a port name such as "http"); the port itself when omitted. */
  targetPort: string;
  /** TCP, UDP or SCTP (default TCP). */
  protocol: string;
  /** Allocated or pinned node port, for NodePort and LoadBalancer Services. */
  nodePort?: number;
}

/** One ready-or-not backend address of a Service port (an Endpoints address × port). */
export interface EndpointResult {
  /** Pod IP (the node IP for hostNetwork Pods). */
  ip: string;
  /** The resolved target port number on the Pod. */
  port: number;
  /** The Service port's name ('' when unnamed). */
  portName: string;
  protocol: string;
  /**
   * The Pod behind the address. For default/kubernetes it is the API server's static
   * Pod (a real Endpoints object carries no targetRef there; the name shows who answers).
   */
  podName: string;
  podNamespace: string;
  nodeName: string;
  /** false: listed under notReadyAddresses; kube-proxy sends it no traffic. */
  ready: boolean;
}

/** A Service (`kubectl get svc` + its Endpoints). */
export interface ServiceResult {
  namespace: string;
  name: string;
  /** ClusterIP, NodePort, LoadBalancer or ExternalName. */
  type: string;
  /** Allocated or pinned virtual IP; 'None' for headless Services (as kubectl prints); null for ExternalName. */
  clusterIP: string | null;
  /** For ExternalName Services: the DNS name the Service's name is a CNAME for. */
  externalName?: string;
  ports: ServicePortResult[];
  /** `spec.selector`; null when the Service has none (its Endpoints are managed by hand). */
  selector: Record<string, string> | null;
  /** Sorted by port name, port, IP, Pod name. Empty for ExternalName and selector-less Services. */
  endpoints: EndpointResult[];
  /** Creation time on the scenario clock, in seconds. */
  createdAt: number;
}

/** The outcome of `simulate`. */
export interface SimulationResult {
  engineVersion: string;
  /** When the result is observed on the scenario clock (seconds; `SimulateOptions.now`). Ages are `now - createdAt`. */
  now: number;
  cluster: ClusterResult;
  /** Every namespace, sorted. */
  namespaces: string[];
  /** Every Pod, system Pods included, sorted by namespace then name. */
  pods: PodResult[];
  replicaSets: ReplicaSetResult[];
  /** Every Service, default/kubernetes and kube-system/kube-dns included, sorted by namespace then name. */
  services: ServiceResult[];
  /** Everything the engine has to say about the input, sorted by file and position. */
  diagnostics: Diagnostic[];
}
