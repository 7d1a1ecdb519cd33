/**
 * A small kube-scheduler (pkg/scheduler, default profile). Filters, in the profile's order,
 * each reporting the plugin's own reason:
 * - NodeAffinity PreFilter: required terms whose every entry names nodes by
 *   `matchFields metadata.name` (DaemonSet Pods) narrow the candidates; the others count as
 *   "node(s) didn't satisfy plugin(s) [NodeAffinity]".
 * - NodeUnschedulable: "node(s) were unschedulable" (cordoned, unless the Pod tolerates
 *   `node.kubernetes.io/unschedulable:NoSchedule`).
 * - TaintToleration: "node(s) had untolerated taint {key: value}" for the first NoSchedule or
 *   NoExecute taint not tolerated; `effectiveTaints` adds what the node lifecycle
 *   controller keeps in step with conditions (not-ready, unschedulable).
 * - NodeAffinity: `nodeSelector` and required node affinity (In, NotIn, Exists,
 *   DoesNotExist, Gt, Lt; matchFields metadata.name): "node(s) didn't match Pod's node
 *   affinity/selector".
 * - NodeResourcesFit: "Too many pods" (kubelet maxPods), "Insufficient cpu",
 *   "Insufficient memory", "Insufficient ephemeral-storage": the Pod's requests against
 *   allocatable minus what the node's Pods already request (terminated Pods excluded, as
 *   the scheduler's informer excludes them).
 * - InterPodAffinity: "node(s) didn't match pod affinity rules", "node(s) didn't match pod
 *   anti-affinity rules", "node(s) didn't satisfy existing pods anti-affinity rules".
 *
 * When no node fits, the FailedScheduling text is `FitError.Error()`
 * (pkg/scheduler/framework/types.go): reasons counted over nodes, each "<count> <reason>",
 * sorted as strings, joined by ", "; then DefaultPreemption's own histogram: nodes that
 * failed an UnschedulableAndUnresolvable plugin are "Preemption is not helpful for
 * scheduling", the others "No preemption victims found for incoming pod" (every Pod has
 * the default priority here, so none can be evicted).
 *
 * Scoring is approximated: the highest sum of matched preferred affinity weights (node
 * affinity, Pod affinity minus Pod anti-affinity), then the fewest intolerable
 * PreferNoSchedule taints, then the fewest Pods (the default scoring's spreading of a
 * workload over the workers of a kind cluster), then the node name.
 *
 * A Pod with `spec.nodeName` bypasses the scheduler, as it does on a real cluster.
 *
 * Cost: the checks that depend only on the Pod spec and the node (taints, nodeSelector,
 * node affinity, PreferNoSchedule count) are computed once per PodSpec object — a
 * workload's replicas share one — and shared by specs with the same nodeSelector, required
 * node affinity and tolerations (bare Pods); each node's effective taints once per pass.
 * Without preferred affinity, Pod (anti-)affinity or a pinned IP, the score is (fewest
 * PreferNoSchedule taints, fewest Pods, name): the nodes are kept ordered by (Pods, name),
 * and the first feasible node of that order at the spec's lowest PreferNoSchedule count is
 * the choice, usually found at the front — so a Pod does not cost a pass over every node.
 * Otherwise the choice is one pass over the nodes.
 */
import type { Affinity, LabelSelector, NodeSelectorTerm, Pod, PodAffinityTerm, PodSpec, Taint, Toleration } from '../model';
import type { ClusterNode } from './topology';
import { compareStrings } from '../util/compare';
import { matchesRequirement, matchesSelector } from '../util/labels';
import { milliValue, value } from '../util/quantity';
import { compareCreation, podDiagnostic, type ClusterState } from '../state';

export type ScheduleOutcome = { nodeName: string } | { nodeName: null; reason: string };

export const REASON = {
  unschedulable: 'node(s) were unschedulable',
  nodeAffinity: "node(s) didn't match Pod's node affinity/selector",
  nodeAffinityPreFilter: "node(s) didn't satisfy plugin(s) [NodeAffinity]",
  tooManyPods: 'Too many pods',
  podAffinity: "node(s) didn't match pod affinity rules",
  podAntiAffinity: "node(s) didn't match pod anti-affinity rules",
  existingAntiAffinity: "node(s) didn't satisfy existing pods anti-affinity rules",
  preemptionNotHelpful: 'Preemption is not helpful for scheduling',
  noVictims: 'No preemption victims found for incoming pod',
} as const;

/** `untolerated taint {key: value}` as TaintToleration words it. */
export function taintReason(t: Taint): string {
  return `node(s) had untolerated taint {${t.key}: ${t.value}}`;
}

/** A filter's verdict on one node: its reasons, and whether preemption could ever help. */
interface NodeStatus {
  reasons: string[];
  unresolvable: boolean;
}

interface Requests {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
}

interface NodeInfo {
  node: ClusterNode;
  index: number;
  taints: Taint[];
  allocatable: Requests;
  requested: Requests;
  pods: number;
}

/** A Pod the scheduler knows to be on a node (bound earlier or in this pass). */
interface BoundPod {
  pod: Pod;
  node: NodeInfo;
}

/** `resource.PodRequests` without init containers or overhead: the sum over containers. */
export function podRequests(spec: PodSpec): Requests {
  const out: Requests = { milliCPU: 0, memory: 0, ephemeralStorage: 0 };
  for (const c of spec.containers) {
    if (!c.requests) continue;
    out.milliCPU += milliValue(c.requests.cpu);
    out.memory += value(c.requests.memory);
    out.ephemeralStorage += value(c.requests['ephemeral-storage']);
  }
  return out;
}

/** What a spec's static checks say about every node (by node index). */
interface StaticVerdicts {
  /** null: the node passes NodeAffinity PreFilter, NodeUnschedulable, TaintToleration and NodeAffinity. */
  statuses: (NodeStatus | null)[];
  /** PreferNoSchedule taints the spec does not tolerate. */
  preferNoSchedule: number[];
  /** The lowest `preferNoSchedule` over the passing nodes (Infinity when none passes). */
  lowestPreferNoSchedule: number;
}

export class Scheduler {
  private readonly infos: NodeInfo[];
  private readonly byName = new Map<string, NodeInfo>();
  /** Static verdicts per PodSpec object. */
  private readonly staticCache = new WeakMap<PodSpec, StaticVerdicts>();
  /** The same, by what they depend on (nodeSelector, required node affinity, tolerations): bare Pods have a spec each. */
  private readonly staticByContent = new Map<string, StaticVerdicts>();
  private readonly requestCache = new WeakMap<PodSpec, Requests>();
  private readonly bound = new Map<string, BoundPod[]>();
  private readonly boundWithAntiAffinity: BoundPod[] = [];
  /** Every node, ordered by (Pods, name, index): the tail of the score, kept up to date by `bind`. */
  private readonly order: NodeInfo[];

  constructor(nodes: ClusterNode[]) {
    this.infos = nodes.map((node, index) => ({
      node,
      index,
      taints: effectiveTaints(node),
      allocatable: { milliCPU: milliValue(node.allocatable.cpu), memory: value(node.allocatable.memory), ephemeralStorage: value(node.allocatable['ephemeral-storage']) },
      requested: { milliCPU: 0, memory: 0, ephemeralStorage: 0 },
      pods: 0,
    }));
    for (const info of this.infos) this.byName.set(info.node.name, info);
    this.order = [...this.infos].sort(compareOrder);
  }

  hasNode(name: string): boolean {
    return this.byName.has(name);
  }

  /** Records `pod` as running on `nodeName` (pinned, system or just scheduled). */
  bind(nodeName: string, pod?: Pod): void {
    const info = this.byName.get(nodeName);
    if (!info) return;
    this.countPod(info);
    if (!pod) return;
    const req = this.requestsOf(pod.spec);
    info.requested.milliCPU += req.milliCPU;
    info.requested.memory += req.memory;
    info.requested.ephemeralStorage += req.ephemeralStorage;
    const entry = { pod, node: info };
    const list = this.bound.get(pod.meta.namespace);
    if (list) list.push(entry);
    else this.bound.set(pod.meta.namespace, [entry]);
    if (pod.spec.affinity?.podAntiAffinity.length) this.boundWithAntiAffinity.push(entry);
  }

  /** Picks a node for `pod` and binds it, or explains why none fits (the FailedScheduling event text). */
  schedule(pod: Pod, prefer?: (node: ClusterNode) => boolean): ScheduleOutcome {
    const verdicts = this.staticVerdicts(pod.spec);
    const statics = verdicts.statuses;
    const req = this.requestsOf(pod.spec);
    const affinity = pod.spec.affinity;
    // Existing Pods' anti-affinity binds every incoming Pod, with affinity of its own or not.
    const podAffinity = affinity?.podAffinity.length || affinity?.podAntiAffinity.length || this.boundWithAntiAffinity.length > 0 ? this.affinityState(pod, affinity) : undefined;
    const preferred = affinity ? this.preferredDomains(pod, affinity) : undefined;

    let best: NodeInfo | undefined;
    if (!prefer && !preferred && !podAffinity) {
      // Score (fewest PreferNoSchedule, fewest Pods, name): in (Pods, name) order, the first
      // feasible node of each PreferNoSchedule count is that count's best.
      let bestCount = Infinity;
      for (const info of this.order) {
        if (statics[info.index] || !fitsResources(req, info)) continue;
        const count = verdicts.preferNoSchedule[info.index];
        if (count < bestCount) {
          best = info;
          bestCount = count;
          if (count === verdicts.lowestPreferNoSchedule) break;
        }
      }
    } else {
      // One pass keeping the best node; nothing is allocated per node unless no node fits.
      const bestKey = [0, 0, 0, 0];
      const key = [0, 0, 0, 0];
      for (const info of this.infos) {
        if (statics[info.index] || !fitsResources(req, info) || (podAffinity && podAffinity(info))) continue;
        // Higher is better, compared element by element; the node name breaks ties.
        key[0] = prefer?.(info.node) ? 1 : 0;
        key[1] = preferred ? preferred(info) : 0;
        key[2] = -verdicts.preferNoSchedule[info.index];
        key[3] = -info.pods;
        const c = best ? compareKeys(key, bestKey) : 1;
        if (c > 0 || (c === 0 && compareStrings(info.node.name, best!.node.name) < 0)) {
          best = info;
          for (let i = 0; i < 4; i++) bestKey[i] = key[i];
        }
      }
    }
    if (best) {
      this.bind(best.node.name, pod);
      return { nodeName: best.node.name };
    }
    return { nodeName: null, reason: fitError(this.infos.map((info) => statics[info.index] ?? fitsRequest(req, info) ?? (podAffinity ? podAffinity(info) : null))) };
  }

  /** One more Pod on `info`: it moves to its new place in `order` (after the nodes with as many Pods and a smaller name). */
  private countPod(info: NodeInfo): void {
    let at = lowerBound(this.order, info);
    while (this.order[at] !== info) at++;
    this.order.splice(at, 1);
    info.pods++;
    this.order.splice(lowerBound(this.order, info), 0, info);
  }

  private requestsOf(spec: PodSpec): Requests {
    let req = this.requestCache.get(spec);
    if (!req) this.requestCache.set(spec, (req = podRequests(spec)));
    return req;
  }

  /** NodeAffinity PreFilter, NodeUnschedulable, TaintToleration and NodeAffinity, and the PreferNoSchedule count: depend only on the spec and the node. */
  private staticVerdicts(spec: PodSpec): StaticVerdicts {
    const cached = this.staticCache.get(spec);
    if (cached) return cached;
    // Exactly what the checks below read of the spec.
    const content = JSON.stringify([spec.nodeSelector, spec.affinity?.requiredNodeTerms ?? null, spec.tolerations]);
    const shared = this.staticByContent.get(content);
    if (shared) {
      this.staticCache.set(spec, shared);
      return shared;
    }
    const namedNodes = preFilterNodeNames(spec.affinity?.requiredNodeTerms ?? null);
    const statuses = this.infos.map((info): NodeStatus | null => {
      const node = info.node;
      if (namedNodes && !namedNodes.has(node.name)) return { reasons: [REASON.nodeAffinityPreFilter], unresolvable: true };
      if (node.unschedulable && !tolerates(spec.tolerations, UNSCHEDULABLE_TAINT)) return { reasons: [REASON.unschedulable], unresolvable: true };
      const taint = info.taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(spec.tolerations, t));
      if (taint) return { reasons: [taintReason(taint)], unresolvable: true };
      if (!matchesNodeSelector(spec, node)) return { reasons: [REASON.nodeAffinity], unresolvable: true };
      return null;
    });
    const preferNoSchedule = this.infos.map((info) => preferNoScheduleCount(spec.tolerations, info.taints));
    let lowestPreferNoSchedule = Infinity;
    for (const info of this.infos) if (!statuses[info.index]) lowestPreferNoSchedule = Math.min(lowestPreferNoSchedule, preferNoSchedule[info.index]);
    const verdicts = { statuses, preferNoSchedule, lowestPreferNoSchedule };
    this.staticCache.set(spec, verdicts);
    this.staticByContent.set(content, verdicts);
    return verdicts;
  }

  /** InterPodAffinity's PreFilter counts and the per-node Filter (pkg/scheduler/framework/plugins/interpodaffinity). */
  private affinityState(pod: Pod, affinity: Affinity | undefined): (info: NodeInfo) => NodeStatus | null {
    const affinityCounts = new Map<string, number>();
    const antiCounts = new Map<string, number>();
    const existingAntiCounts = new Map<string, number>();
    const terms = affinity?.podAffinity ?? [];
    const antiTerms = affinity?.podAntiAffinity ?? [];
    const add = (map: Map<string, number>, key: string, labels: Record<string, string>) => {
      if (Object.prototype.hasOwnProperty.call(labels, key)) map.set(pairKey(key, labels[key]), (map.get(pairKey(key, labels[key])) ?? 0) + 1);
    };
    if (terms.length > 0 || antiTerms.length > 0) {
      for (const namespace of termNamespaces(pod, [...terms, ...antiTerms])) {
        for (const b of this.bound.get(namespace) ?? []) {
          const labels = b.node.node.labels;
          if (terms.length > 0 && terms.every((t) => termMatches(pod, t, b.pod))) for (const t of terms) add(affinityCounts, t.topologyKey, labels);
          for (const t of antiTerms) if (termMatches(pod, t, b.pod)) add(antiCounts, t.topologyKey, labels);
        }
      }
    }
    for (const b of this.boundWithAntiAffinity) for (const t of b.pod.spec.affinity!.podAntiAffinity) if (termMatches(b.pod, t, pod)) add(existingAntiCounts, t.topologyKey, b.node.node.labels);
    const selfMatches = terms.every((t) => termMatches(pod, t, pod));
    return (info) => {
      const labels = info.node.labels;
      if (terms.length > 0) {
        let podsExist = true;
        for (const t of terms) {
          if (!Object.prototype.hasOwnProperty.call(labels, t.topologyKey)) return { reasons: [REASON.podAffinity], unresolvable: true };
          if (!(affinityCounts.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0)) podsExist = false;
        }
        // The first Pod of a group with affinity to itself may go anywhere.
        if (!podsExist && !(affinityCounts.size === 0 && selfMatches)) return { reasons: [REASON.podAffinity], unresolvable: true };
      }
      for (const t of antiTerms) if (Object.prototype.hasOwnProperty.call(labels, t.topologyKey) && (antiCounts.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) > 0) return { reasons: [REASON.podAntiAffinity], unresolvable: false };
      if (existingAntiCounts.size > 0) for (const [k, v] of Object.entries(labels)) if ((existingAntiCounts.get(pairKey(k, v)) ?? 0) > 0) return { reasons: [REASON.existingAntiAffinity], unresolvable: false };
      return null;
    };
  }

  /** Sum of matched preferred weights per node: node affinity terms, plus Pod affinity, minus Pod anti-affinity, per topology domain. */
  private preferredDomains(pod: Pod, affinity: Affinity): ((info: NodeInfo) => number) | undefined {
    const nodeTerms = affinity.preferredNodeTerms;
    const podTerms = [...affinity.preferredPodAffinity.map((p) => ({ ...p, sign: 1 })), ...affinity.preferredPodAntiAffinity.map((p) => ({ ...p, sign: -1 }))];
    if (nodeTerms.length === 0 && podTerms.length === 0) return undefined;
    const domainScore = new Map<string, number>();
    if (podTerms.length > 0) {
      for (const namespace of termNamespaces(pod, podTerms.map((p) => p.term))) {
        for (const b of this.bound.get(namespace) ?? []) {
          for (const p of podTerms) {
            const key = p.term.topologyKey;
            const labels = b.node.node.labels;
            if (Object.prototype.hasOwnProperty.call(labels, key) && termMatches(pod, p.term, b.pod)) domainScore.set(pairKey(key, labels[key]), (domainScore.get(pairKey(key, labels[key])) ?? 0) + p.sign * p.weight);
          }
        }
      }
    }
    const topologyKeys = [...new Set(podTerms.map((p) => p.term.topologyKey))];
    return (info) => {
      let score = 0;
      for (const p of nodeTerms) if (matchesTerm(p.term, info.node)) score += p.weight;
      for (const key of topologyKeys) if (Object.prototype.hasOwnProperty.call(info.node.labels, key)) score += domainScore.get(pairKey(key, info.node.labels[key])) ?? 0;
      return score;
    };
  }
}

/** `Scheduler.order`: fewest Pods first, then the node name, then the node's place in the topology (duplicate names). */
function compareOrder(a: NodeInfo, b: NodeInfo): number {
  return a.pods - b.pods || compareStrings(a.node.name, b.node.name) || a.index - b.index;
}

/** The first position in `order` (sorted by `compareOrder`) whose node does not come before `info`. */
function lowerBound(order: NodeInfo[], info: NodeInfo): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareOrder(order[mid], info) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** `fitsRequest` without building reasons (the common, fitting case). */
function fitsResources(req: Requests, info: NodeInfo): boolean {
  return (
    info.pods + 1 <= info.node.maxPods &&
    !(req.milliCPU > 0 && req.milliCPU > info.allocatable.milliCPU - info.requested.milliCPU) &&
    !(req.memory > 0 && req.memory > info.allocatable.memory - info.requested.memory) &&
    !(req.ephemeralStorage > 0 && req.ephemeralStorage > info.allocatable.ephemeralStorage - info.requested.ephemeralStorage)
  );
}

/** NodeResourcesFit's `fitsRequest`: reasons in its order (pods, cpu, memory, ephemeral-storage). */
function fitsRequest(req: Requests, info: NodeInfo): NodeStatus | null {
  const reasons: string[] = [];
  if (info.pods + 1 > info.node.maxPods) reasons.push(REASON.tooManyPods);
  if (req.milliCPU > 0 && req.milliCPU > info.allocatable.milliCPU - info.requested.milliCPU) reasons.push('Insufficient cpu');
  if (req.memory > 0 && req.memory > info.allocatable.memory - info.requested.memory) reasons.push('Insufficient memory');
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > info.allocatable.ephemeralStorage - info.requested.ephemeralStorage) reasons.push('Insufficient ephemeral-storage');
  return reasons.length > 0 ? { reasons, unresolvable: false } : null;
}

/** `FitError.Error()` followed by DefaultPreemption's message. */
function fitError(statuses: (NodeStatus | null)[]): string {
  const total = statuses.length;
  const reasons = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const s of statuses) {
    if (!s) continue;
    for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    const p = s.unresolvable ? REASON.preemptionNotHelpful : REASON.noVictims;
    preemption.set(p, (preemption.get(p) ?? 0) + 1);
  }
  const histogram = (m: Map<string, number>) => [...m.entries()].map(([r, n]) => `${n} ${r}`).sort(compareStrings).join(', ');
  return `0/${total} nodes are available: ${histogram(reasons)}. preemption: 0/${total} nodes are available: ${histogram(preemption)}.`;
}

/** NodeAffinity PreFilter: the node names every required term pins with `matchFields metadata.name In`, or null (all nodes). */
function preFilterNodeNames(terms: NodeSelectorTerm[] | null): Set<string> | null {
  if (!terms || terms.length === 0) return null;
  const names = new Set<string>();
  for (const term of terms) {
    const field = term.matchFields.find((f) => f.key === 'metadata.name' && f.operator === 'In');
    if (!field) return null;
    for (const v of field.values) names.add(v);
  }
  return names;
}

/** `nodeSelector` AND (any required node affinity term). */
export function matchesNodeSelector(spec: PodSpec, node: ClusterNode): boolean {
  for (const [k, v] of Object.entries(spec.nodeSelector)) if (node.labels[k] !== v) return false;
  const terms = spec.affinity?.requiredNodeTerms;
  if (!terms) return true;
  return terms.some((t) => matchesTerm(t, node));
}

/** A node selector term: every expression on labels and every field requirement hold; an empty term matches nothing. */
function matchesTerm(term: NodeSelectorTerm, node: ClusterNode): boolean {
  if (term.matchExpressions.length === 0 && term.matchFields.length === 0) return false;
  return term.matchExpressions.every((r) => matchesRequirement(node.labels, r.key, r.operator, r.values)) && term.matchFields.every((r) => matchesRequirement({ 'metadata.name': node.name }, r.key, r.operator, r.values));
}

/** The namespaces a set of terms looks in (their `namespaces`, or the Pod's own). */
function termNamespaces(pod: Pod, terms: PodAffinityTerm[]): Set<string> {
  const out = new Set<string>();
  for (const t of terms) {
    if (t.namespaces.length === 0) out.add(pod.meta.namespace);
    else for (const ns of t.namespaces) out.add(ns);
  }
  return out;
}

/** `AffinityTerm.Matches`: `other` is in the term's namespaces (relative to `owner`) and its labels match; a null selector matches nothing. */
function termMatches(owner: Pod, term: PodAffinityTerm, other: Pod): boolean {
  const namespaces = term.namespaces.length === 0 ? [owner.meta.namespace] : term.namespaces;
  if (!namespaces.includes(other.meta.namespace)) return false;
  return term.labelSelector !== null && matchesLabelSelector(term.labelSelector, other.meta.labels);
}

function matchesLabelSelector(selector: LabelSelector, labels: Record<string, string>): boolean {
  return matchesSelector(selector, labels);
}

function preferNoScheduleCount(tolerations: Toleration[], taints: Taint[]): number {
  let n = 0;
  for (const t of taints) if (t.effect === 'PreferNoSchedule' && !tolerates(tolerations, t)) n++;
  return n;
}

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' };
const NOT_READY_TAINT: Taint = { key: 'node.kubernetes.io/not-ready', value: '', effect: 'NoSchedule' };

/** The node's taints plus those the node lifecycle controller keeps in step with its conditions (TaintNodesByCondition). */
export function effectiveTaints(node: ClusterNode): Taint[] {
  const extra = [...(node.ready ? [] : [NOT_READY_TAINT]), ...(node.unschedulable ? [UNSCHEDULABLE_TAINT] : [])].filter((t) => !node.taints.some((n) => n.key === t.key && n.effect === t.effect));
  return [...node.taints, ...extra];
}

/** `v1.Toleration.ToleratesTaint` (tolerationSeconds does not matter for scheduling). */
export function tolerates(tolerations: Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect !== '' && t.effect !== taint.effect) return false;
    if (t.key === '') return t.operator === 'Exists';
    if (t.key !== taint.key) return false;
    return t.operator === 'Exists' || t.value === taint.value;
  });
}

export interface SchedulePodsOptions {
  /** Report Pending Pods as conditions (default true); the StatefulSet controller's look-ahead passes false. */
  report?: boolean;
}

/**
 * The scheduler's pass over the cluster: every Pod without a node, in creation order, is
 * bound to its `spec.nodeName` or to the node `Scheduler.schedule` picks; the rest stay
 * Pending, reported once per owner and reason.
 */
export function schedulePods(state: ClusterState, options: SchedulePodsOptions = {}): void {
  const scheduler = new Scheduler(state.topology.nodes);
  const unbound = [];
  for (const s of state.pods.values()) {
    if (s.nodeName === null) unbound.push(s);
    // The scheduler's informer leaves out terminated Pods: they hold no resources.
    else if (scheduler.hasNode(s.nodeName) && s.phase !== 'Succeeded' && s.phase !== 'Failed') scheduler.bind(s.nodeName, s.pod);
  }
  unbound.sort(compareCreation);
  const pendingByOwner = new Map<string, { pods: Pod[]; reason: string }>();
  for (const s of unbound) {
    const pod = s.pod;
    delete s.pendingReason;
    if (s.terminating) continue; // a Pod being deleted is not scheduled
    if (pod.spec.nodeName) {
      if (scheduler.hasNode(pod.spec.nodeName)) {
        s.nodeName = pod.spec.nodeName;
        scheduler.bind(s.nodeName, pod);
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
      // One diagnostic per workload (or bare Pod) and reason, not one per replica.
      const key = `${pod.origin.label}\u0000${s.pendingReason}`;
      const entry = pendingByOwner.get(key) ?? { pods: [], reason: s.pendingReason };
      entry.pods.push(pod);
      pendingByOwner.set(key, entry);
    }
  }
  if (options.report === false) return;
  for (const { pods, reason } of pendingByOwner.values()) {
    const pod = pods[0];
    const who = pod.owner ? `${pods.length === 1 ? 'Pod' : `${pods.length} Pods`} of ${pod.origin!.label} ${pods.length === 1 ? 'is' : 'are'}` : `Pod ${pod.meta.name} is`;
    state.conditions.push(podDiagnostic(pod, 'warning', `${who} Pending: ${reason}`, pod.spec.nodeName ? 'spec.nodeName' : undefined, pendingHint(reason)));
  }
}

/** What to change, for the reasons a student can act on. */
function pendingHint(reason: string): string | undefined {
  if (reason.includes('untolerated taint')) return 'add a matching spec.tolerations entry, or remove the taint (kubectl taint nodes <node> <key>-)';
  if (reason.includes('Insufficient')) return 'lower resources.requests, or remove Pods that hold the node\'s allocatable (kubectl describe node shows "Allocated resources")';
  if (reason.includes("node affinity/selector")) return 'check spec.nodeSelector / nodeAffinity against the node labels (kubectl get nodes --show-labels)';
  if (reason.includes('anti-affinity')) return 'required anti-affinity allows one matching Pod per topology domain: add nodes, lower replicas, or use preferredDuringScheduling';
  return undefined;
}
