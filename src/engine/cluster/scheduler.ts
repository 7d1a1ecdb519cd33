/**
 * A small kube-scheduler. Filters, in the default profile's order: NodeUnschedulable
 * (cordoned nodes, unless the Pod tolerates `node.kubernetes.io/unschedulable`),
 * TaintToleration (NoSchedule/NoExecute taints must be tolerated; a NotReady node carries
 * `node.kubernetes.io/not-ready:NoSchedule`, added by the node lifecycle controller), NodeAffinity
 * (`spec.nodeSelector`), NodeResourcesFit's Pod count (kubelet maxPods). Scoring is
 * reduced to spreading: the feasible node with the fewest Pods wins, ties broken by
 * node name. This approximates the default scheduler, whose PodTopologySpread and
 * resource scores spread a ReplicaSet's Pods across the workers of a kind cluster.
 *
 * A Pod with `spec.nodeName` bypasses the scheduler, as it does on a real cluster.
 */
import type { Pod, Taint, Toleration } from '../model';
import type { ClusterNode } from './topology';
import { compareStrings } from '../util/compare';
import { compareCreation, podDiagnostic, type ClusterState } from '../state';

export type ScheduleOutcome = { nodeName: string } | { nodeName: null; reason: string };

export class Scheduler {
  private readonly podCount = new Map<string, number>();

  constructor(private readonly nodes: ClusterNode[]) {
    for (const n of nodes) this.podCount.set(n.name, 0);
  }

  hasNode(name: string): boolean {
    return this.podCount.has(name);
  }

  /** Records a Pod bound to `nodeName` without scheduling (pinned or system Pods). */
  bind(nodeName: string): void {
    this.podCount.set(nodeName, (this.podCount.get(nodeName) ?? 0) + 1);
  }

  /** Picks a node for `pod` and binds it, or explains why none fits (the FailedScheduling event text). */
  schedule(pod: Pod, prefer?: (node: ClusterNode) => boolean): ScheduleOutcome {
    const failures = new Map<string, number>();
    let preemptionHelps = 0;
    const feasible: ClusterNode[] = [];
    for (const node of this.nodes) {
      const taint = effectiveTaints(node).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.spec.tolerations, t));
      let reason: string | undefined;
      if (node.unschedulable && !tolerates(pod.spec.tolerations, UNSCHEDULABLE_TAINT)) reason = 'node(s) were unschedulable';
      else if (taint) reason = `node(s) had untolerated taint {${taint.key}: ${taint.value}}`;
      else if (!Object.entries(pod.spec.nodeSelector).every(([k, v]) => node.labels[k] === v)) reason = "node(s) didn't match Pod's node affinity/selector";
      else if ((this.podCount.get(node.name) ?? 0) >= node.maxPods) {
        reason = 'Too many pods';
        preemptionHelps++;
      }
      if (reason) failures.set(reason, (failures.get(reason) ?? 0) + 1);
      else feasible.push(node);
    }
    if (feasible.length === 0) {
      const total = this.nodes.length;
      const parts = [...failures.entries()].map(([r, n]) => (r.startsWith('node(s)') ? `${n} ${r}` : `${n} ${r}`)).sort(compareStrings);
      const preemption = [
        total - preemptionHelps > 0 ? `${total - preemptionHelps} Preemption is not helpful for scheduling` : '',
        preemptionHelps > 0 ? `${preemptionHelps} No preemption victims found for incoming pod` : '',
      ].filter(Boolean);
      return { nodeName: null, reason: `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${preemption.join(', ')}.` };
    }
    const preferred = prefer ? feasible.filter(prefer) : [];
    const candidates = preferred.length > 0 ? preferred : feasible;
    candidates.sort((a, b) => (this.podCount.get(a.name)! - this.podCount.get(b.name)!) || compareStrings(a.name, b.name));
    const chosen = candidates[0];
    this.bind(chosen.name);
    return { nodeName: chosen.name };
  }
}

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' };
const NOT_READY_TAINT: Taint = { key: 'node.kubernetes.io/not-ready', value: '', effect: 'NoSchedule' };

/** The node's taints plus those the node lifecycle controller keeps in step with its conditions (TaintNodesByCondition). */
export function effectiveTaints(node: ClusterNode): Taint[] {
  const extra = [...(node.ready ? [] : [NOT_READY_TAINT]), ...(node.unschedulable ? [UNSCHEDULABLE_TAINT] : [])].filter((t) => !node.taints.some((n) => n.key === t.key && n.effect === t.effect));
  return [...node.taints, ...extra];
}

/** `v1.Toleration.ToleratesTaint`. */
export function tolerates(tolerations: Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect !== '' && t.effect !== taint.effect) return false;
    if (t.key === '') return t.operator === 'Exists';
    if (t.key !== taint.key) return false;
    return t.operator === 'Exists' || t.value === taint.value;
  });
}

/**
 * The scheduler's pass over the cluster: every Pod without a node, in creation order, is
 * bound to its `spec.nodeName` or to the node `Scheduler.schedule` picks; the rest stay
 * Pending, reported once per owner and reason.
 */
export function schedulePods(state: ClusterState): void {
  const scheduler = new Scheduler(state.topology.nodes);
  for (const s of state.pods.values()) if (s.nodeName && scheduler.hasNode(s.nodeName)) scheduler.bind(s.nodeName);
  const pendingByOwner = new Map<string, { pods: Pod[]; reason: string }>();
  const unbound = [...state.pods.values()].filter((s) => s.nodeName === null).sort(compareCreation);
  for (const s of unbound) {
    const pod = s.pod;
    delete s.pendingReason;
    if (pod.spec.nodeName) {
      if (scheduler.hasNode(pod.spec.nodeName)) {
        s.nodeName = pod.spec.nodeName;
        scheduler.bind(s.nodeName);
      } else {
        s.pendingReason = `spec.nodeName ${JSON.stringify(pod.spec.nodeName)} is not a node of this cluster (nodes: ${state.topology.nodes.map((n) => n.name).join(', ')})`;
      }
    } else {
      const pinned = pod.status.podIP;
      const outcome = scheduler.schedule(pod, pinned ? (n) => state.ipam.get(n.name)?.contains(pinned) ?? false : undefined);
      if (outcome.nodeName !== null) s.nodeName = outcome.nodeName;
      else s.pendingReason = outcome.reason;
    }
    if (s.pendingReason && pod.origin) {
      // One diagnostic per Deployment (or bare Pod) and reason, not one per replica.
      const key = `${pod.origin.label}\u0000${s.pendingReason}`;
      const entry = pendingByOwner.get(key) ?? { pods: [], reason: s.pendingReason };
      entry.pods.push(pod);
      pendingByOwner.set(key, entry);
    }
  }
  for (const { pods, reason } of pendingByOwner.values()) {
    const pod = pods[0];
    const who = pod.owner ? `${pods.length === 1 ? 'Pod' : `${pods.length} Pods`} of ${pod.origin!.label} ${pods.length === 1 ? 'is' : 'are'}` : `Pod ${pod.meta.name} is`;
    state.conditions.push(podDiagnostic(pod, 'warning', `${who} Pending: ${reason}`, pod.spec.nodeName ? 'spec.nodeName' : undefined));
  }
}
