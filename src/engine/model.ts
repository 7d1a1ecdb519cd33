/**
 * Internal model: the few fields the simulation reads, converted once from raw
 * manifests (manifest/convert.ts) so that raw objects never travel through the engine.
 */

/** Where an object came from, and how to point at one of its fields. */
export interface Origin {
  file: string;
  /** `Service default/web`. */
  label: string;
  /** 1-based position of a field path (`spec.ports[0].port`), or of the document when absent. */
  locate(path?: string): { line: number; column: number };
  /** Whether the field at `path` is written in the source. */
  has(path: string): boolean;
}

export interface ObjectMeta {
  namespace: string;
  name: string;
  labels: Record<string, string>;
}

export interface ContainerPort {
  name: string;
  containerPort: number;
  protocol: string;
}

export interface Container {
  name: string;
  ports: ContainerPort[];
}

export interface Toleration {
  key: string;
  operator: 'Equal' | 'Exists';
  value: string;
  /** '' tolerates every effect. */
  effect: string;
}

export interface Taint {
  key: string;
  value: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface PodSpec {
  nodeName?: string;
  hostNetwork: boolean;
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
  containers: Container[];
}

export interface OwnerRef {
  kind: string;
  name: string;
}

export interface Pod {
  meta: ObjectMeta;
  spec: PodSpec;
  /** Pinned status fields (replayed `kubectl get -o yaml` dumps). */
  status: { podIP?: string; hostIP?: string; phase?: string; ready?: boolean };
  owner?: OwnerRef;
  origin?: Origin;
}

/** A label selector (`matchLabels` + `matchExpressions`). */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values: string[] }[];
}

export interface Deployment {
  meta: ObjectMeta;
  replicas: number;
  selector: LabelSelector;
  template: {
    labels: Record<string, string>;
    spec: PodSpec;
    /** The raw `spec.template`, hashed into the pod-template-hash. */
    raw: unknown;
  };
  origin?: Origin;
}

export interface ServicePort {
  /** Index in spec.ports, for field paths. */
  index: number;
  name: string;
  port: number;
  /** As written; undefined when omitted (then it equals `port`). */
  targetPort?: number | string;
  protocol: string;
  nodePort?: number;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface Service {
  meta: ObjectMeta;
  type: ServiceType;
  /** Pinned `spec.clusterIP` (or `spec.clusterIPs[0]`), 'None' for headless. */
  clusterIP?: string;
  externalName?: string;
  ports: ServicePort[];
  /** null: no selector, Endpoints are managed by hand. */
  selector: Record<string, string> | null;
  publishNotReadyAddresses: boolean;
  origin?: Origin;
}

export interface Namespace {
  name: string;
  origin?: Origin;
}

/** A `v1.Node` document: a node the scenario declares (or replays from `kubectl get nodes -o yaml`). */
export interface NodeDocument {
  meta: ObjectMeta;
  /** `status.addresses[type=InternalIP]`. */
  internalIP?: string;
  /** `spec.podCIDR` (or `spec.podCIDRs[0]`). */
  podCIDR?: string;
  /** `spec.taints`; undefined when the field is absent (kind's defaults then apply). */
  taints?: Taint[];
  /** `status.allocatable` quantities as written (`cpu`, `memory`, `pods`, ...). */
  allocatable: Record<string, string>;
  /** `status.conditions[type=Ready]`; undefined when absent. */
  ready?: boolean;
  unschedulable: boolean;
  origin?: Origin;
}

/** One node of a kind `Cluster` (`nodes[i]`). */
export interface KindNodeConfig {
  /** Index in `nodes`, for field paths. */
  index: number;
  role: 'control-plane' | 'worker';
  /** `nodes[i].labels`. */
  labels: Record<string, string>;
  /** `nodes[i].kubeadmConfigPatches`, parsed. */
  patches: ComponentConfig[];
}

/** A kind `Cluster` (kind.x-k8s.io/v1alpha4). Absent fields are undefined (kind's defaults apply). */
export interface KindCluster {
  name?: string;
  /** undefined: `nodes` absent (kind then creates one control-plane node). */
  nodes?: KindNodeConfig[];
  podSubnet?: string;
  serviceSubnet?: string;
  kubeProxyMode?: string;
  disableDefaultCNI: boolean;
  ipFamily?: string;
  /** Cluster-wide `kubeadmConfigPatches`, parsed. */
  patches: ComponentConfig[];
  origin?: Origin;
}

/** kubeadm `ClusterConfiguration` (v1beta3/v1beta4): the fields networking depends on. */
export interface KubeadmClusterConfiguration {
  podSubnet?: string;
  serviceSubnet?: string;
  dnsDomain?: string;
  origin?: Origin;
}

/** kubeadm `InitConfiguration`/`JoinConfiguration`: `nodeRegistration` (only inside kind node patches). */
export interface KubeadmNodeRegistration {
  /** `InitConfiguration` applies to the first control-plane node only, `JoinConfiguration` to every other. */
  phase: 'InitConfiguration' | 'JoinConfiguration';
  /** `nodeRegistration.kubeletExtraArgs.node-labels`, parsed. */
  nodeLabels: Record<string, string>;
  /** `nodeRegistration.taints`; undefined when absent. */
  taints?: Taint[];
  origin?: Origin;
}

/** `KubeProxyConfiguration` (kubeproxy.config.k8s.io/v1alpha1). */
export interface KubeProxyConfig {
  /** `mode`; '' means the platform default (iptables on Linux). */
  mode?: string;
  clusterCIDR?: string;
  origin?: Origin;
}

/** `KubeletConfiguration` (kubelet.config.k8s.io/v1beta1). */
export interface KubeletConfig {
  clusterDomain?: string;
  clusterDNS?: string[];
  maxPods?: number;
  origin?: Origin;
}

/** A component configuration document, standalone or inside `kubeadmConfigPatches`. */
export type ComponentConfig =
  | { kind: 'ClusterConfiguration'; config: KubeadmClusterConfiguration }
  | { kind: 'InitConfiguration' | 'JoinConfiguration'; config: KubeadmNodeRegistration }
  | { kind: 'KubeProxyConfiguration'; config: KubeProxyConfig }
  | { kind: 'KubeletConfiguration'; config: KubeletConfig };

/**
 * Every kind a converter produces, and its model type. Adding a kind: a model type here,
 * a converter in manifest/convert/, one entry in manifest/convert/registry.ts.
 */
export interface KindModels {
  Namespace: Namespace;
  Pod: Pod;
  Deployment: Deployment;
  Service: Service;
  Node: NodeDocument;
  Cluster: KindCluster;
  ClusterConfiguration: KubeadmClusterConfiguration;
  KubeProxyConfiguration: KubeProxyConfig;
  KubeletConfiguration: KubeletConfig;
}

export type ModelKind = keyof KindModels;

/** One converted document: its kind and its model, discriminated by `kind`. */
export type ScenarioObject = { [K in ModelKind]: { kind: K; object: KindModels[K] } }[ModelKind];

/** Everything the scenario declares, after conversion. */
export interface Scenario {
  /**
   * Converted documents in apply order (sources in the order given, documents in file
   * order). A later definition of the same object replaces the earlier one in place.
   */
  objects: ScenarioObject[];
}

/** The objects of one kind, in apply order. */
export function objectsOfKind<K extends ModelKind>(scenario: Scenario, kind: K): KindModels[K][] {
  return scenario.objects.filter((o) => o.kind === kind).map((o) => o.object as KindModels[K]);
}

export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}
