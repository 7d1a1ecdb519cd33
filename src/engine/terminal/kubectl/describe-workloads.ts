/**
 * `kubectl describe` for Deployments, ReplicaSets, StatefulSets and DaemonSets
 * (kubectl/pkg/describe/describe.go describeDeployment, describeReplicaSet,
 * describeStatefulSet, describeDaemonSet; v1.33). The strategy fields are the API
 * server's defaults (RollingUpdate, 25% / 25%, partition 0): the result does not carry a
 * strategy written in the manifest. Events are not simulated.
 */
import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter';
import { rfc1123z } from '../timestamps';
import { formatSelector, type ClusterView, type WorkloadView } from './cluster-view';
import { annotationsMultiline, labelsMultiline, podsStatus, podTemplateText } from './describe-text';
import { templateLabelsOf } from './workload-items';

/** intstr 25% of n, rounded as the Deployment controller rounds maxSurge (up) and maxUnavailable (down). */
const quarter = (n: number, roundUp: boolean) => (roundUp ? Math.ceil(n / 4) : Math.floor(n / 4));

/** The ReplicaSets of a Deployment, newest (highest revision) last: revisions count up in creation order. */
function replicaSetsOf(view: ClusterView, d: WorkloadView): WorkloadView[] {
  return view
    .replicaSets()
    .filter((rs) => rs.namespace === d.namespace && rs.deployment === d.name)
    .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || (a.replicas > 0 ? 1 : 0) - (b.replicas > 0 ? 1 : 0));
}

/** The annotations the Deployment controller puts on a ReplicaSet (deployment.kubernetes.io/...). */
function replicaSetAnnotations(view: ClusterView, rs: WorkloadView): Record<string, string> {
  const d = view.deployments().find((x) => x.namespace === rs.namespace && x.name === rs.deployment);
  if (!d) return {};
  const revision = replicaSetsOf(view, d).findIndex((x) => x.name === rs.name) + 1;
  return { 'deployment.kubernetes.io/desired-replicas': String(d.replicas), 'deployment.kubernetes.io/max-replicas': String(d.replicas + quarter(d.replicas, true)), 'deployment.kubernetes.io/revision': String(revision) };
}

export function describeDeployment(view: ClusterView, d: WorkloadView): string {
  const sets = replicaSetsOf(view, d);
  const newest = sets[sets.length - 1];
  const old = sets.slice(0, -1).filter((rs) => rs.replicas !== 0);
  const total = sets.reduce((n, rs) => n + rs.current, 0) || d.current;
  const unavailable = Math.max(0, d.replicas - d.available);
  let s = `Name:\t${d.name}\nNamespace:\t${d.namespace}\n`;
  if (d.createdAt !== undefined) s += `CreationTimestamp:\t${rfc1123z(d.createdAt)}\n`;
  s += labelsMultiline('Labels', d.labels);
  s += annotationsMultiline('Annotations', { 'deployment.kubernetes.io/revision': String(Math.max(1, sets.length)) });
  s += `Selector:\t${formatSelector(d.labelSelector)}\n`;
  s += `Replicas:\t${d.replicas} desired | ${d.updated} updated | ${total} total | ${d.available} available | ${unavailable} unavailable\n`;
  s += 'StrategyType:\tRollingUpdate\nMinReadySeconds:\t0\nRollingUpdateStrategy:\t25% max unavailable, 25% max surge\n';
  s += podTemplateText(templateLabelsOf(d), d.containers, d.nodeSelector);
  // The Deployment controller's conditions (pkg/controller/deployment/util): Available, then Progressing.
  const available = d.available >= d.replicas - quarter(d.replicas, false);
  const complete = d.updated === d.replicas && d.available === d.replicas && total === d.replicas;
  s += 'Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n';
  s += `  Available \t${available ? 'True' : 'False'}\t${available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable'}\n`;
  s += `  Progressing \tTrue\t${complete ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated'}\n`;
  const created = (rs: WorkloadView) => `${rs.name} (${rs.current}/${rs.replicas} replicas created)`;
  if (sets.length > 0) {
    s += `OldReplicaSets:\t${old.map(created).join(', ') || '<none>'}\n`;
    s += `NewReplicaSet:\t${newest ? created(newest) : '<none>'}\n`;
  }
  s += 'Events:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}

export function describeReplicaSet(view: ClusterView, rs: WorkloadView): string {
  let s = `Name:\t${rs.name}\nNamespace:\t${rs.namespace}\n`;
  s += `Selector:\t${formatSelector(rs.labelSelector) || '<none>'}\n`;
  s += labelsMultiline('Labels', rs.labels);
  s += annotationsMultiline('Annotations', replicaSetAnnotations(view, rs));
  if (rs.deployment) s += `Controlled By:\tDeployment/${rs.deployment}\n`;
  s += `Replicas:\t${rs.current} current / ${rs.replicas} desired\n`;
  s += `Pods Status:\t${podsStatus(rs.pods)}\n`;
  s += podTemplateText(templateLabelsOf(rs), rs.containers, rs.nodeSelector);
  s += 'Events:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}

export function describeStatefulSet(view: ClusterView, ss: WorkloadView): string {
  let s = `Name:\t${ss.name}\nNamespace:\t${ss.namespace}\n`;
  if (ss.createdAt !== undefined) s += `CreationTimestamp:\t${rfc1123z(ss.createdAt)}\n`;
  s += `Selector:\t${formatSelector(ss.labelSelector)}\n`;
  s += labelsMultiline('Labels', ss.labels);
  s += annotationsMultiline('Annotations', {});
  s += `Replicas:\t${ss.replicas} desired | ${ss.current} total\n`;
  s += 'Update Strategy:\tRollingUpdate\n  Partition:\t0\n';
  s += `Pods Status:\t${podsStatus(ss.pods)}\n`;
  s += podTemplateText(templateLabelsOf(ss), ss.containers, ss.nodeSelector);
  // volumeClaimTemplates, as far as the claims they made show them (`<template>-<statefulset>-<ordinal>`).
  const templates = new Map<string, { storageClass: string; capacity: string; accessModes: string[] }>();
  for (const c of view.persistentVolumeClaims()) {
    if (c.namespace !== ss.namespace || c.statefulSet !== ss.name) continue;
    const m = new RegExp(`^(.*)-${ss.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`).exec(c.name);
    const name = m ? m[1] : c.name;
    if (!templates.has(name)) templates.set(name, { storageClass: c.storageClass, capacity: c.capacity, accessModes: c.accessModes });
  }
  if (templates.size === 0) s += 'Volume Claims:\t<none>\n';
  else {
    s += 'Volume Claims:\n';
    for (const [name, t] of templates) {
      s += `  Name:\t${name}\n`;
      // The template's own storageClassName: admission fills in the default class on the claims only, so a claim of kind's default class came from a template without one.
      s += `  StorageClass:\t${t.storageClass === 'standard' ? '' : t.storageClass}\n`;
      s += '  Labels:\t<none>\n  Annotations:\t<none>\n';
      s += `  Capacity:\t${t.capacity || '<default>'}\n`;
      s += `  Access Modes:\t[${t.accessModes.join(' ')}]\n`;
    }
  }
  s += 'Events:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}

export function describeDaemonSet(ds: WorkloadView): string {
  let s = `Name:\t${ds.name}\nNamespace:\t${ds.namespace}\n`;
  s += `Selector:\t${formatSelector(ds.labelSelector)}\n`;
  s += `Node-Selector:\t${Object.keys(ds.nodeSelector).length ? Object.keys(ds.nodeSelector).sort().map((k) => `${k}=${ds.nodeSelector[k]}`).join(',') : '<none>'}\n`;
  s += labelsMultiline('Labels', ds.labels);
  s += annotationsMultiline('Annotations', { 'deprecated.daemonset.template.generation': '1' });
  s += `Desired Number of Nodes Scheduled: ${ds.replicas}\n`;
  s += `Current Number of Nodes Scheduled: ${ds.current}\n`;
  s += `Number of Nodes Scheduled with Up-to-date Pods: ${ds.updated}\n`;
  s += `Number of Nodes Scheduled with Available Pods: ${ds.available}\n`;
  s += 'Number of Nodes Misscheduled: 0\n';
  s += `Pods Status:\t${podsStatus(ds.pods)}\n`;
  s += podTemplateText(templateLabelsOf(ds), ds.containers, ds.nodeSelector);
  s += 'Events:\t<none>\n';
  return tabwrite(s, DESCRIBE_TABWRITER);
}
