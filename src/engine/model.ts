/**
 * Internal model: the few fields the simulation reads, converted once from raw
 * manifests (manifest/convert/) so that raw objects never travel through the engine.
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
  /** `hostPort`, when set: the node forwards this port to the container (CNI portmap). */
  hostPort?: number;
}

export interface Container {
  name: string;
  ports: ContainerPort[];
  /** `image` as written; undefined for the simulator's own system Pods. */
  image?: string;
  /** `resources.requests` quantities as written (`cpu: 100m`, `memory: 128Mi`). */
  requests?: Record<string, string>;
  /** Whether the container declares a `readinessProbe`. */
  readinessProbe?: boolean;
  /** `env` entries with a literal `value` (valueFrom ones are not kept), in order; `index` is the position in `env`. Absent when none. */
  env?: { name: string; value: string; index: number }[];
  /** `command` and `args` as written (an Ingress controller's flags are read from them). */
  command?: string[];
  args?: string[];
}

/** `v1.NodeSelectorRequirement` (`matchExpressions` / `matchFields` of a node selector term). */
export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values: string[];
}

/** `v1.NodeSelectorTerm`: every requirement must hold (terms of a selector are ORed). */
export interface NodeSelectorTerm {
  matchExpressions: NodeSelectorRequirement[];
  matchFields: NodeSelectorRequirement[];
}

/** `v1.PodAffinityTerm`: Pods matching `labelSelector` in `namespaces` (default: the Pod's own), per `topologyKey` domain. */
export interface PodAffinityTerm {
  labelSelector: LabelSelector | null;
  /** Empty: the Pod's own namespace. */
  namespaces: string[];
  topologyKey: string;
}

/** `v1.Affinity`, the parts the scheduler's NodeAffinity and InterPodAffinity plugins read. */
export interface Affinity {
  /** `nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`; null when absent. */
  requiredNodeTerms: NodeSelectorTerm[] | null;
  /** `nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution`. */
  preferredNodeTerms: { weight: number; term: NodeSelectorTerm }[];
  podAffinity: PodAffinityTerm[];
  podAntiAffinity: PodAffinityTerm[];
  preferredPodAffinity: { weight: number; term: PodAffinityTerm }[];
  preferredPodAntiAffinity: { weight: number; term: PodAffinityTerm }[];
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
  /** `spec.affinity`; undefined when absent. */
  affinity?: Affinity;
  /** `spec.readinessGates[].conditionType`. */
  readinessGates?: string[];
  /** `spec.hostname` / `spec.subdomain` (a StatefulSet's Pods: the Pod name and `serviceName`). */
  hostname?: string;
  subdomain?: string;
  /** `spec.restartPolicy` as written (Always when absent). */
  restartPolicy?: string;
  /** `spec.dnsPolicy` as written (ClusterFirst when absent). */
  dnsPolicy?: 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';
  /** `spec.dnsConfig`: merged into the resolv.conf kubelet writes. */
  dnsConfig?: PodDNSConfig;
  /** `spec.hostAliases`: extra /etc/hosts lines kubelet writes. */
  hostAliases?: PodHostAlias[];
}

/** `v1.PodDNSConfig`. */
export interface PodDNSConfig {
  nameservers: string[];
  searches: string[];
  /** `value` absent: the option has no value (`edns0`). */
  options: { name: string; value?: string }[];
}

/** `v1.HostAlias`: one /etc/hosts line. */
export interface PodHostAlias {
  ip: string;
  hostnames: string[];
}

export interface OwnerRef {
  kind: string;
  name: string;
}

export interface Pod {
  meta: ObjectMeta;
  spec: PodSpec;
  /** Pinned status fields (replayed `kubectl get -o yaml` dumps). */
  status: { podIP?: string; hostIP?: string; phase?: string; ready?: boolean; conditions?: { type: string; status: string }[] };
  owner?: OwnerRef;
  /** `metadata.deletionTimestamp` is set: the Pod is Terminating. */
  deleting?: boolean;
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
  /** `raw` is hashed into the pod-template-hash. */
  template: PodTemplate;
  origin?: Origin;
}

/** A workload's `spec.template`: labels, Pod spec, and the raw template (hashed into revisions). */
export interface PodTemplate {
  labels: Record<string, string>;
  spec: PodSpec;
  raw: unknown;
}

/** `apps/v1.ReplicaSet` written by hand (a Deployment's ReplicaSets are made by its controller). */
export interface ReplicaSet {
  meta: ObjectMeta;
  replicas: number;
  selector: LabelSelector;
  template: PodTemplate;
  origin?: Origin;
}

/** One `spec.volumeClaimTemplates` entry of a StatefulSet. */
export interface VolumeClaimTemplate {
  name: string;
  /** `spec.storageClassName`; undefined: the default StorageClass (kind: `standard`). */
  storageClassName?: string;
  /** `spec.resources.requests.storage`, as written. */
  storage: string;
  accessModes: string[];
}

/** `apps/v1.StatefulSet`. */
export interface StatefulSet {
  meta: ObjectMeta;
  replicas: number;
  selector: LabelSelector;
  serviceName: string;
  podManagementPolicy: 'OrderedReady' | 'Parallel';
  template: PodTemplate;
  volumeClaimTemplates: VolumeClaimTemplate[];
  origin?: Origin;
}

/** `apps/v1.DaemonSet`. */
export interface DaemonSet {
  meta: ObjectMeta;
  selector: LabelSelector;
  template: PodTemplate;
  origin?: Origin;
}

/** `batch/v1.Job`. */
export interface Job {
  meta: ObjectMeta;
  /** `spec.completions` (default 1). */
  completions: number;
  /** `spec.parallelism` (default 1). */
  parallelism: number;
  /** `spec.selector` when `manualSelector: true`; otherwise the controller-uid selector is generated. */
  selector?: LabelSelector;
  template: PodTemplate;
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
  /** `metadata.annotations` (external-dns, MetalLB); absent on kind's own Services. */
  annotations?: Record<string, string>;
  /** `spec.externalIPs`: extra addresses kube-proxy answers on (not allocated, not checked against anything). */
  externalIPs?: string[];
  /** `spec.sessionAffinity`; absent means None. */
  sessionAffinity?: 'None' | 'ClientIP';
  /** `spec.sessionAffinityConfig.clientIP.timeoutSeconds`, defaulted to 10800 for ClientIP. */
  sessionAffinityTimeoutSeconds?: number;
  /** `spec.externalTrafficPolicy`, defaulted to Cluster for externally accessible Services only. */
  externalTrafficPolicy?: 'Cluster' | 'Local';
  /** `spec.internalTrafficPolicy`, defaulted to Cluster (absent for ExternalName). */
  internalTrafficPolicy?: 'Cluster' | 'Local';
  /** Pinned `spec.healthCheckNodePort` (LoadBalancer + externalTrafficPolicy Local). */
  healthCheckNodePort?: number;
  /** `spec.loadBalancerIP` (deprecated; MetalLB still honours it). */
  loadBalancerIP?: string;
  /** `spec.loadBalancerClass`: a Service with a class is left to that implementation (MetalLB ignores it). */
  loadBalancerClass?: string;
  /** `spec.allocateLoadBalancerNodePorts` (default true): false gives a LoadBalancer Service no NodePorts. */
  allocateLoadBalancerNodePorts?: boolean;
  /** Pinned `status.loadBalancer.ingress` (a replayed dump). */
  loadBalancerIngress?: LoadBalancerIngress[];
  origin?: Origin;
}

/** One `status.loadBalancer.ingress[]` entry. */
export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
}

/** A reference to the object behind an endpoint (`targetRef`). */
export interface ObjectReference {
  kind: string;
  namespace: string;
  name: string;
}

/** A port of an EndpointSlice or of an Endpoints subset. */
export interface EndpointPort {
  /** '' when unnamed. */
  name: string;
  port: number;
  protocol: string;
}

/** One endpoint of an EndpointSlice (`discovery.k8s.io/v1` Endpoint). */
export interface EndpointSliceEndpoint {
  addresses: string[];
  /** Absent fields are unset (nil) in the object, as the mirroring controller leaves serving and terminating. */
  conditions: { ready?: boolean; serving?: boolean; terminating?: boolean };
  nodeName?: string;
  zone?: string;
  hostname?: string;
  targetRef?: ObjectReference;
}

/** A `discovery.k8s.io/v1` EndpointSlice written by hand (or replayed). */
export interface EndpointSliceDocument {
  meta: ObjectMeta;
  /** IPv4, IPv6 or FQDN. */
  addressType: string;
  ports: EndpointPort[];
  endpoints: EndpointSliceEndpoint[];
  origin?: Origin;
}

/** An address of an Endpoints subset. */
export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  hostname?: string;
  targetRef?: ObjectReference;
}

export interface EndpointSubset {
  addresses: EndpointAddress[];
  notReadyAddresses: EndpointAddress[];
  ports: EndpointPort[];
}

/** A `v1` Endpoints object written by hand (for a Service without selector). */
export interface EndpointsDocument {
  meta: ObjectMeta;
  annotations: Record<string, string>;
  subsets: EndpointSubset[];
  origin?: Origin;
}

/** MetalLB `IPAddressPool` (metallb.io/v1beta1): where LoadBalancer addresses come from. */
export interface IPAddressPool {
  meta: ObjectMeta;
  /** `spec.addresses` as written: CIDRs (`192.168.1.0/24`) or ranges (`192.168.1.10-192.168.1.20`). */
  addresses: string[];
  /** `spec.autoAssign` (default true): false hands out addresses only on request. */
  autoAssign: boolean;
  /** `spec.avoidBuggyIPs`: skip addresses ending in .0 and .255. */
  avoidBuggyIPs: boolean;
  /** `spec.serviceAllocation`: the pool serves only these namespaces / Services, in priority order. */
  serviceAllocation?: { priority?: number; namespaces: string[]; serviceSelectors: Record<string, string>[] };
  origin?: Origin;
}

/** Calico `IPPool` (crd.projectcalico.org/v1, projectcalico.org/v3): where calico-ipam takes Pod addresses from. */
export interface CalicoIPPool {
  meta: ObjectMeta;
  /** `spec.cidr` as written. */
  cidr: string;
  /** `spec.blockSize` (calico's default 26 for IPv4 when absent). */
  blockSize?: number;
  /** `spec.ipipMode` / `spec.vxlanMode`: `Always`, `CrossSubnet` or `Never` (absent: Never). */
  ipipMode?: string;
  vxlanMode?: string;
  /** `spec.disabled`: no addresses are handed out from it. */
  disabled: boolean;
  origin?: Origin;
}

/** Tigera operator `Installation` (operator.tigera.io/v1): the Calico the operator installs. */
export interface CalicoInstallation {
  meta: ObjectMeta;
  /** `spec.calicoNetwork.ipPools[]` as written (`index` is the position, for field paths). */
  ipPools: { index: number; cidr?: string; blockSize?: number; encapsulation?: string; disabled?: boolean }[];
  /** Whether `spec.calicoNetwork.ipPools` is written at all (absent: the operator's default pool). */
  ipPoolsWritten: boolean;
  /** `spec.calicoNetwork.mtu`. */
  mtu?: number;
  origin?: Origin;
}

/** MetalLB `L2Advertisement` (metallb.io/v1beta1): which pools are announced with ARP. */
export interface L2Advertisement {
  meta: ObjectMeta;
  /** `spec.ipAddressPools`; empty: every pool. */
  ipAddressPools: string[];
  origin?: Origin;
}

/** One record of an `UpstreamZone`: owner and data absolute (ending in a dot), type upper case. */
export interface UpstreamZoneRecord {
  name: string;
  type: string;
  ttl: number;
  /** Zone-file notation (`203.0.113.10`, `10 mail.example.com.`, `"text"`). */
  data: string;
}

/** `UpstreamZone` (kube-netlab.io/v1alpha1): a zone the DNS servers outside the cluster answer for. */
export interface UpstreamZone {
  meta: ObjectMeta;
  /** Lower case, no trailing dot (`example.com`). */
  zone: string;
  /** Default TTL of the zone's records (its negative-answer TTL too). */
  ttl: number;
  records: UpstreamZoneRecord[];
  origin?: Origin;
}

/** `v1.ConfigMap`: a component's configuration (CoreDNS's Corefile, a CNI's settings). */
export interface ConfigMap {
  meta: ObjectMeta;
  data: Record<string, string>;
  /** `binaryData` keys (the values, base64, are not kept). */
  binaryDataKeys: string[];
  origin?: Origin;
}

export interface Namespace {
  name: string;
  /** `metadata.labels` as written (the API server adds `kubernetes.io/metadata.name` itself). */
  labels?: Record<string, string>;
  origin?: Origin;
}

/** One `ports[]` entry of a NetworkPolicy rule (`networking.k8s.io/v1` NetworkPolicyPort). */
export interface NetworkPolicyPort {
  /** TCP, UDP or SCTP (defaulted to TCP). */
  protocol: string;
  /** A number, a named container port, or undefined: every port of the protocol. */
  port?: number | string;
  /** With a numeric `port`: the range `port..endPort`, inclusive. */
  endPort?: number;
}

/** One `from[]` / `to[]` entry: selectors (ANDed when both are set) or an ipBlock. */
export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except: string[] };
}

/** An ingress (`from`) or egress (`to`) rule: `peers` empty means every peer, `ports` empty every port. */
export interface NetworkPolicyRule {
  ports: NetworkPolicyPort[];
  peers: NetworkPolicyPeer[];
}

/** `networking.k8s.io/v1` NetworkPolicy, defaulted as the API server does. */
export interface NetworkPolicy {
  meta: ObjectMeta;
  annotations: Record<string, string>;
  podSelector: LabelSelector;
  /** Effective `spec.policyTypes`: as written, or the API server's default (Ingress, plus Egress when there are egress rules). */
  policyTypes: ('Ingress' | 'Egress')[];
  ingress: NetworkPolicyRule[];
  egress: NetworkPolicyRule[];
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
  /** `nodes[i].extraMounts[].containerPath` (e.g. `/opt/cni/bin`, to give the node CNI plugins kindest/node lacks). */
  extraMountPaths?: string[];
  /** `nodes[i].extraPortMappings`: ports docker publishes on the host, forwarded to this node's container port. */
  portMappings?: PortMapping[];
}

/** A kind `extraPortMappings` entry (protocol TCP and listenAddress 0.0.0.0 by default). */
export interface PortMapping {
  containerPort: number;
  hostPort: number;
  listenAddress: string;
  protocol: string;
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
  /** `ipvs.scheduler` (IPVS mode); '' or absent means rr. */
  ipvsScheduler?: string;
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

/** `networking.k8s.io/v1` IngressBackend: a Service port, or a typed resource reference. */
export interface IngressBackend {
  /** `service`: name and port (number or name; exactly one set). */
  service?: { name: string; port: { number?: number; name?: string } };
  resource?: { apiGroup?: string; kind: string; name: string };
}

export type IngressPathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** One `spec.rules[]` entry: a host ('' = every host) and its HTTP paths (null when `http` is absent). */
export interface IngressRule {
  host: string;
  paths: { path: string; pathType: IngressPathType; backend: IngressBackend }[] | null;
}

/** `networking.k8s.io/v1` Ingress, validated as the API server does. */
export interface Ingress {
  meta: ObjectMeta;
  annotations: Record<string, string>;
  /** `spec.ingressClassName` as written (the DefaultIngressClass admission may fill it in later). */
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  rules: IngressRule[];
  tls: { hosts: string[]; secretName: string }[];
  /** Pinned `status.loadBalancer.ingress` (a replayed dump). */
  loadBalancer?: LoadBalancerIngress[];
  origin?: Origin;
}

/** `networking.k8s.io/v1` IngressClass (cluster-scoped). */
export interface IngressClass {
  meta: ObjectMeta;
  annotations: Record<string, string>;
  /** `spec.controller`, e.g. `k8s.io/ingress-nginx`. */
  controller: string;
  parameters?: { apiGroup?: string; kind: string; name: string; scope?: string; namespace?: string };
  origin?: Origin;
}

/** `v1.Secret`: its type and keys; values are never kept, except what a TLS check needs. */
export interface Secret {
  meta: ObjectMeta;
  annotations: Record<string, string>;
  /** `type` (default `Opaque`). */
  type: string;
  /** Keys of `data` and `stringData`, sorted. */
  dataKeys: string[];
  /** For `tls.crt`: the first certificate's names, or why it could not be read. */
  certificate?: { dnsNames: string[]; commonName?: string } | { error: string };
  origin?: Origin;
}

/**
 * Every kind a converter produces, and its model type. Adding a kind: a model type here,
 * a converter in manifest/convert/, one entry in manifest/convert/registry.ts.
 */
export interface KindModels {
  Namespace: Namespace;
  ConfigMap: ConfigMap;
  UpstreamZone: UpstreamZone;
  Pod: Pod;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
  StatefulSet: StatefulSet;
  DaemonSet: DaemonSet;
  Job: Job;
  Service: Service;
  Node: NodeDocument;
  Cluster: KindCluster;
  ClusterConfiguration: KubeadmClusterConfiguration;
  KubeProxyConfiguration: KubeProxyConfig;
  KubeletConfiguration: KubeletConfig;
  EndpointSlice: EndpointSliceDocument;
  Endpoints: EndpointsDocument;
  IPAddressPool: IPAddressPool;
  L2Advertisement: L2Advertisement;
  NetworkPolicy: NetworkPolicy;
  IPPool: CalicoIPPool;
  Installation: CalicoInstallation;
  Ingress: Ingress;
  IngressClass: IngressClass;
  Secret: Secret;
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

/** An object's namespace and name: '' namespace for cluster-scoped kinds; both '' for configuration files (no metadata). */
export function objectIdentity(o: { kind: ModelKind; object: ScenarioObject['object'] }): { namespace: string; name: string } {
  if (o.kind === 'Namespace') return { namespace: '', name: (o.object as Namespace).name };
  return 'meta' in o.object ? { namespace: o.object.meta.namespace, name: o.object.meta.name } : { namespace: '', name: '' };
}
