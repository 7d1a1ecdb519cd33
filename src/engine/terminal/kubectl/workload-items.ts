/**
 * Deployments, ReplicaSets, StatefulSets, DaemonSets and Jobs as `kubectl get` prints them
 * (printers.go printDeployment, printReplicaSet, printStatefulSet, printDaemonSet, printJob,
 * v1.33) and as -o yaml/json objects.
 */
import { formatLabels } from '../../util/labels';
import { humanDuration } from '../duration';
import type { Json } from '../yaml';
import { ageOf, CONTROLLER_POD_LABELS, formatLabelSelector, formatSelector, type ClusterView, type ContainerView, type WorkloadView } from './cluster-view';
import { containerObject, objectMeta, typeOf, type Item } from './items';

/** CONTAINERS / IMAGES (layoutContainerCells): comma-joined names and images. */
function containerCells(containers: ContainerView[]): string[] {
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(',')];
}

/**
 * A Job's STATUS (printJob): Complete once the Complete condition is set (succeeded reached
 * completions), else Running. Failed, Suspended and FailureTarget are not simulated.
 */
export function jobStatus(w: WorkloadView): string {
  return w.succeeded !== undefined && w.succeeded >= (w.completions ?? 1) ? 'Complete' : 'Running';
}

/** COMPLETIONS (printJob): `succeeded/completions`; without completions `succeeded/1`, or `succeeded/1 of parallelism` when parallel. */
export function jobCompletions(w: WorkloadView): string {
  const succeeded = w.succeeded ?? 0;
  if (w.completions !== undefined) return `${succeeded}/${w.completions}`;
  return (w.parallelism ?? 0) > 1 ? `${succeeded}/1 of ${w.parallelism}` : `${succeeded}/1`;
}

/**
 * DURATION (printJob): completionTime − startTime once complete, else now − startTime. The
 * simulator starts a Job's Pods when the Job is created and runs them to completion in the
 * same instant, so a complete Job took 0s.
 */
function jobDuration(view: ClusterView, w: WorkloadView): string {
  if (w.createdAt === undefined) return '';
  return jobStatus(w) === 'Complete' ? humanDuration(0) : humanDuration(view.now - w.createdAt);
}

export function workloadItem(view: ClusterView, w: WorkloadView): Item {
  const resource = `${w.kind.toLowerCase()}s`;
  const age = ageOf(view, w.createdAt);
  const selector = formatLabelSelector(w.labelSelector);
  const cells = (wide: boolean): string[] => {
    switch (w.kind) {
      case 'Deployment':
        // printDeployment prints selector.String() (no `<none>` for an empty one).
        return [w.name, `${w.ready}/${w.replicas}`, String(w.updated), String(w.available), age, ...(wide ? [...containerCells(w.containers), formatSelector(w.labelSelector)] : [])];
      case 'ReplicaSet':
        return [w.name, String(w.replicas), String(w.current), String(w.ready), age, ...(wide ? [...containerCells(w.containers), selector] : [])];
      case 'StatefulSet':
        return [w.name, `${w.ready}/${w.replicas}`, age, ...(wide ? containerCells(w.containers) : [])];
      case 'DaemonSet':
        return [w.name, String(w.replicas), String(w.current), String(w.ready), String(w.updated), String(w.available), formatLabels(w.nodeSelector) || '<none>', age, ...(wide ? [...containerCells(w.containers), selector] : [])];
      case 'Job':
        return [w.name, jobStatus(w), jobCompletions(w), jobDuration(view, w), age, ...(wide ? [...containerCells(w.containers), selector] : [])];
    }
  };
  return { type: typeOf(resource), namespace: w.namespace, name: w.name, labels: w.labels, cells, object: () => workloadObject(w) };
}

/** The Pod template's labels: those on its Pods without the controllers' own (a ReplicaSet's keep pod-template-hash), else the selector's. */
export function templateLabelsOf(w: WorkloadView): Record<string, string> {
  const pod = w.pods[0];
  if (!pod) return w.selector;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(pod.pod.labels)) if (!CONTROLLER_POD_LABELS.includes(k) || (w.kind === 'ReplicaSet' && k === 'pod-template-hash')) labels[k] = v;
  return labels;
}

function selectorObject(w: WorkloadView): Json {
  const { matchLabels, matchExpressions } = w.labelSelector;
  return {
    ...(matchExpressions.length ? { matchExpressions: matchExpressions.map((e) => ({ key: e.key, operator: e.operator, ...(e.values.length ? { values: e.values } : {}) })) } : {}),
    ...(Object.keys(matchLabels).length ? { matchLabels } : {}),
  };
}

function workloadObject(w: WorkloadView): Json {
  const template = {
    metadata: { labels: templateLabelsOf(w) },
    spec: {
      containers: w.containers.map(containerObject),
      ...(Object.keys(w.nodeSelector).length ? { nodeSelector: w.nodeSelector } : {}),
      ...(w.kind === 'Job' ? { restartPolicy: 'Never' } : {}),
    },
  };
  const status: Record<string, Json> = {};
  switch (w.kind) {
    case 'DaemonSet':
      Object.assign(status, { currentNumberScheduled: w.current, desiredNumberScheduled: w.replicas, numberAvailable: w.available, numberMisscheduled: 0, numberReady: w.ready, updatedNumberScheduled: w.updated });
      break;
    case 'Job':
      Object.assign(status, { ...(w.current ? { active: w.current } : {}), ready: w.ready, ...(w.succeeded ? { succeeded: w.succeeded } : {}) });
      break;
    default:
      Object.assign(status, { ...(w.kind !== 'ReplicaSet' ? { availableReplicas: w.available } : {}), ...(w.ready ? { readyReplicas: w.ready } : {}), replicas: w.current, ...(w.kind !== 'ReplicaSet' ? { updatedReplicas: w.updated } : {}) });
  }
  return {
    apiVersion: w.kind === 'Job' ? 'batch/v1' : 'apps/v1',
    kind: w.kind,
    metadata: objectMeta({
      name: w.name,
      namespace: w.namespace,
      createdAt: w.createdAt,
      labels: w.labels,
      extra: w.deployment ? { ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: w.deployment }] } : {},
    }),
    spec: {
      ...(w.kind === 'Job' ? { ...(w.completions !== undefined ? { completions: w.completions } : {}), ...(w.parallelism !== undefined ? { parallelism: w.parallelism } : {}) } : {}),
      ...(w.kind !== 'DaemonSet' && w.kind !== 'Job' ? { replicas: w.replicas } : {}),
      selector: selectorObject(w),
      ...(w.serviceName !== undefined ? { serviceName: w.serviceName } : {}),
      template,
    },
    status,
  };
}
