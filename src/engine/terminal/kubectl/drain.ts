/**
 * `kubectl cordon`, `uncordon` and `drain` (kubectl/pkg/cmd/drain, kubectl/pkg/drain, v1.33).
 *
 * cordon/uncordon set `spec.unschedulable` and print `node/<name> cordoned` (or `already
 * cordoned`). drain cordons first, then picks the node's Pods through drain's filters, in
 * order (filters.go): DaemonSet-managed Pods are refused without `--ignore-daemonsets` and
 * skipped with it (a warning lists them); mirror (static) Pods are skipped; Pods without a
 * controller are refused without `--force`. Any refusal leaves the node cordoned but
 * undrained: `error: unable to drain node "n" due to error: <errors>, continuing command...`,
 * then `There are pending nodes to be drained:` and the errors again. Otherwise every picked
 * Pod is evicted (`evicting pod ns/name`, then `pod/name evicted`) and the node is `drained`.
 * Evictions run in parallel upstream, so their lines are printed here in namespace/name order.
 *
 * Not modelled: emptyDir volumes (`--delete-emptydir-data`; the model keeps no volumes),
 * PodDisruptionBudgets (evictions never wait), the grace period.
 */
import { deleteObject } from '../../apply';
import { nodeByName, removePod, type ClusterState, type PodState } from '../../state';
import { compareStrings } from '../../util/compare';
import type { MutationOutput, OutputWriter } from './mutation-output';

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

export interface DrainOptions {
  ignoreDaemonSets: boolean;
  force: boolean;
  deleteEmptyDirData: boolean;
}

export function kubectlCordon(state: ClusterState, w: OutputWriter, verb: 'cordon' | 'uncordon', args: string[]): MutationOutput {
  if (args.length === 0) return w.fail(`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples\n`);
  let exit = 0;
  for (const name of args) if (!cordon(state, w, name, verb === 'cordon')) exit = 1;
  return w.done(exit);
}

/** RunCordonOrUncordon for one node; false when there is no such node. */
function cordon(state: ClusterState, w: OutputWriter, name: string, desired: boolean): boolean {
  const node = nodeByName(state, name);
  if (!node) {
    w.err(`Error from server (NotFound): nodes "${name}" not found\n`);
    return false;
  }
  const verb = desired ? 'cordoned' : 'uncordoned';
  if (node.unschedulable === desired) w.out(`node/${name} already ${verb}\n`);
  else {
    node.unschedulable = desired;
    w.out(`node/${name} ${verb}\n`);
  }
  return true;
}

type Status = { delete: boolean; reason: 'okay' | 'skip' | 'warning' | 'error'; message?: string };

/** GetPodsForDeletion's filter chain for one Pod; the last filter's status is kept, a non-deleting one stops the chain. */
function filterPod(s: PodState, options: DrainOptions): Status {
  const finished = s.phase === 'Succeeded' || s.phase === 'Failed';
  const owner = s.pod.owner?.kind;
  const filters: (() => Status)[] = [
    () => (owner !== 'DaemonSet' || finished ? { delete: true, reason: 'okay' } : options.ignoreDaemonSets ? { delete: false, reason: 'warning', message: DAEMONSET_WARNING } : { delete: false, reason: 'error', message: DAEMONSET_FATAL }),
    // Static Pods appear in the API as mirror Pods owned by their Node; drain leaves them alone.
    () => (owner === 'Node' ? { delete: false, reason: 'skip' } : { delete: true, reason: 'okay' }),
    () => (finished || owner ? { delete: true, reason: 'okay' } : options.force ? { delete: true, reason: 'warning', message: UNMANAGED_WARNING } : { delete: false, reason: 'error', message: UNMANAGED_FATAL }),
  ];
  let status: Status = { delete: true, reason: 'okay' };
  for (const f of filters) {
    status = f();
    if (!status.delete) break;
  }
  return status;
}

export function kubectlDrain(state: ClusterState, w: OutputWriter, args: string[], options: DrainOptions): MutationOutput {
  if (args.length !== 1) return w.fail(`error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n`);
  const [name] = args;
  if (!cordon(state, w, name, true)) return w.done(1);

  const pods = [...state.pods.values()]
    .filter((s) => s.nodeName === name)
    .sort((a, b) => compareStrings(a.pod.meta.namespace, b.pod.meta.namespace) || compareStrings(a.pod.meta.name, b.pod.meta.name));
  const toDelete: PodState[] = [];
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  for (const s of pods) {
    const status = filterPod(s, options);
    const who = `${s.pod.meta.namespace}/${s.pod.meta.name}`;
    if (status.reason === 'warning') warnings.set(status.message!, [...(warnings.get(status.message!) ?? []), who]);
    if (status.reason === 'error') errors.set(status.message!, [...(errors.get(status.message!) ?? []), who]);
    if (status.delete) toDelete.push(s);
  }
  if (errors.size > 0) {
    // Upstream iterates a map here (random order); sorted, for repeatable output.
    // PodDeleteList.errors() prefixes "cannot delete " to every message, the one that already
    // starts with it included: kubectl really prints "cannot delete cannot delete Pods that declare no controller".
    const messages = [...errors.entries()].map(([msg, who]) => `cannot delete ${msg}: ${who.join(', ')}`).sort(compareStrings);
    const aggregate = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
    w.err(`error: unable to drain node "${name}" due to error: ${aggregate}, continuing command...\n`);
    w.err(`There are pending nodes to be drained:\n ${name}\n`);
    w.err(`error: ${aggregate}\n`);
    return w.done(1);
  }
  if (warnings.size > 0)
    w.warn(
      [...warnings.entries()]
        .map(([msg, who]) => `${msg}: ${who.join(', ')}`)
        .sort(compareStrings)
        .join('; '),
    );
  for (const s of toDelete) w.out(`evicting pod ${s.pod.meta.namespace}/${s.pod.meta.name}\n`);
  for (const s of toDelete) {
    evictPod(state, s);
    w.out(`pod/${s.pod.meta.name} evicted\n`);
  }
  w.out(`node/${name} drained\n`);
  return w.done(0);
}

/** The Eviction API deletes the Pod; a controller's Pod is then replaced, a bare Pod is gone for good. */
export function evictPod(state: ClusterState, s: PodState): void {
  const { namespace, name } = s.pod.meta;
  if (s.source.kind === 'Pod') deleteObject(state, 'Pod', namespace, name);
  removePod(state, `${namespace}/${name}`);
}
