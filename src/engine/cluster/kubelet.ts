/**
 * What each node's kubelet and CNI make of the Pods bound to it: hostNetwork Pods take the
 * node's address; the others get one from the node's host-local pool (ipam.ts) — pinned
 * `status.podIP`s reserved first, then sequentially in creation order. Without a CNI
 * (containerd NetworkReady=false) a Pod's sandbox cannot be created: it stays Pending,
 * shown as ContainerCreating. Phase and the Ready condition are then derived, including
 * the node lifecycle controller's `MarkPodsNotReady` when a node's kubelet stops posting.
 * Readiness also needs every readiness gate's condition True; a Terminating Pod
 * (`metadata.deletionTimestamp`) is never ready. Containers with a readinessProbe are taken
 * to pass it (the simulator does not run probes). A Job's Pods end Succeeded (STATUS
 * Completed), never ready.
 */
import type { Pod } from '../model';
import { compareCreation, nodeByName, podDiagnostic, type ClusterState } from '../state';

export function runKubelets(state: ClusterState): void {
  const waiting = [...state.pods.values()].filter((s) => s.nodeName !== null && s.ip === null).sort(compareCreation);
  // Pinned addresses first, so sequential allocation steps around them.
  for (const s of waiting) {
    const node = nodeByName(state, s.nodeName!);
    if (!node) continue;
    delete s.reason;
    if (s.pod.spec.hostNetwork) s.ip = node.internalIP;
    else if (!node.networkReady) s.reason = 'ContainerCreating';
    else if (node.cniSandboxError) {
      s.reason = 'ContainerCreating';
      state.conditions.push(podDiagnostic(s.pod, 'warning', `Pod ${s.pod.meta.name} is stuck in ContainerCreating: Failed to create pod sandbox: failed to setup network for sandbox: ${node.cniSandboxError}`));
    }
    else if (s.pod.status.podIP) {
      const ip = s.pod.status.podIP;
      const pool = state.ipam.get(node.name);
      if (pool && !pool.reserve(ip)) state.events.push(podDiagnostic(s.pod, 'warning', `status.podIP ${ip} is used by another Pod; the address is kept as given`, 'status.podIP'));
      else if (pool && !pool.contains(ip)) state.events.push(podDiagnostic(s.pod, 'warning', `status.podIP ${ip} is outside node ${node.name}'s podCIDR ${node.podCIDR}; the address is kept as given`, 'status.podIP'));
      s.ip = ip;
    }
  }
  for (const s of waiting) {
    const node = nodeByName(state, s.nodeName!);
    if (s.ip || !node || !node.networkReady || node.cniSandboxError) continue;
    const pool = state.ipam.get(node.name);
    s.ip = pool?.allocate() ?? null;
    if (s.ip !== null) continue;
    s.reason = 'ContainerCreating';
    state.conditions.push(
      podDiagnostic(
        s.pod,
        'warning',
        pool
          ? `Pod ${s.pod.meta.name} is stuck in ContainerCreating: ${pool.exhausted()}`
          : `Pod ${s.pod.meta.name} is stuck in ContainerCreating: node ${node.name} has no podCIDR, so the CNI has no range to allocate from`,
      ),
    );
  }
  for (const s of state.pods.values()) {
    const node = s.nodeName ? nodeByName(state, s.nodeName) : undefined;
    const started = s.nodeName !== null && s.ip !== null;
    // A Job's Pods run to completion (the simulator assumes their command succeeds).
    s.phase = started ? (s.pod.status.phase ?? (s.source.kind === 'Job' ? 'Succeeded' : 'Running')) : 'Pending';
    if (s.terminating) s.reason = 'Terminating';
    else if (s.phase === 'Succeeded') s.reason = 'Completed';
    else if (s.reason === 'Terminating' || s.reason === 'Completed') delete s.reason;
    // A node whose kubelet stopped posting status has its Pods marked not ready.
    const nodeLost = node !== undefined && !node.ready && node.networkReady;
    s.ready = s.phase === 'Running' && s.ip !== null && !nodeLost && !s.terminating && readinessGatesPass(s.pod) && (s.readyOverride ?? s.pod.status.ready !== false);
  }
}

/**
 * Pod readiness gates (KEP-580): the kubelet reports Ready only when every
 * `spec.readinessGates[].conditionType` is a status condition with status True — which
 * some other controller must set; nothing sets them on a Pod a controller just made.
 */
export function readinessGatesPass(pod: Pod): boolean {
  const gates = pod.spec.readinessGates;
  if (!gates?.length) return true;
  return gates.every((type) => pod.status.conditions?.some((c) => c.type === type && c.status === 'True') ?? false);
}
