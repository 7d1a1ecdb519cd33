/**
 * The objects `kubectl` would list, read from a SimulationResult.
 *
 * Most views are the result's own objects. Two kinds of object are filled in here because
 * the result leaves them out on purpose: kind's own Deployments (coredns,
 * local-path-provisioner) and DaemonSets (kindnet, kube-proxy), which the result does not
 * list but whose ReplicaSets and Pods it does; and PersistentVolumes, one per bound claim
 * (the claim's `volume` names it), with the StorageClass kind installs.
 */
import type { EndpointsResult, EndpointSliceResult, LabelSelectorResult, PersistentVolumeClaimResult, PodResult, ServiceResult, SimulationResult, WorkloadResult } from '../../result';
import type { LabelSelector } from '../../model';
import { compareStrings } from '../../util/compare';
import { formatSelectorString } from '../../util/labels';
import { humanDuration } from '../duration';

/** A container as far as kubectl shows it. */
export interface ContainerView {
  name: string;
  /** '' when the manifest does not say. */
  image: string;
  ports: { name: string; containerPort: number; protocol: string }[];
  ready: boolean;
}

export interface PodView {
  pod: PodResult;
  containers: ContainerView[];
}

/** A workload controller (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job). */
export interface WorkloadView {
  kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** spec.selector.matchLabels (what `kubectl expose` copies). */
  selector: Record<string, string>;
  /** spec.selector as written (matchLabels + matchExpressions). */
  labelSelector: LabelSelectorResult;
  /** Desired: spec.replicas; a DaemonSet's desiredNumberScheduled; a Job's completions. */
  replicas: number;
  /** status.replicas (a DaemonSet's currentNumberScheduled; a Job's active Pods). */
  current: number;
  ready: number;
  updated: number;
  available: number;
  /** The Pod template's containers; ports are read from a Pod of the workload when it has one. */
  containers: ContainerView[];
  nodeSelector: Record<string, string>;
  createdAt: number | undefined;
  /** The Pods it owns (a Deployment: those of its ReplicaSets). */
  pods: PodView[];
  /** ReplicaSet: the owning Deployment ('' for none). */
  deployment?: string;
  /** StatefulSet: spec.serviceName. */
  serviceName?: string;
  /** Job: spec.completions / spec.parallelism / status.succeeded. */
  completions?: number;
  parallelism?: number;
  succeeded?: number;
}

/** A PersistentVolume the local-path provisioner made for a bound claim. */
export interface PersistentVolumeView {
  name: string;
  capacity: string;
  accessModes: string[];
  claim: PersistentVolumeClaimResult;
  createdAt: number;
}

/** A StorageClass (`kubectl get sc`). */
export interface StorageClassView {
  name: string;
  isDefault: boolean;
  provisioner: string;
  reclaimPolicy: string;
  volumeBindingMode: string;
  allowVolumeExpansion: boolean;
  createdAt: number | undefined;
}

/** AGE as kubectl prints it: HumanDuration(now − creation), `<unknown>` when the creation time is not known. */
export function ageOf(view: ClusterView, createdAt: number | undefined): string {
  if (createdAt === undefined) return '<unknown>';
  return humanDuration(view.now - createdAt);
}

/** Labels the controllers add to a Pod on top of its template's. */
export const CONTROLLER_POD_LABELS = ['pod-template-hash', 'controller-revision-hash', 'pod-template-generation', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index'];

export class ClusterView {
  /** Seconds on the scenario clock ("now"). */
  readonly now: number;
  readonly pods: PodView[];
  private readonly podsByOwner = new Map<string, PodView[]>();

  constructor(readonly result: SimulationResult) {
    this.now = result.now;
    this.pods = result.pods.map((pod) => ({ pod, containers: pod.containers.map((c) => ({ ...c })) }));
    for (const p of this.pods) {
      if (!p.pod.ownerKind) continue;
      const key = `${p.pod.ownerKind}/${p.pod.namespace}/${p.pod.ownerName}`;
      const list = this.podsByOwner.get(key) ?? [];
      list.push(p);
      this.podsByOwner.set(key, list);
    }
  }

  get namespaces(): { name: string; createdAt?: number }[] {
    // The result has no namespace creation times: kind's namespaces are as old as the cluster
    // (its oldest node); the scenario's are taken as applied with it, at second 0.
    const clusterCreated = Math.min(0, ...this.result.cluster.nodes.map((n) => n.createdAt));
    const system = new Set(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage']);
    return this.result.namespaces.map((name) => ({ name, createdAt: system.has(name) ? clusterCreated : 0 }));
  }

  get services(): ServiceResult[] {
    return this.result.services;
  }

  ownedPods(kind: string, namespace: string, name: string): PodView[] {
    return this.podsByOwner.get(`${kind}/${namespace}/${name}`) ?? [];
  }

  replicaSets(): WorkloadView[] {
    return this.result.replicaSets.map((rs) => {
      const pods = this.ownedPods('ReplicaSet', rs.namespace, rs.name);
      // kind's own ReplicaSets (coredns, local-path-provisioner) carry no labels/selector in the result: read them off their Pods.
      const template = templateLabels(pods);
      const derived = { ...template, 'pod-template-hash': rs.podTemplateHash };
      const labelSelector = rs.selector ?? { matchLabels: derived, matchExpressions: [] };
      const deployment = this.result.deployments.find((d) => d.namespace === rs.namespace && d.name === rs.deployment);
      return {
        kind: 'ReplicaSet' as const,
        namespace: rs.namespace,
        name: rs.name,
        labels: rs.selector ? rs.labels : derived,
        selector: labelSelector.matchLabels,
        labelSelector,
        replicas: rs.replicas,
        current: pods.length,
        ready: pods.filter((p) => p.pod.ready).length,
        updated: pods.length,
        available: pods.filter((p) => p.pod.ready).length,
        containers: deployment ? withPorts(deployment.containers, pods) : podTemplateContainers(pods),
        nodeSelector: deployment?.nodeSelector ?? {},
        createdAt: rs.createdAt,
        pods,
        deployment: rs.deployment,
      };
    });
  }

  deployments(): WorkloadView[] {
    const views = this.result.deployments.map((d) => {
      const pods = this.result.replicaSets.filter((rs) => rs.namespace === d.namespace && rs.deployment === d.name).flatMap((rs) => this.ownedPods('ReplicaSet', rs.namespace, rs.name));
      return this.workloadFrom('Deployment', d, pods);
    });
    // kind's own Deployments, from their ReplicaSets (the result lists only the scenario's).
    for (const rs of this.replicaSets()) {
      if (!rs.deployment || this.result.deployments.some((d) => d.namespace === rs.namespace && d.name === rs.deployment)) continue;
      if (views.some((v) => v.namespace === rs.namespace && v.name === rs.deployment)) continue;
      const { 'pod-template-hash': _hash, ...matchLabels } = rs.selector;
      views.push({ ...rs, kind: 'Deployment', name: rs.deployment, labels: matchLabels, selector: matchLabels, labelSelector: { matchLabels, matchExpressions: [] }, deployment: undefined });
    }
    return sortByName(views);
  }

  statefulSets(): WorkloadView[] {
    return this.result.statefulSets.map((s) => this.workloadFrom('StatefulSet', s, this.ownedPods('StatefulSet', s.namespace, s.name)));
  }

  daemonSets(): WorkloadView[] {
    const views = this.result.daemonSets.map((d) => this.workloadFrom('DaemonSet', d, this.ownedPods('DaemonSet', d.namespace, d.name)));
    // kind's own DaemonSets (kindnet, kube-proxy), from their Pods: one per node.
    const owners = new Map<string, PodView[]>();
    for (const p of this.pods) {
      if (p.pod.ownerKind !== 'DaemonSet' || this.result.daemonSets.some((d) => d.namespace === p.pod.namespace && d.name === p.pod.ownerName)) continue;
      owners.set(`${p.pod.namespace}/${p.pod.ownerName}`, this.ownedPods('DaemonSet', p.pod.namespace, p.pod.ownerName!));
    }
    for (const [key, pods] of owners) {
      const [namespace, name] = key.split('/');
      const matchLabels = templateLabels(pods);
      const ready = pods.filter((p) => p.pod.ready).length;
      // kubeadm's kube-proxy DaemonSet selects Linux nodes; kind's kindnet has no node selector.
      const nodeSelector: Record<string, string> = name === 'kube-proxy' ? { 'kubernetes.io/os': 'linux' } : {};
      views.push({ kind: 'DaemonSet', namespace, name, labels: matchLabels, selector: matchLabels, labelSelector: { matchLabels, matchExpressions: [] }, replicas: pods.length, current: pods.length, ready, updated: pods.length, available: ready, containers: podTemplateContainers(pods), nodeSelector, createdAt: Math.min(...pods.map((p) => p.pod.createdAt)), pods });
    }
    return sortByName(views);
  }

  jobs(): WorkloadView[] {
    return this.result.jobs.map((j) => this.workloadFrom('Job', j, this.ownedPods('Job', j.namespace, j.name)));
  }

  private workloadFrom(kind: WorkloadView['kind'], w: WorkloadResult, pods: PodView[]): WorkloadView {
    return {
      kind,
      namespace: w.namespace,
      name: w.name,
      labels: w.labels,
      selector: w.selector.matchLabels,
      labelSelector: w.selector,
      replicas: w.replicas,
      current: w.currentReplicas,
      ready: w.readyReplicas,
      updated: w.updatedReplicas,
      available: w.availableReplicas,
      containers: withPorts(w.containers, pods),
      nodeSelector: w.nodeSelector,
      createdAt: w.createdAt,
      pods,
      ...(w.serviceName !== undefined ? { serviceName: w.serviceName } : {}),
      ...(w.completions !== undefined ? { completions: w.completions } : {}),
      ...(w.parallelism !== undefined ? { parallelism: w.parallelism } : {}),
      ...(w.succeeded !== undefined ? { succeeded: w.succeeded } : {}),
    };
  }

  /** v1 Endpoints objects, as the endpoints controller (and the API server, for default/kubernetes) wrote them. */
  endpoints(): EndpointsResult[] {
    return this.result.endpoints;
  }

  endpointSlices(): EndpointSliceResult[] {
    return this.result.endpointSlices;
  }

  persistentVolumeClaims(): PersistentVolumeClaimResult[] {
    return this.result.persistentVolumeClaims;
  }

  /**
   * PersistentVolumes: kind's local-path provisioner makes one per bound claim, named as the
   * claim's `spec.volumeName` says (`pvc-<claim uid>`), with the claim's capacity and access
   * modes. Cluster-scoped, so listed by name.
   */
  persistentVolumes(): PersistentVolumeView[] {
    return this.result.persistentVolumeClaims
      .filter((c) => c.status === 'Bound' && c.volume !== '')
      .map((claim) => ({ name: claim.volume, capacity: claim.capacity, accessModes: claim.accessModes, claim, createdAt: claim.createdAt }))
      .sort((a, b) => compareStrings(a.name, b.name));
  }

  /**
   * kind's one StorageClass (kind's default storage manifest): `standard`, marked default
   * (storageclass.kubernetes.io/is-default-class), provisioner rancher.io/local-path,
   * reclaimPolicy Delete, volumeBindingMode WaitForFirstConsumer, no volume expansion.
   * Installed with the cluster, so as old as the nodes.
   */
  storageClasses(): StorageClassView[] {
    const created = this.result.cluster.nodes.length ? Math.min(...this.result.cluster.nodes.map((n) => n.createdAt)) : undefined;
    return [{ name: 'standard', isDefault: true, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: false, createdAt: created }];
  }
}

function sortByName(views: WorkloadView[]): WorkloadView[] {
  return views.sort((a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name));
}

/** Template containers with the ports a Pod of the workload declares (the result's workload containers carry name and image only). */
function withPorts(containers: { name: string; image: string }[], pods: PodView[]): ContainerView[] {
  const sample = pods[0]?.containers ?? [];
  return containers.map((c) => ({ name: c.name, image: c.image, ports: sample.find((s) => s.name === c.name)?.ports ?? [], ready: false }));
}

/** The Pod template's containers as seen on one of its Pods. */
function podTemplateContainers(pods: PodView[]): ContainerView[] {
  return (pods[0]?.containers ?? []).map((c) => ({ ...c, ready: false }));
}

/** The Pod template's labels as seen on its Pods (without the controllers' own labels). */
function templateLabels(pods: PodView[]): Record<string, string> {
  if (pods.length === 0) return {};
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(pods[0].pod.labels)) if (!CONTROLLER_POD_LABELS.includes(k)) labels[k] = v;
  return labels;
}

/**
 * labels.Selector String() of a LabelSelector (metav1.LabelSelectorAsSelector): requirements
 * sorted by key, `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`; values sorted.
 */
export function formatSelector(selector: LabelSelectorResult): string {
  return formatSelectorString(selector as LabelSelector);
}

/** metav1.FormatLabelSelector: the selector's string, `<none>` when it is empty. */
export function formatLabelSelector(selector: LabelSelectorResult): string {
  return formatSelector(selector) || '<none>';
}
