/**
 * The simulation result: what `kubectl get nodes,pods,svc,endpoints -A -o wide` would
 * show on a kind cluster after `kubectl apply` of the scenario and a moment's wait.
 * Every value is a primitive, array or plain object (it is stored as JSON), and every
 * list is sorted, so the same input gives byte-identical JSON.
 */
import type { Diagnostic } from './diagnostic';
import type { TimelineResult } from './timeline/types';

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
  /**
   * With a `Timeline` document: the state after step N (0 = before any step; default: after
   * the last). `timeline.steps` then lists steps 1..N.
   */
  atStep?: number;
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
  /** The installed CNI's share of the Pod network on this node; absent for kindnet and without a CNI. */
  cni?: NodeCniResult;
}

/** A node's Pod address ranges in the CNI's IPAM and the address the CNI took for the node itself. */
export interface NodeCniResult {
  /** flannel: `spec.podCIDR`; calico: the /26 blocks affine to the node; cilium: its cluster-pool CIDR(s) (or `spec.podCIDR` with ipam kubernetes). */
  podCIDRs: string[];
  /** calico's tunnel address (tunl0 / vxlan.calico: the block's first address), cilium's router IP (cilium_host); absent otherwise. */
  nodeIP?: string;
}

/** What the installed CNI does with Pod traffic (cluster/cni-config.ts reads it from the CNI's manifests). */
export interface CniSettingsResult {
  /** flannel `vxlan` | `host-gw`; calico `ipip` | `vxlan` | `none`; cilium `vxlan` | `geneve` | `native`. */
  backend: string;
  /** calico CrossSubnet mode: encapsulation only between subnets. */
  crossSubnet?: boolean;
  /** MTU of the Pods' eth0. */
  mtu: number;
  /** `host-local`, `calico-ipam`, `cluster-pool` or `kubernetes`. */
  ipam: string;
  /** flannel's Network, calico's pool CIDR, cilium's cluster-pool CIDR. */
  podNetwork: string;
  /** Prefix length of each node's share (24, calico's blockSize, cilium's mask size). */
  nodeMaskSize: number;
  /** cilium native routing: `auto-direct-node-routes` (routes to other nodes' Pod CIDRs via their InternalIP). */
  autoDirectNodeRoutes?: boolean;
  /** The UDP overlay: device (`flannel.1`, `vxlan.calico`, `cilium_vxlan`, `cilium_geneve`), VNI (0: cilium's per-packet VNI), destination port. */
  tunnel?: { device: string; vni: number; port: number };
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
  /** KubeProxyConfiguration `ipvs.scheduler` (IPVS mode's scheduler); absent: kube-proxy's default, `rr`. */
  ipvsScheduler?: string;
  /** The Pod network: `kindnet` (kind's default), `none` (`disableDefaultCNI: true` and no CNI installed), or the CNI the scenario installs: `flannel`, `calico`, `cilium`. */
  cni: string;
  /** The installed CNI's settings; absent for kindnet and none. */
  cniSettings?: CniSettingsResult;
  /** kubelet `clusterDNS`: the nameserver in every Pod's resolv.conf (normally kube-dns' ClusterIP). */
  clusterDNS: string;
  /** kind `extraPortMappings`: host ports docker publishes and forwards to a node's port; absent when none. */
  portMappings?: { node: string; hostPort: number; containerPort: number; protocol: string; listenAddress: string }[];
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
  containerPorts: { name: string; containerPort: number; protocol: string; hostPort?: number }[];
  /**
   * What kubectl prints in STATUS instead of the phase, when it differs: `ContainerCreating`
   * (scheduled, no sandbox/IP yet), `Completed` (a Job's Pod that Succeeded), `Terminating`
   * (`metadata.deletionTimestamp` set).
   */
  reason?: string;
  /** `spec.containers`: name, image ('' when not written), declared ports, and whether it is ready (READY counts them). */
  containers: { name: string; image: string; ports: { name: string; containerPort: number; protocol: string }[]; ready: boolean }[];
  /** Container restarts (RESTARTS); the simulator never restarts a container, so 0. */
  restarts: number;
  /** `spec.hostname` (a StatefulSet's Pods: the Pod name); absent when not set. */
  hostname?: string;
  /** `spec.subdomain` (a StatefulSet's Pods: its `serviceName`); with `hostname`, the Pod's DNS name is `<hostname>.<subdomain>.<namespace>.svc.<domain>`. */
  subdomain?: string;
  /** `metadata.deletionTimestamp` is set: the Pod is shutting down; it is never ready. */
  terminating: boolean;
  /** `status.conditions` as kubectl describe lists them (PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled, then readiness gates); only PodScheduled=False while unscheduled. */
  conditions: PodConditionResult[];
  /** Creation time on the scenario clock, in seconds (negative: created with the cluster); AGE is `now - createdAt`. */
  createdAt: number;
  /** `spec.dnsPolicy`: ClusterFirst (the default), ClusterFirstWithHostNet, Default or None; kubelet writes resolv.conf from it. */
  dnsPolicy: string;
  /** `spec.dnsConfig` as written (merged into resolv.conf); absent when not set. */
  dnsConfig?: PodDNSConfigResult;
  /** `spec.hostAliases` (extra /etc/hosts lines); absent when none. */
  hostAliases?: { ip: string; hostnames: string[] }[];
}

/** `v1.PodDNSConfig`. */
export interface PodDNSConfigResult {
  nameservers: string[];
  searches: string[];
  /** `value` absent: an option without value (`edns0`). */
  options: { name: string; value?: string }[];
}

/** A ConfigMap (`kubectl get configmaps`): the scenario's, and those a kind cluster has (kube-root-ca.crt in every namespace, kube-system/coredns, ...). */
export interface ConfigMapResult {
  namespace: string;
  name: string;
  /** `metadata.labels` ({} when none). */
  labels: Record<string, string>;
  /** `data`, keys sorted. kube-system/coredns carries the `Corefile` CoreDNS runs with. */
  data: Record<string, string>;
  /** `binaryData` keys (DATA counts them; values are not kept). */
  binaryDataKeys: string[];
  /** Creation time on the scenario clock, in seconds. */
  createdAt: number;
}

/** An `UpstreamZone` (kube-netlab.io/v1alpha1): a zone the DNS servers outside the cluster answer for. */
export interface UpstreamZoneResult {
  /** The document's `metadata.name`. */
  name: string;
  /** Lower case, no trailing dot (`example.com`). */
  zone: string;
  /** Default TTL, also the TTL of its negative answers. */
  ttl: number;
  /** Owner and data absolute (ending in a dot), in the order written. */
  records: { name: string; type: string; ttl: number; data: string }[];
}

/** One Pod condition (`status.conditions[]`). */
export interface PodConditionResult {
  type: string;
  /** `True` or `False`. */
  status: string;
}

/** A label selector as written (`matchLabels` + `matchExpressions`). */
export interface LabelSelectorResult {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

/**
 * A Deployment, StatefulSet, DaemonSet or Job (`kubectl get deploy,sts,ds,job`). Counts are
 * taken from its Pods as they are now.
 */
export interface WorkloadResult {
  namespace: string;
  name: string;
  /** `metadata.labels`. */
  labels: Record<string, string>;
  /** `spec.selector`; for a Job without `manualSelector`, the generated `batch.kubernetes.io/controller-uid` one. */
  selector: LabelSelectorResult;
  /** Desired Pods: `spec.replicas`; a DaemonSet's DESIRED (nodes that should run it); a Job's `completions`. */
  replicas: number;
  /** Pods with Ready=True (READY `readyReplicas/replicas`). */
  readyReplicas: number;
  /** Pods that exist (a DaemonSet's CURRENT: those scheduled; a Job's: those still running). */
  currentReplicas: number;
  /** Pods of the current template (UP-TO-DATE). */
  updatedReplicas: number;
  /** Ready Pods (AVAILABLE; minReadySeconds is taken as 0). */
  availableReplicas: number;
  /** The Pod template's containers (CONTAINERS, IMAGES of `-o wide`); image '' when not written. */
  containers: { name: string; image: string }[];
  /** The Pod template's `nodeSelector` (a DaemonSet's NODE SELECTOR). */
  nodeSelector: Record<string, string>;
  /** Creation time on the scenario clock, in seconds. */
  createdAt: number;
  /** StatefulSet: `spec.serviceName`. */
  serviceName?: string;
  /** Job: `spec.completions` and `spec.parallelism`. */
  completions?: number;
  parallelism?: number;
  /** Job: Pods that Succeeded (COMPLETIONS `succeeded/completions`). */
  succeeded?: number;
}

/** A PersistentVolumeClaim a StatefulSet's volumeClaimTemplates made (`kubectl get pvc`). */
export interface PersistentVolumeClaimResult {
  namespace: string;
  /** `<template>-<statefulset>-<ordinal>`. */
  name: string;
  /** `Bound` once its Pod is scheduled (kind's `standard` class binds on first consumer), else `Pending`. */
  status: string;
  /** The bound PersistentVolume (`pvc-<uid>`); '' while Pending. */
  volume: string;
  /** CAPACITY: the requested storage once Bound; '' while Pending. */
  capacity: string;
  /** ACCESS MODES as written (`ReadWriteOnce`, ...). */
  accessModes: string[];
  /** STORAGECLASS: the template's, or kind's default `standard`. */
  storageClass: string;
  /** The StatefulSet whose template made it. */
  statefulSet: string;
  /** Creation time on the scenario clock, in seconds. */
  createdAt: number;
}

/** A ReplicaSet: one a Deployment's controller created, or one written by hand. */
export interface ReplicaSetResult {
  namespace: string;
  /** `<deployment>-<pod-template-hash>`, or the document's name. */
  name: string;
  /** The owning Deployment; '' for a ReplicaSet written by hand. */
  deployment: string;
  /** `metadata.labels` (a Deployment's: template labels + pod-template-hash); {} for kind's own. */
  labels: Record<string, string>;
  /** `spec.selector` (a Deployment's: its selector + pod-template-hash); null for kind's own. */
  selector: LabelSelectorResult | null;
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
  /** Present (true) only for a terminating Pod's endpoint (its slice says `terminating: true`). */
  terminating?: boolean;
  /** With `terminating`: whether the Pod still passes readiness (kube-proxy falls back to serving terminating endpoints when no endpoint is ready). */
  serving?: boolean;
}

/** `status.loadBalancer.ingress[]`: the LoadBalancer's external address (EXTERNAL-IP). */
export interface LoadBalancerIngressResult {
  ip?: string;
  hostname?: string;
}

/** What ExternalDNS would publish for a Service (from its annotations). */
export interface ExternalDNSResult {
  /** `external-dns.alpha.kubernetes.io/hostname`, split at commas, spaces removed. */
  hostnames: string[];
  /** `external-dns.alpha.kubernetes.io/ttl` in seconds (integer or Go duration, 1..2147483647); absent: the provider's default. */
  ttl?: number;
}

/** An object reference (`targetRef`). */
export interface ObjectReferenceResult {
  kind: string;
  namespace: string;
  name: string;
}

/** A port of an EndpointSlice or an Endpoints subset. */
export interface EndpointPortResult {
  /** '' when the Service port is unnamed. */
  name: string;
  /** The resolved target port on the backends. */
  port: number;
  protocol: string;
}

/** One endpoint of an EndpointSlice (`discovery.k8s.io/v1` Endpoint). */
export interface EndpointSliceEndpointResult {
  /** One IPv4 address (a Pod IP, or an address written by hand). */
  addresses: string[];
  /**
   * As the controller sets them: `serving` = the Pod is Ready; `terminating` = its deletion
   * was requested; `ready` = serving and not terminating, or publishNotReadyAddresses. A field
   * absent here is unset in the object (mirrored and hand-written slices; unset ready means ready).
   */
  conditions: { ready?: boolean; serving?: boolean; terminating?: boolean };
  /** The Pod's node. */
  nodeName?: string;
  /** The node's `topology.kubernetes.io/zone` label, when it has one (kind nodes have none). */
  zone?: string;
  /** `targetRef` (kind Pod for controller-made slices). */
  targetRef?: ObjectReferenceResult;
  /** The Pod's `spec.hostname` when its `spec.subdomain` names this (headless) Service. */
  hostname?: string;
}

/** An EndpointSlice (`kubectl get endpointslices`): controller-made, mirrored from Endpoints, or written by hand. */
export interface EndpointSliceResult {
  namespace: string;
  /** `<service>-<5 chars>` (generateName, seeded) for controller-made and mirrored slices; `kubernetes` for the API server's. */
  name: string;
  /** The `kubernetes.io/service-name` label; '' when a hand-written slice lacks it (kube-proxy then ignores it). */
  service: string;
  /** IPv4 (FQDN/IPv6 only when written by hand). */
  addressType: string;
  /** The Service's labels plus `kubernetes.io/service-name`, `endpointslice.kubernetes.io/managed-by` and, for headless Services, `service.kubernetes.io/headless`. */
  labels: Record<string, string>;
  /** The ports resolved for the slice's endpoints, in Service port order; [] for the placeholder of a Service without endpoints. */
  ports: EndpointPortResult[];
  /** At most 100 per slice, in placement order. */
  endpoints: EndpointSliceEndpointResult[];
  /** Creation time on the scenario clock, in seconds. */
  createdAt: number;
}

/** An address of an Endpoints subset. */
export interface EndpointAddressResult {
  ip: string;
  nodeName?: string;
  targetRef?: ObjectReferenceResult;
  hostname?: string;
}

/** A v1 Endpoints object (`kubectl get endpoints`), deprecated since v1.33 but still maintained. */
export interface EndpointsResult {
  namespace: string;
  /** The Service's name. */
  name: string;
  /** The Service's labels (+ `service.kubernetes.io/headless` for headless Services). */
  labels: Record<string, string>;
  /** `endpoints.kubernetes.io/over-capacity: truncated` when more than 1000 addresses were cut. */
  annotations: Record<string, string>;
  /** One per set of ports offered by the same addresses; addresses sorted by IP. */
  subsets: { addresses: EndpointAddressResult[]; notReadyAddresses: EndpointAddressResult[]; ports: EndpointPortResult[] }[];
  /** Creation time on the scenario clock, in seconds. */
  createdAt: number;
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
  /**
   * Every endpoint × port of the Service's EndpointSlices (what kube-proxy programs),
   * sorted by port name, protocol, IP, port, Pod name. Empty for ExternalName Services and
   * for Services without selector that have no EndpointSlices (hand-written or mirrored).
   */
  endpoints: EndpointResult[];
  /** `metadata.labels`. */
  labels: Record<string, string>;
  /** `metadata.annotations` ({} when none). */
  annotations: Record<string, string>;
  /** `spec.externalIPs` ([] when none): addresses kube-proxy also answers on. */
  externalIPs: string[];
  /** `spec.sessionAffinity`: None or ClientIP. */
  sessionAffinity: string;
  /** `spec.sessionAffinityConfig.clientIP.timeoutSeconds` for ClientIP (default 10800). */
  sessionAffinityTimeoutSeconds?: number;
  /** Cluster or Local; absent unless externally accessible (NodePort, LoadBalancer, or externalIPs). */
  externalTrafficPolicy?: string;
  /** Cluster or Local; absent for ExternalName. */
  internalTrafficPolicy?: string;
  /** The node port kube-proxy serves the Service's health check on (LoadBalancer + externalTrafficPolicy Local). */
  healthCheckNodePort?: number;
  publishNotReadyAddresses: boolean;
  /** `status.loadBalancer.ingress` (EXTERNAL-IP): pinned, or assigned by MetalLB; [] while pending and for other types. */
  loadBalancerIngress: LoadBalancerIngressResult[];
  /** What ExternalDNS would publish; absent without the `external-dns.alpha.kubernetes.io/hostname` annotation. */
  externalDNS?: ExternalDNSResult;
  /** Creation time on the scenario clock, in seconds. */
  createdAt: number;
}

/** A `ports[]` entry of a NetworkPolicy rule, defaulted (protocol TCP). */
export interface NetworkPolicyPortResult {
  /** TCP, UDP or SCTP. */
  protocol: string;
  /** A number, a container port name (resolved on the destination Pod), or absent: every port of the protocol. */
  port?: number | string;
  /** With a numeric `port`: the last port of the range `port..endPort`. */
  endPort?: number;
}

/**
 * A `from[]` / `to[]` entry. `podSelector` alone: Pods of the policy's namespace;
 * `namespaceSelector` alone: every Pod of the matching namespaces; both: Pods matching
 * `podSelector` inside the matching namespaces; `ipBlock`: addresses in `cidr` minus `except`.
 */
export interface NetworkPolicyPeerResult {
  podSelector?: LabelSelectorResult;
  namespaceSelector?: LabelSelectorResult;
  ipBlock?: { cidr: string; except: string[] };
}

/** An ingress rule (`from`, `ports`); an empty list matches every peer / port. */
export interface NetworkPolicyIngressRuleResult {
  ports: NetworkPolicyPortResult[];
  from: NetworkPolicyPeerResult[];
}

/** An egress rule (`to`, `ports`); an empty list matches every peer / port. */
export interface NetworkPolicyEgressRuleResult {
  ports: NetworkPolicyPortResult[];
  to: NetworkPolicyPeerResult[];
}

/** A NetworkPolicy (`kubectl get networkpolicies`), as the API server stores it after defaulting. */
export interface NetworkPolicyResult {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** `spec.podSelector`: the Pods of its namespace it applies to (`{}`: all of them). */
  podSelector: LabelSelectorResult;
  /** Effective `spec.policyTypes` (as written, or defaulted: Ingress, plus Egress when there are egress rules). */
  policyTypes: string[];
  /** `spec.ingress`; [] with Ingress in policyTypes: the selected Pods accept no connection. */
  ingress: NetworkPolicyIngressRuleResult[];
  /** `spec.egress`; [] with Egress in policyTypes: the selected Pods open no connection. */
  egress: NetworkPolicyEgressRuleResult[];
  /** When it was (last) applied, on the scenario clock, in seconds. */
  createdAt: number;
}

/** An Ingress backend (`networking.k8s.io/v1` IngressBackend): a Service port, or a resource reference. */
export interface IngressBackendResult {
  /** `service.name` (in the Ingress's namespace) and `service.port` (`number` or `name`, one of them). */
  service?: { name: string; port: { number?: number; name?: string } };
  resource?: { apiGroup?: string; kind: string; name: string };
}

/** One `spec.rules[]` entry. */
export interface IngressRuleResult {
  /** '' when the rule has no host (it applies to every host no other rule takes). */
  host: string;
  /** `http.paths` in document order; null when the rule has no `http`. */
  paths: { path: string; pathType: string; backend: IngressBackendResult }[] | null;
}

/** What ExternalDNS (`--source=ingress`) would publish for an Ingress. */
export interface IngressExternalDNSResult {
  /** `external-dns.alpha.kubernetes.io/hostname`, split at commas, spaces removed; [] without it. */
  hostnames: string[];
  /** The hosts of `spec.rules` and `spec.tls`, deduplicated in order (published unless ExternalDNS runs with `--ignore-ingress-rules-spec` / `--ignore-ingress-tls-spec`). */
  specHosts: string[];
  /** `external-dns.alpha.kubernetes.io/target` (split at commas) when set, else the Ingress's status addresses (IP or hostname). */
  targets: string[];
  /** `external-dns.alpha.kubernetes.io/ttl` in seconds; absent: the provider's default. */
  ttl?: number;
}

/** An Ingress (`kubectl get ingress`), with what its controller made of it. */
export interface IngressResult {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** `spec.ingressClassName` as stored: as written, or filled in by the DefaultIngressClass admission plugin; null when neither. */
  ingressClassName: string | null;
  rules: IngressRuleResult[];
  /** `spec.defaultBackend`; null when unset. */
  defaultBackend: IngressBackendResult | null;
  tls: { hosts: string[]; secretName: string }[];
  /** The controller serving it (an `ingressControllers` entry's namespace/name); null when no controller claims it (a diagnostic says why). */
  controller: { namespace: string; name: string } | null;
  /** `status.loadBalancer.ingress` (ADDRESS): what the serving controller publishes, or pinned; [] when none. */
  loadBalancerIngress: LoadBalancerIngressResult[];
  /** What ExternalDNS would publish; absent when the Ingress has neither hosts nor the hostname annotation. */
  externalDNS?: IngressExternalDNSResult;
  /** Creation time on the scenario clock, in seconds. */
  createdAt: number;
}

/** An IngressClass (`kubectl get ingressclass`). */
export interface IngressClassResult {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** `spec.controller`, e.g. `k8s.io/ingress-nginx`. */
  controller: string;
  /** Annotated `ingressclass.kubernetes.io/is-default-class: "true"`. */
  isDefault: boolean;
  parameters?: { apiGroup?: string; kind: string; name: string; scope?: string; namespace?: string };
  createdAt: number;
}

/** An Ingress controller recognised from its Pods (ingress-nginx: `/nginx-ingress-controller` and its flags). */
export interface IngressControllerResult {
  /** The workload running it (a Deployment or DaemonSet; a bare Pod's own name). */
  namespace: string;
  name: string;
  kind: string;
  /** Which implementation: `ingress-nginx`. */
  implementation: string;
  /** `--controller-class` (default `k8s.io/ingress-nginx`): IngressClasses with this `spec.controller` are its. */
  controllerClass: string;
  /** `--ingress-class` (default `nginx`): the class name the deprecated `kubernetes.io/ingress.class` annotation must carry. */
  ingressClass: string;
  /** `--watch-ingress-without-class`: also serves Ingresses that name no class. */
  watchIngressWithoutClass: boolean;
  /** `--ingress-class-by-name`: the IngressClass named `ingressClass` is served whatever its `spec.controller`. */
  ingressClassByName: boolean;
  /** `--publish-status-address`, when given. */
  publishStatusAddress?: string;
  /** `--publish-service` (`namespace/name`), when given. */
  publishService?: string;
  /** `--default-backend-service` (`namespace/name`), when given: unmatched requests go there instead of the built-in 404. */
  defaultBackendService?: string;
  /** `--watch-namespace`, when given: only Ingresses of that namespace are served. */
  watchNamespace?: string;
  /** Its Pods, sorted by name; `hostPorts` maps container port → host port (kind's deploy binds 80 and 443 on the node). */
  pods: { name: string; ip: string | null; nodeName: string | null; ready: boolean; hostPorts: { containerPort: number; hostPort: number; protocol: string }[] }[];
  /** Services selecting its Pods (`namespace/name`), e.g. `ingress-nginx/ingress-nginx-controller`. */
  services: string[];
  /** The status address it writes into the Ingresses it serves ([] while none of its Pods is ready). */
  address: LoadBalancerIngressResult[];
}

/** A Secret's metadata (`kubectl get secret`); values are never part of the result. */
export interface SecretResult {
  namespace: string;
  name: string;
  /** `type` (TYPE), `Opaque` by default. */
  type: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Keys of `data` and `stringData` (DATA is their count). */
  dataKeys: string[];
  /** For a `tls.crt`: the first certificate's subjectAltName DNS names and subject commonName, or why it could not be read. */
  certificate?: { dnsNames: string[]; commonName?: string } | { error: string };
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
  /** Each namespace's labels, the automatic `kubernetes.io/metadata.name` included (what namespaceSelectors see). */
  namespaceLabels: Record<string, Record<string, string>>;
  /** Every NetworkPolicy, sorted by namespace then name. */
  networkPolicies: NetworkPolicyResult[];
  /** Every Pod, system Pods included, sorted by namespace then name. */
  pods: PodResult[];
  replicaSets: ReplicaSetResult[];
  /** Deployments of the scenario, sorted by namespace then name (kind's own, e.g. coredns, are not listed). */
  deployments: WorkloadResult[];
  /** StatefulSets, sorted by namespace then name. */
  statefulSets: WorkloadResult[];
  /** DaemonSets of the scenario, sorted (kind's kindnet and kube-proxy are not listed). */
  daemonSets: WorkloadResult[];
  /** Jobs, sorted by namespace then name. */
  jobs: WorkloadResult[];
  /** PersistentVolumeClaims from StatefulSet volumeClaimTemplates, sorted by namespace then name. */
  persistentVolumeClaims: PersistentVolumeClaimResult[];
  /** Every Service, default/kubernetes and kube-system/kube-dns included, sorted by namespace then name. */
  services: ServiceResult[];
  /** Every EndpointSlice (the API server's `kubernetes` one included), sorted by namespace then name. */
  endpointSlices: EndpointSliceResult[];
  /** Every Endpoints object (controller-made and hand-written), sorted by namespace then name. */
  endpoints: EndpointsResult[];
  /** Every ConfigMap (kind's own included; a scenario's replaces kind's of the same name), sorted by namespace then name. */
  configMaps: ConfigMapResult[];
  /** The scenario's UpstreamZone documents, sorted by zone: what DNS outside the cluster answers (dns/README.md). */
  upstreamZones: UpstreamZoneResult[];
  /** Everything the engine has to say about the input, sorted by file and position. */
  diagnostics: Diagnostic[];
  /**
   * The scenario's `Timeline` steps as run (timeline/types.ts): when each ran, what it
   * printed, what it changed. Absent when the scenario has no Timeline; the rest of the
   * result is then the state after the last step run.
   */
  timeline?: TimelineResult;
  /** Ingresses, sorted by namespace then name. */
  ingresses: IngressResult[];
  /** IngressClasses, sorted by name. */
  ingressClasses: IngressClassResult[];
  /** Ingress controllers recognised among the Pods, sorted by namespace then name. */
  ingressControllers: IngressControllerResult[];
  /** Secrets (metadata and keys only), sorted by namespace then name. */
  secrets: SecretResult[];
}
