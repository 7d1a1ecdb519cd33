/**
 * The StatefulSet controller (pkg/controller/statefulset): Pods `<statefulset>-<ordinal>`
 * for ordinals 0..replicas-1, each labelled `statefulset.kubernetes.io/pod-name`,
 * `apps.kubernetes.io/pod-index` and `controller-revision-hash: <statefulset>-<hash>`, with
 * `hostname` = its name and `subdomain` = `spec.serviceName` (its DNS name is
 * `<pod>.<serviceName>.<namespace>.svc.<domain>` through the headless Service). Each
 * volumeClaimTemplate gives every ordinal a PersistentVolumeClaim
 * `<template>-<statefulset>-<ordinal>`, kept when the StatefulSet scales down (the default
 * `persistentVolumeClaimRetentionPolicy` is Retain); kind's `standard` StorageClass binds
 * it once its Pod is scheduled (WaitForFirstConsumer).
 *
 * `podManagementPolicy: OrderedReady` (the default) creates Pod N only once Pod N-1 is
 * Running and Ready: the controller looks ahead by scheduling and starting each new Pod
 * before creating the next (each later ordinal `ORDERED_READY_INTERVAL` seconds after its
 * predecessor on the scenario clock). A Pod that cannot become Ready
 * stops the sequence there. `Parallel` creates them all at once. Scaling down removes
 * the highest ordinals first.
 */
import type { Service, StatefulSet } from '../model';
import { objectKey } from '../model';
import { sortedRecord } from '../manifest/fields';
import { runKubelets } from '../cluster/kubelet';
import { schedulePods } from '../cluster/scheduler';
import { formatLabels } from '../util/labels';
import { addPod, diagnose, removePod, type ClusterState, type PodState, type WorkloadState } from '../state';
import { computePodTemplateHash } from './deployment';
import { syncWorkloads, uid } from './workload-state';

/**
 * Seconds between the creation of consecutive ordinals under OrderedReady: the controller
 * creates Pod N once Pod N-1 is Running and Ready, which for a small image on kind takes a
 * couple of seconds. A chosen figure, not an upstream constant; it makes the order visible
 * in AGE (`web-0` older than `web-1`). The result is observed once the last one exists
 * (build-result.ts `settledAt`).
 */
export const ORDERED_READY_INTERVAL = 2;
/** kind's default StorageClass (rancher.io/local-path, WaitForFirstConsumer). */
export const DEFAULT_STORAGE_CLASS = 'standard';

interface Progress {
  sts: StatefulSet;
  workload: WorkloadState;
  applySeq: number;
  revision: string;
  /** Ordinal → Pod. */
  pods: Map<number, PodState>;
  /** Pods created for it in this pass (staggers `createdAt`). */
  created: number;
  /** OrderedReady: waiting for this ordinal to become Ready. */
  waitingFor?: number;
  done: boolean;
}

export function statefulSetController(state: ClusterState): void {
  const progress: Progress[] = [];
  for (const { entry, workload, pods } of syncWorkloads(state, 'StatefulSet')) {
    const sts = entry.object;
    const byOrdinal = new Map<number, PodState>();
    for (const s of pods) {
      const ordinal = Number(s.pod.meta.labels['apps.kubernetes.io/pod-index']);
      // Scale down: every ordinal at or above replicas goes (highest first; the end state is the same).
      if (ordinal >= sts.replicas) removePod(state, `${s.pod.meta.namespace}/${s.pod.meta.name}`);
      else byOrdinal.set(ordinal, s);
    }
    progress.push({ sts, workload, applySeq: entry.applySeq, revision: `${sts.meta.name}-${computePodTemplateHash(sts.template.raw)}`, pods: byOrdinal, created: 0, done: false });
    checkServiceName(state, sts);
  }

  // Rounds: each creates what may be created now; OrderedReady waits for the new Pod's readiness.
  for (;;) {
    let createdAny = false;
    for (const p of progress) if (!p.done && advance(state, p)) createdAny = true;
    if (!createdAny) break;
    // Look ahead: schedule and start the new Pods now, so the next round knows whether they are Ready.
    const conditions = state.conditions.length;
    schedulePods(state, { report: false });
    runKubelets(state);
    state.conditions.length = conditions;
  }

  for (const p of progress) {
    ensureClaims(state, p);
    if (p.waitingFor !== undefined && p.sts.replicas > p.pods.size) {
      const name = `${p.sts.meta.name}-${p.waitingFor}`;
      state.conditions.push(
        diagnose(
          p.sts.origin,
          `StatefulSet ${p.sts.meta.namespace}/${p.sts.meta.name}`,
          'warning',
          `StatefulSet ${p.sts.meta.name} has ${p.pods.size} of ${p.sts.replicas} Pods: ${name} is not Running and Ready, and podManagementPolicy OrderedReady creates ${p.sts.meta.name}-${p.waitingFor + 1} only after it is`,
          'spec.replicas',
          `see why ${name} is not ready (kubectl describe pod ${name}), or set spec.podManagementPolicy: Parallel`,
        ),
      );
    }
  }
}

/** One round for one StatefulSet; true when it created a Pod. */
function advance(state: ClusterState, p: Progress): boolean {
  const ordered = p.sts.podManagementPolicy === 'OrderedReady';
  let created = false;
  for (let ordinal = 0; ordinal < p.sts.replicas; ordinal++) {
    const existing = p.pods.get(ordinal);
    if (existing) {
      if (ordered && !(existing.phase === 'Running' && existing.ready)) {
        p.waitingFor = ordinal;
        return created;
      }
      continue;
    }
    p.pods.set(ordinal, createPod(state, p, ordinal));
    created = true;
    if (ordered) {
      p.waitingFor = ordinal;
      return true;
    }
  }
  delete p.waitingFor;
  p.done = true;
  return created;
}

function createPod(state: ClusterState, p: Progress, ordinal: number): PodState {
  const { sts } = p;
  const { namespace } = sts.meta;
  const name = `${sts.meta.name}-${ordinal}`;
  const labels = sortedRecord({
    ...sts.template.labels,
    'apps.kubernetes.io/pod-index': String(ordinal),
    'controller-revision-hash': p.revision,
    'statefulset.kubernetes.io/pod-name': name,
  });
  const spec = { ...sts.template.spec, hostname: name, ...(sts.serviceName ? { subdomain: sts.serviceName } : {}) };
  const at = state.now + (sts.podManagementPolicy === 'OrderedReady' ? p.created * ORDERED_READY_INTERVAL : 0);
  p.created++;
  const s = addPod(state, { meta: { namespace, name, labels }, spec, status: {}, owner: { kind: 'StatefulSet', name: sts.meta.name }, ...(sts.origin ? { origin: sts.origin } : {}) }, { kind: 'StatefulSet', key: `${namespace}/${sts.meta.name}` }, [at, p.applySeq, ordinal]);
  s.createdAt = at;
  return s;
}

/** PVCs `<template>-<statefulset>-<ordinal>` for every ordinal that has a Pod; Bound once the Pod is scheduled. */
function ensureClaims(state: ClusterState, p: Progress): void {
  const { sts, workload } = p;
  for (const [ordinal, pod] of p.pods) {
    for (const t of sts.volumeClaimTemplates) {
      const name = `${t.name}-${sts.meta.name}-${ordinal}`;
      const key = `${sts.meta.namespace}/${name}`;
      let claim = state.persistentVolumeClaims.get(key);
      if (!claim) {
        claim = { namespace: sts.meta.namespace, name, storageClass: t.storageClassName ?? DEFAULT_STORAGE_CLASS, capacity: t.storage, accessModes: t.accessModes, status: 'Pending', volume: '', statefulSet: sts.meta.name, createdAt: pod.createdAt };
        state.persistentVolumeClaims.set(key, claim);
      }
      if (claim.status === 'Pending' && pod.nodeName !== null) {
        claim.status = 'Bound';
        claim.volume = `pvc-${uid(workload.rand)}`;
      }
    }
  }
}

/** The Pods' DNS names need a headless Service named `spec.serviceName` in the namespace. */
function checkServiceName(state: ClusterState, sts: StatefulSet): void {
  const { namespace, name } = sts.meta;
  if (!sts.serviceName) return;
  const stored = state.store.get(objectKey('Service', namespace, sts.serviceName));
  const service = stored?.kind === 'Service' ? (stored.object as Service) : undefined;
  const selector = formatLabels(sts.template.labels);
  if (service && service.clusterIP === 'None') return;
  state.conditions.push(
    diagnose(
      sts.origin,
      `StatefulSet ${namespace}/${name}`,
      'warning',
      service
        ? `StatefulSet ${name}: spec.serviceName ${JSON.stringify(sts.serviceName)} names Service ${namespace}/${sts.serviceName}, which is not headless, so ${name}-0.${sts.serviceName}.${namespace}.svc has no DNS record`
        : `StatefulSet ${name}: spec.serviceName ${JSON.stringify(sts.serviceName)} names no Service in namespace ${namespace}, so its Pods get no DNS names (${name}-0.${sts.serviceName}.${namespace}.svc)`,
      'spec.serviceName',
      `add a headless Service: apiVersion: v1, kind: Service, metadata.name: ${sts.serviceName}, spec.clusterIP: None, spec.selector: ${selector}`,
    ),
  );
}
