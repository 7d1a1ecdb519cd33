/**
 * The simulated cluster as mutable state: what the API server stores (the applied
 * objects), what the controllers, the scheduler and the kubelets made of them (ReplicaSets,
 * Pods with their node, IP, phase and readiness, Services with their allocations and
 * endpoints), and the allocators that keep addresses stable between passes.
 *
 * The life cycle: `createClusterState(topology)` (a fresh kind cluster), then any number
 * of rounds of mutation (apply.ts: `applyObjects`, `deleteObject`; or direct changes such
 * as `node.ready = false`, `pod.readyOverride = false`) each followed by `reconcile(state)`
 * (reconcile.ts), then `buildResult(state)` (build-result.ts) for a snapshot.
 *
 * Allocations survive passes: a Pod keeps its node and IP, a Service its ClusterIP and
 * NodePorts; what is new gets new values (host-local continues after its last address).
 *
 * The scenario clock: `now` is in seconds from the scenario's start (the first apply;
 * default 0), set by the caller and never read from the system. Everything records its
 * creation time on it (`createdAt`), so AGE is `now - createdAt`; the cluster itself was
 * created before the scenario started (negative times, see cluster/kind-defaults.ts).
 */
import type { Diagnostic } from './diagnostic';
import type { KindModels, LabelSelector, LoadBalancerIngress, ModelKind, Origin, Pod, PodSpec, Service } from './model';
import type { EndpointResult } from './result';
import { HostLocalIpam, type PodIpam } from './cluster/ipam';
import { createPodIpams } from './cluster/cni-ipam';
import { kindSystemObjects } from './cluster/kind-defaults';
import type { ClusterNode, ClusterTopology } from './cluster/topology';
import type { EndpointSliceState, EndpointsState } from './controllers/endpointslice-state';
import { ClusterIPAllocator, NodePortAllocator } from './controllers/service-ip';
import type { SeededRandom } from './util/rand';

/** An object as the API server stores it. */
export interface StoredObject<K extends ModelKind = ModelKind> {
  kind: K;
  object: KindModels[K];
  /** Scenario time of the (last) apply. */
  appliedAt: number;
  /** Position in apply order, across every apply: orders what controllers create in one pass. */
  applySeq: number;
}

export interface NamespaceState {
  name: string;
  createdAt: number;
  /** Created by kind (default, kube-system, ...). */
  system: boolean;
  /** `metadata.labels` as written or set by `kubectl label` (without the automatic `kubernetes.io/metadata.name`). */
  labels?: Record<string, string>;
  origin?: Origin;
}

/** A ReplicaSet: desired replicas of a Pod template. */
export interface ReplicaSetState {
  namespace: string;
  /** `<deployment>-<pod-template-hash>`. */
  name: string;
  /** The owning Deployment's name; '' for a ReplicaSet written by hand. */
  deployment: string;
  podTemplateHash: string;
  /** Desired replicas (0 for a ReplicaSet a rollout replaced). */
  replicas: number;
  createdAt: number;
  /** Created with the cluster; no controller acts on it. */
  system: boolean;
  /** The Pod template; absent for system ReplicaSets. */
  template?: { labels: Record<string, string>; spec: PodSpec };
  /** `metadata.labels` (a Deployment's: its template labels + pod-template-hash); absent for system ReplicaSets. */
  labels?: Record<string, string>;
  /** `spec.selector` (a Deployment's: its selector + pod-template-hash). */
  selector?: LabelSelector;
  /** Where the owning Deployment was written (diagnostics point there). */
  origin?: Origin;
  /** Generator of Pod name suffixes; continues across passes, so replacements get new names. */
  rand?: SeededRandom;
  /** The next Pod's ordinal: orders Pods created in one pass. */
  nextOrdinal: number;
  /** The owning object's `applySeq`. */
  applySeq: number;
}

/** Who made a Pod: kind (system), the API server from a Pod document, or a controller (`key`: its `namespace/name`). */
export type PodSource = { kind: 'system' } | { kind: 'Pod'; key: string } | { kind: 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job'; key: string };

/** A StatefulSet, DaemonSet or Job as its controller tracks it (controllers/statefulset.ts, daemonset.ts, job.ts). */
export interface WorkloadState {
  kind: 'StatefulSet' | 'DaemonSet' | 'Job';
  namespace: string;
  name: string;
  /** First seen by its controller, on the scenario clock. */
  createdAt: number;
  /** The owning object's `applySeq`. */
  applySeq: number;
  /** Generator of Pod name suffixes (DaemonSet, Job) and of the object's uid; continues across passes. */
  rand: SeededRandom;
  /** `metadata.uid` stand-in (a Job's `controller-uid` label). */
  uid: string;
  /** The next Pod's ordinal (orders Pods created in one pass). */
  nextOrdinal: number;
  /** A Job's Pods that ran to completion. */
  succeeded: number;
}

/** A PersistentVolumeClaim a StatefulSet's volumeClaimTemplates made (`<template>-<statefulset>-<ordinal>`). */
export interface PersistentVolumeClaimState {
  namespace: string;
  name: string;
  /** kind's default StorageClass `standard` (rancher.io/local-path) unless the template names one. */
  storageClass: string;
  /** `spec.resources.requests.storage` as written. */
  capacity: string;
  accessModes: string[];
  /** `Pending` until a Pod using it is scheduled (WaitForFirstConsumer), then `Bound`. */
  status: 'Pending' | 'Bound';
  /** The bound PersistentVolume, `pvc-<uid>`; '' while Pending. */
  volume: string;
  /** The StatefulSet whose template made it (claims are kept when it scales down: Retain). */
  statefulSet: string;
  createdAt: number;
}

/** A Pod and what the scheduler and its node's kubelet made of it. */
export interface PodState {
  pod: Pod;
  source: PodSource;
  createdAt: number;
  /**
   * Creation order (compared element by element): [createdAt, applySeq of the object that
   * caused it, ordinal]. The scheduler and IPAM handle new Pods in this order.
   */
  creationKey: number[];
  nodeName: string | null;
  ip: string | null;
  /** `status.phase`. */
  phase: string;
  /** The Ready condition. */
  ready: boolean;
  /** Why it is not scheduled (the FailedScheduling message), when it is not. */
  pendingReason?: string;
  /** What kubectl shows in STATUS instead of the phase (`ContainerCreating`), when it differs. */
  reason?: string;
  /** Forces the Ready condition (a timeline flips readiness); undefined: computed. */
  readyOverride?: boolean;
  /** `metadata.deletionTimestamp` is set (kubectl shows Terminating); never ready, so not a ready endpoint. */
  terminating: boolean;
}

/** A Service with what the API server allocated and the endpoints controller computed. */
export interface ServiceState {
  service: Service;
  createdAt: number;
  system: boolean;
  /** Allocated or pinned ClusterIP; 'None' for headless; null for ExternalName. */
  clusterIP: string | null;
  /** Per `service.ports` entry: the NodePort, or undefined. */
  nodePorts: (number | undefined)[];
  /** Recomputed by every pass. */
  endpoints: EndpointResult[];
  /** Allocated or pinned health-check NodePort (LoadBalancer + externalTrafficPolicy Local). */
  healthCheckNodePort?: number;
  /** `status.loadBalancer.ingress`: pinned, or assigned by MetalLB (controllers/load-balancer.ts). */
  loadBalancerIngress?: LoadBalancerIngress[];
  /** The MetalLB IPAddressPool the address came from. */
  loadBalancerPool?: string;
}

export interface ClusterState {
  /** The scenario clock, seconds from the scenario's start. */
  now: number;
  /** Mixed into every generated name's seed. */
  seed: string;
  topology: ClusterTopology;
  /** Applied objects by `Kind/namespace/name`, in apply order. */
  store: Map<string, StoredObject>;
  namespaces: Map<string, NamespaceState>;
  /** By `namespace/name`. */
  replicaSets: Map<string, ReplicaSetState>;
  /** By `namespace/name`; insertion order is creation order. */
  pods: Map<string, PodState>;
  /** By `namespace/name`. */
  services: Map<string, ServiceState>;
  /** StatefulSets, DaemonSets and Jobs their controllers track, by `Kind/namespace/name`. */
  workloads: Map<string, WorkloadState>;
  /** PersistentVolumeClaims (from StatefulSet volumeClaimTemplates) by `namespace/name`. */
  persistentVolumeClaims: Map<string, PersistentVolumeClaimState>;
  /** EndpointSlices (controller-made, mirrored, hand-written) by `namespace/name`. */
  endpointSlices: Map<string, EndpointSliceState>;
  /** Endpoints objects (controller-made and hand-written) by `namespace/name`. */
  endpointsObjects: Map<string, EndpointsState>;
  /** generateName suffix generators per owner (`Service/ns/name`, `Endpoints/ns/name`): continue across passes. */
  sliceNames: Map<string, SeededRandom>;
  /** Pod address pool per node name: host-local (kindnet, flannel) or the CNI's own IPAM (cluster/cni-ipam.ts). */
  ipam: Map<string, PodIpam>;
  clusterIPs: ClusterIPAllocator;
  nodePorts: NodePortAllocator;
  /** What happened once (admission refusals, allocation errors): kept across passes. */
  events: Diagnostic[];
  /** What holds now (Pending Pods, empty endpoints): cleared and recomputed by every pass. */
  conditions: Diagnostic[];
  nextApplySeq: number;
}

export interface ClusterStateOptions {
  now?: number;
  seed?: string;
}

/** A fresh kind cluster of `topology`: system namespaces, Pods, ReplicaSets and Services. */
export function createClusterState(topology: ClusterTopology, options: ClusterStateOptions = {}): ClusterState {
  const state: ClusterState = {
    now: options.now ?? 0,
    seed: options.seed ?? '',
    topology,
    store: new Map(),
    namespaces: new Map(),
    replicaSets: new Map(),
    pods: new Map(),
    services: new Map(),
    workloads: new Map(),
    persistentVolumeClaims: new Map(),
    endpointSlices: new Map(),
    endpointsObjects: new Map(),
    sliceNames: new Map(),
    ipam: createPodIpams(topology),
    clusterIPs: new ClusterIPAllocator(topology.serviceCIDR),
    nodePorts: new NodePortAllocator(topology.nodePortRange.base, topology.nodePortRange.size),
    events: [],
    conditions: [],
    nextApplySeq: 0,
  };
  const system = kindSystemObjects(topology);
  for (const ns of system.namespaces) state.namespaces.set(ns.name, { name: ns.name, createdAt: system.createdAt, system: true });
  for (const rs of system.replicaSets) state.replicaSets.set(`${rs.namespace}/${rs.name}`, { ...rs, system: true, nextOrdinal: rs.replicas, applySeq: -1 });
  system.pods.forEach(({ pod, createdAt }, i) => {
    state.pods.set(`${pod.meta.namespace}/${pod.meta.name}`, {
      pod,
      source: { kind: 'system' },
      createdAt,
      creationKey: [createdAt, -1, i],
      nodeName: null,
      ip: null,
      phase: 'Pending',
      ready: false,
      terminating: false,
    });
  });
  for (const svc of system.services) {
    const ok = state.clusterIPs.allocate(svc.clusterIP!).ok;
    state.services.set(`${svc.meta.namespace}/${svc.meta.name}`, { service: svc, createdAt: system.createdAt, system: true, clusterIP: ok ? svc.clusterIP! : null, nodePorts: [], endpoints: [] });
  }
  return state;
}

/** Gives a node its host-local pool (nodes without a podCIDR have none). */
export function addNodeIpam(state: ClusterState, node: ClusterNode): void {
  if (node.podCIDR && !state.ipam.has(node.name)) state.ipam.set(node.name, new HostLocalIpam(node.podCIDR));
}

/**
 * A namespace's labels as the API server returns them: its own plus
 * `kubernetes.io/metadata.name=<name>`, which the API server sets on every namespace and
 * resets on every update (so NetworkPolicies can select a namespace by name). Keys sorted.
 */
export function namespaceLabelsOf(ns: NamespaceState): Record<string, string> {
  const labels: Record<string, string> = { ...(ns.labels ?? {}), 'kubernetes.io/metadata.name': ns.name };
  return Object.fromEntries(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}

/** Each topology's nodes by name (the first of a name wins), built once: the kubelet and controllers look nodes up per Pod. */
const nodeIndexes = new WeakMap<ClusterNode[], Map<string, ClusterNode>>();

export function nodeByName(state: ClusterState, name: string): ClusterNode | undefined {
  const nodes = state.topology.nodes;
  let index = nodeIndexes.get(nodes);
  if (!index) {
    index = new Map();
    for (const n of nodes) if (!index.has(n.name)) index.set(n.name, n);
    nodeIndexes.set(nodes, index);
  }
  return index.get(name);
}

/** The stored objects of one kind, in apply order. */
export function storedOfKind<K extends ModelKind>(state: ClusterState, kind: K): StoredObject<K>[] {
  const out: StoredObject<K>[] = [];
  for (const entry of state.store.values()) if (entry.kind === kind) out.push(entry as StoredObject<K>);
  return out;
}

/** Creates a Pod (controllers call this); its node, IP and phase come from later steps. */
export function addPod(state: ClusterState, pod: Pod, source: PodSource, creationKey: number[]): PodState {
  const podState: PodState = { pod, source, createdAt: state.now, creationKey, nodeName: null, ip: null, phase: 'Pending', ready: false, terminating: pod.deleting === true };
  state.pods.set(`${pod.meta.namespace}/${pod.meta.name}`, podState);
  return podState;
}

/** Deletes a Pod and frees its address (host-local keeps its cursor, so the address is not reused at once). */
export function removePod(state: ClusterState, key: string): void {
  const s = state.pods.get(key);
  if (!s) return;
  if (s.ip && s.nodeName && !s.pod.spec.hostNetwork) {
    const pool = state.ipam.get(s.nodeName);
    if (pool?.contains(s.ip)) pool.release(s.ip);
  }
  state.pods.delete(key);
}

/** Orders Pods by creation (`creationKey`). */
export function compareCreation(a: PodState, b: PodState): number {
  const n = Math.max(a.creationKey.length, b.creationKey.length);
  for (let i = 0; i < n; i++) {
    const d = (a.creationKey[i] ?? 0) - (b.creationKey[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * A diagnostic about an object, located in its source when it has one: at the field `at`
 * (default: `path`; neither: the document). Without a source it names `fallbackObject`.
 */
export function diagnose(origin: Origin | undefined, fallbackObject: string, severity: Diagnostic['severity'], message: string, path?: string, hint?: string, at = path): Diagnostic {
  const pos = origin?.locate(at);
  return {
    severity,
    message,
    ...(path ? { path } : {}),
    ...(origin ? { file: origin.file, line: pos!.line, column: pos!.column, object: origin.label } : { object: fallbackObject }),
    ...(hint ? { hint } : {}),
  };
}

/**
 * A diagnostic about a Pod: at its own document for a Pod written by hand, at the owner's
 * `spec.replicas` for a Pod a controller made (the Pod has no document of its own).
 */
export function podDiagnostic(pod: Pod, severity: Diagnostic['severity'], message: string, path?: string, hint?: string): Diagnostic {
  const fallback = `Pod ${pod.meta.namespace}/${pod.meta.name}`;
  return pod.owner ? diagnose(pod.origin, fallback, severity, message, undefined, hint, 'spec.replicas') : diagnose(pod.origin, fallback, severity, message, path, hint);
}
