/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `replicas` Pods per
 * ReplicaSet, named by generateName `<replicaset>-` plus five random characters (a clash
 * draws again, as the controller retries on AlreadyExists). A missing Pod is replaced by a
 * new one with a new name; extra Pods are deleted in `getPodsToDelete` order (unscheduled
 * before scheduled, Pending before Running, not ready before ready, newest first). Pods
 * whose ReplicaSet is gone are garbage-collected. ReplicaSets written by hand (apps/v1
 * ReplicaSet documents) are kept here too, with `deployment: ''`.
 */
import { LOAD_LIMITS } from '../manifest/load';
import { sortedRecord } from '../manifest/fields';
import { SeededRandom } from '../util/rand';
import { addPod, compareCreation, diagnose, removePod, storedOfKind, type ClusterState, type PodState } from '../state';
import { generateName } from './deployment';

/** ReplicaSet documents → `state.replicaSets` entries without a Deployment; deleted ones are removed. */
function syncStandaloneReplicaSets(state: ClusterState): void {
  const live = new Set<string>();
  for (const entry of storedOfKind(state, 'ReplicaSet')) {
    const rs = entry.object;
    const key = `${rs.meta.namespace}/${rs.meta.name}`;
    let current = state.replicaSets.get(key);
    if (current && (current.system || current.deployment !== '')) continue; // a Deployment's ReplicaSet of that name exists
    live.add(key);
    if (!current) {
      current = {
        namespace: rs.meta.namespace,
        name: rs.meta.name,
        deployment: '',
        podTemplateHash: '',
        replicas: rs.replicas,
        createdAt: state.now,
        system: false,
        rand: new SeededRandom(`${state.seed}\u0000${key}`),
        nextOrdinal: 0,
        applySeq: entry.applySeq,
      };
      state.replicaSets.set(key, current);
    }
    current.replicas = rs.replicas;
    current.template = { labels: sortedRecord({ ...rs.template.labels }), spec: rs.template.spec };
    current.labels = rs.meta.labels;
    current.selector = rs.selector;
    if (rs.origin) current.origin = rs.origin;
  }
  for (const [key, rs] of state.replicaSets) if (!rs.system && rs.deployment === '' && !live.has(key)) state.replicaSets.delete(key);
}

export function replicaSetController(state: ClusterState): void {
  syncStandaloneReplicaSets(state);
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
        diagnose(rs.origin, `${rs.deployment ? 'Deployment' : 'ReplicaSet'} ${rs.namespace}/${rs.deployment || rs.name}`, 'error', `${rs.deployment ? 'Deployment' : 'ReplicaSet'} ${rs.deployment || rs.name} asks for ${rs.replicas} replicas; the simulator creates at most ${LOAD_LIMITS.maxObjects} Pods in all, so only ${pods.length + create} were created`, 'spec.replicas'),
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
