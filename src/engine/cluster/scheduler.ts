/**
 * A small kube-scheduler. Filters, in the default profile's order:
 * TaintToleration (NoSchedule/NoExecute taints must be tolerated), NodeAffinity
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
      const taint = node.taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.spec.tolerations, t));
      let reason: string | undefined;
      if (taint) reason = `node(s) had untolerated taint {${taint.key}: ${taint.value}}`;
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

/** `v1.Toleration.ToleratesTaint`. */
export function tolerates(tolerations: Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect !== '' && t.effect !== taint.effect) return false;
    if (t.key === '' ) return t.operator === 'Exists';
    if (t.key !== taint.key) return false;
    return t.operator === 'Exists' || t.value === taint.value;
  });
}
