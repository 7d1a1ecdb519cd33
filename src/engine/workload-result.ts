/**
 * The workload part of the result (result.ts): Deployments, StatefulSets, DaemonSets,
 * Jobs and PersistentVolumeClaims with the counts `kubectl get` prints, and each Pod's
 * containers and conditions. Counts come from the Pods as they are now.
 */
import type { Container, LabelSelector, PodSpec } from './model';
import type { PersistentVolumeClaimResult, PodConditionResult, WorkloadResult } from './result';
import { readinessGatesPass } from './cluster/kubelet';
import { compareBy } from './util/compare';
import { storedOfKind, type ClusterState, type PodState, type ReplicaSetState } from './state';

const byNamespaceName = compareBy<{ namespace: string; name: string }>((o) => o.namespace, (o) => o.name);

export interface WorkloadResults {
  deployments: WorkloadResult[];
  statefulSets: WorkloadResult[];
  daemonSets: WorkloadResult[];
  jobs: WorkloadResult[];
  persistentVolumeClaims: PersistentVolumeClaimResult[];
}

export function buildWorkloadResults(state: ClusterState): WorkloadResults {
  const podsBySource = new Map<string, PodState[]>();
  for (const s of state.pods.values()) {
    if (s.source.kind === 'system' || s.source.kind === 'Pod') continue;
    const key = `${s.source.kind}/${s.source.key}`;
    const list = podsBySource.get(key);
    if (list) list.push(s);
    else podsBySource.set(key, [s]);
  }
  const podsOf = (kind: string, namespace: string, name: string) => podsBySource.get(`${kind}/${namespace}/${name}`) ?? [];
  const ready = (pods: PodState[]) => pods.filter((s) => s.ready).length;
  const active = (pods: PodState[]) => pods.filter((s) => s.phase !== 'Succeeded' && s.phase !== 'Failed');

  const setsByDeployment = new Map<string, ReplicaSetState[]>();
  for (const rs of state.replicaSets.values()) {
    if (rs.system || rs.deployment === '') continue;
    const key = `${rs.namespace}/${rs.deployment}`;
    const list = setsByDeployment.get(key);
    if (list) list.push(rs);
    else setsByDeployment.set(key, [rs]);
  }
  const deployments = storedOfKind(state, 'Deployment').map(({ object: d }) => {
    const { namespace, name } = d.meta;
    const sets = setsByDeployment.get(`${namespace}/${name}`) ?? [];
    const current = sets.find((rs) => rs.replicas > 0 || rs.template?.spec === d.template.spec);
    const pods = sets.flatMap((rs) => podsOf('ReplicaSet', namespace, rs.name));
    const updated = current ? podsOf('ReplicaSet', namespace, current.name).length : 0;
    const createdAt = sets.length > 0 ? Math.min(...sets.map((rs) => rs.createdAt)) : state.now;
    return workload(d.meta, d.selector, d.template.spec, { replicas: d.replicas, readyReplicas: ready(pods), currentReplicas: pods.length, updatedReplicas: updated, availableReplicas: ready(pods) }, createdAt);
  });

  const tracked = (kind: 'StatefulSet' | 'DaemonSet' | 'Job', namespace: string, name: string) => state.workloads.get(`${kind}/${namespace}/${name}`);

  const statefulSets = storedOfKind(state, 'StatefulSet').map(({ object: sts }) => {
    const pods = podsOf('StatefulSet', sts.meta.namespace, sts.meta.name);
    return workload(sts.meta, sts.selector, sts.template.spec, { replicas: sts.replicas, readyReplicas: ready(pods), currentReplicas: pods.length, updatedReplicas: pods.length, availableReplicas: ready(pods) }, tracked('StatefulSet', sts.meta.namespace, sts.meta.name)?.createdAt ?? state.now, { serviceName: sts.serviceName });
  });

  const daemonSets = storedOfKind(state, 'DaemonSet').map(({ object: ds }) => {
    const pods = podsOf('DaemonSet', ds.meta.namespace, ds.meta.name);
    const scheduled = pods.filter((s) => s.nodeName !== null).length;
    return workload(ds.meta, ds.selector, ds.template.spec, { replicas: pods.length, readyReplicas: ready(pods), currentReplicas: scheduled, updatedReplicas: pods.length, availableReplicas: ready(pods) }, tracked('DaemonSet', ds.meta.namespace, ds.meta.name)?.createdAt ?? state.now);
  });

  const jobs = storedOfKind(state, 'Job').map(({ object: job }) => {
    const pods = podsOf('Job', job.meta.namespace, job.meta.name);
    const t = tracked('Job', job.meta.namespace, job.meta.name);
    const selector: LabelSelector = job.selector ?? { matchLabels: { 'batch.kubernetes.io/controller-uid': t?.uid ?? '' }, matchExpressions: [] };
    const succeeded = pods.filter((s) => s.phase === 'Succeeded').length;
    return workload(job.meta, selector, job.template.spec, { replicas: job.completions, readyReplicas: ready(pods), currentReplicas: active(pods).length, updatedReplicas: pods.length, availableReplicas: ready(pods) }, t?.createdAt ?? state.now, {
      completions: job.completions,
      parallelism: job.parallelism,
      succeeded,
    });
  });

  const persistentVolumeClaims = [...state.persistentVolumeClaims.values()].map((c) => ({
    namespace: c.namespace,
    name: c.name,
    status: c.status,
    volume: c.volume,
    capacity: c.status === 'Bound' ? c.capacity : '',
    accessModes: [...c.accessModes],
    storageClass: c.storageClass,
    statefulSet: c.statefulSet,
    createdAt: c.createdAt,
  }));

  return {
    deployments: deployments.sort(byNamespaceName),
    statefulSets: statefulSets.sort(byNamespaceName),
    daemonSets: daemonSets.sort(byNamespaceName),
    jobs: jobs.sort(byNamespaceName),
    persistentVolumeClaims: persistentVolumeClaims.sort(byNamespaceName),
  };
}

function workload(
  meta: { namespace: string; name: string; labels: Record<string, string> },
  selector: LabelSelector,
  spec: PodSpec,
  counts: Pick<WorkloadResult, 'replicas' | 'readyReplicas' | 'currentReplicas' | 'updatedReplicas' | 'availableReplicas'>,
  createdAt: number,
  extra: Partial<WorkloadResult> = {},
): WorkloadResult {
  return {
    namespace: meta.namespace,
    name: meta.name,
    labels: { ...meta.labels },
    selector: { matchLabels: { ...selector.matchLabels }, matchExpressions: selector.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, values: [...e.values] })) },
    ...counts,
    containers: spec.containers.map((c) => ({ name: c.name, image: c.image ?? '' })),
    nodeSelector: { ...spec.nodeSelector },
    createdAt,
    ...extra,
  };
}

/** A Pod's containers as `kubectl get pod` counts them in READY. */
export function podContainers(s: PodState): { name: string; image: string; ports: Container['ports']; ready: boolean }[] {
  const containersReady = containersAreReady(s);
  return s.pod.spec.containers.map((c) => ({ name: c.name, image: c.image ?? '', ports: c.ports.map((p) => ({ ...p })), ready: containersReady }));
}

/** Containers are ready when the Pod is, or when only its readiness gates hold it back. */
function containersAreReady(s: PodState): boolean {
  return s.ready || (s.phase === 'Running' && s.ip !== null && !s.terminating && !readinessGatesPass(s.pod) && (s.readyOverride ?? s.pod.status.ready !== false));
}

/** `status.conditions` in the order kubectl describe prints them, then the readiness gates' own. */
export function podConditions(s: PodState): PodConditionResult[] {
  const flag = (b: boolean) => (b ? 'True' : 'False');
  const scheduled = s.nodeName !== null;
  const sandbox = scheduled && s.ip !== null;
  const out: PodConditionResult[] = [
    { type: 'PodReadyToStartContainers', status: flag(sandbox && s.phase !== 'Succeeded') },
    { type: 'Initialized', status: flag(scheduled) },
    { type: 'Ready', status: flag(s.ready) },
    { type: 'ContainersReady', status: flag(containersAreReady(s)) },
    { type: 'PodScheduled', status: flag(scheduled) },
  ];
  for (const gate of s.pod.spec.readinessGates ?? []) out.push({ type: gate, status: s.pod.status.conditions?.find((c) => c.type === gate)?.status ?? 'False' });
  if (!scheduled) return out.filter((c) => c.type === 'PodScheduled');
  return out;
}
