/**
 * What the StatefulSet, DaemonSet and Job controllers share: their per-object state
 * (created on first sight, removed with the object), the Pods each owns, and garbage
 * collection of Pods whose owner is gone (the garbage collector's ownerReference rule).
 */
import type { ModelKind } from '../model';
import { SeededRandom } from '../util/rand';
import { removePod, storedOfKind, type ClusterState, type PodState, type StoredObject, type WorkloadState } from '../state';

export type WorkloadKind = WorkloadState['kind'];

/** The stored objects of `kind` with their controller state, in apply order; state of deleted ones and their Pods removed. */
export function syncWorkloads<K extends WorkloadKind & ModelKind>(state: ClusterState, kind: K): { entry: StoredObject<K>; workload: WorkloadState; pods: PodState[] }[] {
  const live = new Set<string>();
  const out: { entry: StoredObject<K>; workload: WorkloadState; pods: PodState[] }[] = [];
  for (const entry of storedOfKind(state, kind)) {
    const { namespace, name } = entry.object.meta;
    const key = `${kind}/${namespace}/${name}`;
    live.add(`${namespace}/${name}`);
    let workload = state.workloads.get(key);
    if (!workload) {
      // Names and uids depend only on this object's identity (and the seed), not on other objects.
      const rand = new SeededRandom(`${state.seed}\u0000${key}`);
      workload = { kind, namespace, name, createdAt: state.now, applySeq: entry.applySeq, rand, uid: uid(rand), nextOrdinal: 0, succeeded: 0 };
      state.workloads.set(key, workload);
    }
    out.push({ entry, workload, pods: [] });
  }
  for (const [key, w] of state.workloads) if (w.kind === kind && !live.has(`${w.namespace}/${w.name}`)) state.workloads.delete(key);
  const byKey = new Map(out.map((o) => [`${o.workload.namespace}/${o.workload.name}`, o]));
  for (const [podKey, s] of state.pods) {
    if (s.source.kind !== kind) continue;
    const owner = byKey.get(s.source.key);
    if (owner) owner.pods.push(s);
    else removePod(state, podKey);
  }
  return out;
}

/** A `metadata.uid`-shaped value (8-4-4-4-12 hex) from the object's own generator. */
export function uid(rand: SeededRandom): string {
  const hex = Array.from({ length: 4 }, () => rand.nextUint32().toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
