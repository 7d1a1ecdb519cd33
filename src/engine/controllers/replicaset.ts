/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `replicas` Pods per
 * ReplicaSet, named by generateName `<replicaset>-` plus five random characters (a clash
 * draws again, as the controller retries on AlreadyExists). A missing Pod is replaced by a
 * new one with a new name; extra Pods are deleted in `getPodsToDelete` order (unscheduled
 * before scheduled, Pending before Running, not ready before ready, newest first). Pods
 * whose ReplicaSet is gone are garbage-collected.
 */
import { LOAD_LIMITS } from '../manifest/load';
import { addPod, compareCreation, diagnose, removePod, type ClusterState, type PodState } from '../state';
import { generateName } from './deployment';

export function replicaSetController(state: ClusterState): void {
  for (const [key, s] of state.pods) if (s.source.kind === 'ReplicaSet' && !state.replicaSets.has(s.source.key)) removePod(state, key);

  let userPods = 0;
  for (const s of state.pods.values()) if (s.source.kind !== 'system') userPods++;
  const owned = new Map<string, PodState[]>();
  for (const s of state.pods.values()) {
    if (s.source.kind !== 'ReplicaSet') continue;
    const list = owned.get(s.source.key) ?? [];
    list.push(s);
    owned.set(s.source.key, list);
  }

  const replicaSets = [...state.replicaSets.entries()].filter(([, rs]) => !rs.system && rs.template && rs.rand).sort(([, a], [, b]) => a.applySeq - b.applySeq || a.createdAt - b.createdAt);
  for (const [key, rs] of replicaSets) {
    const pods = owned.get(key) ?? [];
    if (pods.length > rs.replicas) {
      for (const victim of [...pods].sort(deletionOrder).slice(0, pods.length - rs.replicas)) removePod(state, `${victim.pod.meta.namespace}/${victim.pod.meta.name}`);
      userPods -= pods.length - rs.replicas;
      continue;
    }
    const want = rs.replicas - pods.length;
    const create = Math.min(want, Math.max(0, LOAD_LIMITS.maxObjects - userPods));
    for (let i = 0; i < create; i++) {
      let name = generateName(`${rs.name}-`, rs.rand!);
      while (state.pods.has(`${rs.namespace}/${name}`) || state.store.has(`Pod/${rs.namespace}/${name}`)) name = generateName(`${rs.name}-`, rs.rand!);
      addPod(
        state,
        { meta: { namespace: rs.namespace, name, labels: rs.template!.labels }, spec: rs.template!.spec, status: {}, owner: { kind: 'ReplicaSet', name: rs.name }, ...(rs.origin ? { origin: rs.origin } : {}) },
        { kind: 'ReplicaSet', key },
        [state.now, rs.applySeq, rs.nextOrdinal++],
      );
    }
    userPods += create;
    if (create < want)
      state.conditions.push(
        diagnose(rs.origin, `Deployment ${rs.namespace}/${rs.deployment}`, 'error', `Deployment ${rs.deployment} asks for ${rs.replicas} replicas; the simulator creates at most ${LOAD_LIMITS.maxObjects} Pods in all, so only ${pods.length + create} were created`, 'spec.replicas'),
      );
  }
}

/** `controller.ActivePodsWithRanks` order: the first ones are deleted first. */
function deletionOrder(a: PodState, b: PodState): number {
  const rank = (s: PodState) => [s.nodeName ? 1 : 0, s.phase === 'Running' ? 1 : 0, s.ready ? 1 : 0];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
  return -compareCreation(a, b);
}
