/**
 * The DaemonSet controller (pkg/controller/daemon): one Pod `<daemonset>-<5 chars>` per
 * node that should run it (`NodeShouldRunDaemonPod`: the template's nodeSelector and
 * required node affinity match, and every NoSchedule/NoExecute taint is tolerated). The
 * Pod is pinned to its node with required node affinity `matchFields metadata.name In
 * [<node>]` (`ReplaceDaemonSetPodNodeNameNodeAffinity`) and gets the tolerations the
 * controller adds to every daemon Pod (pkg/controller/daemon/util
 * `AddOrUpdateDaemonPodTolerations`), so cordoned or pressured nodes still run it; the
 * control plane's NoSchedule taint is not among them. A Pod whose node no longer qualifies
 * (deleted, or an untolerated NoExecute taint) is removed.
 */
import type { DaemonSet, PodSpec, Taint, Toleration } from '../model';
import { sortedRecord } from '../manifest/fields';
import { effectiveTaints, matchesNodeSelector, tolerates } from '../cluster/scheduler';
import type { ClusterNode } from '../cluster/topology';
import { addPod, nodeByName, removePod, type ClusterState } from '../state';
import { computePodTemplateHash, generateName } from './deployment';
import { syncWorkloads } from './workload-state';

const exists = (key: string, effect: Taint['effect']): Toleration => ({ key, operator: 'Exists', value: '', effect });

/** The tolerations every daemon Pod gets, in the order the controller adds them. */
export function daemonPodTolerations(hostNetwork: boolean): Toleration[] {
  return [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ...(hostNetwork ? [exists('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
  ];
}

/** `v1helper.AddOrUpdateTolerationInPodSpec` for each: an identical toleration is not added twice. */
function withDaemonTolerations(spec: PodSpec): Toleration[] {
  const out = [...spec.tolerations];
  for (const t of daemonPodTolerations(spec.hostNetwork)) if (!out.some((o) => o.key === t.key && o.operator === t.operator && o.value === t.value && o.effect === t.effect)) out.push(t);
  return out;
}

/** `NodeShouldRunDaemonPod` (creation) and `shouldContinueRunning` (only NoExecute taints evict). */
function shouldRun(spec: PodSpec, node: ClusterNode, tolerations: Toleration[], effects: Taint['effect'][]): boolean {
  if (!matchesNodeSelector(spec, node)) return false;
  return !effectiveTaints(node).some((t) => effects.includes(t.effect) && !tolerates(tolerations, t));
}

export function daemonSetController(state: ClusterState): void {
  for (const { entry, workload, pods } of syncWorkloads(state, 'DaemonSet')) {
    const ds: DaemonSet = entry.object;
    const { namespace, name } = ds.meta;
    const tolerations = withDaemonTolerations(ds.template.spec);
    const hash = computePodTemplateHash(ds.template.raw);
    const byNode = new Map<string, string>();
    for (const s of pods) {
      const nodeName = s.pod.spec.affinity?.requiredNodeTerms?.[0]?.matchFields[0]?.values[0] ?? s.nodeName ?? '';
      const node = nodeByName(state, nodeName);
      const key = `${namespace}/${s.pod.meta.name}`;
      if (!node || byNode.has(nodeName) || !shouldRun(ds.template.spec, node, tolerations, ['NoExecute'])) removePod(state, key);
      else byNode.set(nodeName, key);
    }
    state.topology.nodes.forEach((node, index) => {
      if (byNode.has(node.name) || !shouldRun(ds.template.spec, node, tolerations, ['NoSchedule', 'NoExecute'])) return;
      let podName = generateName(`${name}-`, workload.rand);
      while (state.pods.has(`${namespace}/${podName}`)) podName = generateName(`${name}-`, workload.rand);
      const spec: PodSpec = {
        ...ds.template.spec,
        tolerations,
        affinity: {
          preferredNodeTerms: [],
          podAffinity: [],
          podAntiAffinity: [],
          preferredPodAffinity: [],
          preferredPodAntiAffinity: [],
          ...ds.template.spec.affinity,
          requiredNodeTerms: [{ matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.name] }] }],
        },
      };
      const labels = sortedRecord({ ...ds.template.labels, 'controller-revision-hash': hash, 'pod-template-generation': '1' });
      addPod(state, { meta: { namespace, name: podName, labels }, spec, status: {}, owner: { kind: 'DaemonSet', name }, ...(ds.origin ? { origin: ds.origin } : {}) }, { kind: 'DaemonSet', key: `${namespace}/${name}` }, [state.now, entry.applySeq, index]);
      workload.nextOrdinal++;
    });
  }
}
