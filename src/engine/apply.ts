/**
 * The API server's write path: `kubectl apply` and `kubectl delete` against the cluster
 * state. Admission happens here (NamespaceLifecycle: objects in a namespace that does not
 * exist are refused); everything else is left to the next `reconcile` pass.
 */
import { objectIdentity, objectKey, type ScenarioObject } from './model';
import { diagnose, type ClusterState } from './state';

/** Kinds read once into the topology (cluster/topology-config.ts): applying them later changes nothing. */
export const TOPOLOGY_KINDS = new Set(['Cluster', 'ClusterConfiguration', 'KubeProxyConfiguration', 'KubeletConfiguration', 'Node']);

/**
 * Applies `objects` as one `kubectl apply` at `state.now`: the Namespaces among them
 * first (so a file may create a namespace and fill it in any order), then the rest in order.
 * Re-applying an object replaces it and keeps its place in apply order.
 */
export function applyObjects(state: ClusterState, objects: ScenarioObject[]): void {
  for (const o of objects) {
    if (o.kind !== 'Namespace') continue;
    const ns = o.object;
    if (!state.namespaces.has(ns.name)) state.namespaces.set(ns.name, { name: ns.name, createdAt: state.now, system: false, ...(ns.origin ? { origin: ns.origin } : {}) });
    store(state, objectKey('Namespace', '', ns.name), o);
  }
  for (const o of objects) {
    if (o.kind === 'Namespace' || TOPOLOGY_KINDS.has(o.kind)) continue;
    const { namespace, name } = objectIdentity(o);
    // Cluster-scoped objects (IngressClass) have no namespace to check.
    if (namespace !== '' && !state.namespaces.has(namespace)) {
      state.events.push(
        diagnose(
          o.object.origin,
          `${o.kind} ${namespace}/${name}`,
          'error',
          `namespaces ${JSON.stringify(namespace)} not found`,
          'metadata.namespace',
          `add a Namespace document (apiVersion: v1, kind: Namespace, metadata.name: ${namespace}) or kubectl create namespace ${namespace}`,
        ),
      );
      continue;
    }
    store(state, objectKey(o.kind, namespace, name), o);
  }
}

function store(state: ClusterState, key: string, o: ScenarioObject): void {
  const previous = state.store.get(key);
  state.store.set(key, { kind: o.kind, object: o.object, appliedAt: state.now, applySeq: previous?.applySeq ?? state.nextApplySeq++ });
}

/**
 * `kubectl delete <kind> <name> -n <namespace>` (namespace '' for cluster-scoped kinds).
 * Deleting a Namespace removes it; the namespace controller then removes what it held
 * (next pass). Returns false when there was no such object.
 */
export function deleteObject(state: ClusterState, kind: string, namespace: string, name: string): boolean {
  if (kind === 'Namespace') {
    const existed = state.namespaces.delete(name);
    state.store.delete(objectKey('Namespace', '', name));
    return existed;
  }
  return state.store.delete(objectKey(kind, namespace, name));
}
