/**
 * Pods written as documents: the API server stores them as they are (a Pod has no
 * controller); a deleted one is gone. Their node, IP and phase come from the scheduler
 * and kubelet steps.
 */
import { addPod, removePod, storedOfKind, type ClusterState } from '../state';

export function podStore(state: ClusterState): void {
  const declared = new Set<string>();
  for (const entry of storedOfKind(state, 'Pod')) {
    const pod = entry.object;
    const key = `${pod.meta.namespace}/${pod.meta.name}`;
    declared.add(key);
    const existing = state.pods.get(key);
    if (existing && existing.source.kind !== 'Pod') continue; // a system Pod of that name already exists
    if (existing) {
      existing.pod = pod; // Pod specs are immutable but for a few fields: keep node and IP.
      continue;
    }
    const created = addPod(state, pod, { kind: 'Pod', key: `Pod/${key}` }, [entry.appliedAt, entry.applySeq, 0]);
    created.createdAt = entry.appliedAt;
  }
  for (const [key, s] of state.pods) if (s.source.kind === 'Pod' && !declared.has(key)) removePod(state, key);
}
