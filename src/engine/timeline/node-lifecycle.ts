/**
 * What the node lifecycle controller does when a node's kubelet stops posting status
 * (pkg/controller/nodelifecycle): the Ready condition becomes Unknown (kubectl: NotReady),
 * `MarkPodsNotReady` turns the node's Pods' Ready condition false (so the endpoints
 * controller moves them to notReadyAddresses; cluster/kubelet.ts does this for a NotReady
 * node), and the node gets the `node.kubernetes.io/unreachable:NoExecute` taint. The taint
 * eviction controller then evicts each Pod once its toleration of that taint runs out:
 * every Pod gets `tolerationSeconds: 300` from the DefaultTolerationSeconds admission plugin
 * unless it brings its own toleration; DaemonSet Pods (the DaemonSet controller adds the
 * toleration without a limit) and static Pods stay. Their controllers then replace the
 * evicted Pods on the nodes that remain.
 *
 * Simplifications: the step that stops the kubelet is taken as the moment the controller
 * notices (node-monitor-grace-period already passed); an own toleration of the taint keeps
 * the Pod for good (tolerationSeconds is not modelled); an evicted Pod is gone at once
 * rather than Terminating until the node is back.
 */
import type { Taint } from '../model';
import { tolerates } from '../cluster/scheduler';
import type { ClusterState, PodState } from '../state';
import { evictPod } from '../terminal/kubectl/drain';
import { compareStrings } from '../util/compare';

/** `--default-not-ready-toleration-seconds` / `--default-unreachable-toleration-seconds` (DefaultTolerationSeconds admission). */
export const DEFAULT_TOLERATION_SECONDS = 300;

const UNREACHABLE: Taint = { key: 'node.kubernetes.io/unreachable', value: '', effect: 'NoExecute' };

/** The Ready condition's message the node lifecycle controller writes when the kubelet goes silent. */
export const NODE_LOST_MESSAGE = 'Kubelet stopped posting node status.';

export class NodeLifecycle {
  /** Node name → when it went NotReady on the scenario clock. */
  private readonly lostAt = new Map<string, number>();

  nodeLost(name: string, at: number): void {
    if (!this.lostAt.has(name)) this.lostAt.set(name, at);
  }

  nodeBack(name: string): void {
    this.lostAt.delete(name);
  }

  /** Evictions due at or before `until`: one per lost node, in time order. */
  due(until: number): { node: string; at: number }[] {
    return [...this.lostAt.entries()]
      .map(([node, at]) => ({ node, at: at + DEFAULT_TOLERATION_SECONDS }))
      .filter((e) => e.at <= until)
      .sort((a, b) => a.at - b.at || compareStrings(a.node, b.node));
  }

  /** Evicts the Pods of `node` whose toleration has run out; later passes find nothing more to evict there. */
  evict(state: ClusterState, node: string): PodState[] {
    const victims = [...state.pods.values()].filter((s) => s.nodeName === node && evictable(s));
    for (const s of victims) evictPod(state, s);
    return victims;
  }
}

function evictable(s: PodState): boolean {
  const owner = s.pod.owner?.kind;
  if (owner === 'DaemonSet' || owner === 'Node') return false;
  return !tolerates(s.pod.spec.tolerations, UNREACHABLE);
}
