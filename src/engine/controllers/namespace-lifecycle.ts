/**
 * The namespace controller (pkg/controller/namespace): once a namespace is deleted,
 * everything in it is deleted too — stored objects, and the Pods and Services already
 * running there.
 */
import { objectIdentity } from '../model';
import { removePod, type ClusterState } from '../state';

export function namespaceLifecycle(state: ClusterState): void {
  for (const [key, entry] of state.store) {
    const { namespace } = objectIdentity(entry);
    if (namespace && !state.namespaces.has(namespace)) state.store.delete(key);
  }
  for (const [key, s] of state.pods) if (!state.namespaces.has(s.pod.meta.namespace)) removePod(state, key);
  for (const [key, rs] of state.replicaSets) if (!state.namespaces.has(rs.namespace)) state.replicaSets.delete(key);
  for (const [key, svc] of state.services) {
    if (state.namespaces.has(svc.service.meta.namespace)) continue;
    releaseService(state, svc);
    state.services.delete(key);
  }
}

/** Frees a Service's ClusterIP and NodePorts. */
export function releaseService(state: ClusterState, svc: { clusterIP: string | null; nodePorts: (number | undefined)[] }): void {
  if (svc.clusterIP && svc.clusterIP !== 'None') state.clusterIPs.release(svc.clusterIP);
  for (const p of svc.nodePorts) if (p !== undefined) state.nodePorts.release(p);
}
