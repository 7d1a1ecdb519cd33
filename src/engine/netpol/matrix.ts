/**
 * The reachability truth table (what the upstream e2e suite and cyclonus print: rows are
 * sources, columns destinations) for one port and protocol, per Pod or per workload.
 *
 * Pods that no policy can tell apart get the same verdicts, so the table is computed per
 * equivalence class and then expanded: a Pod's class is its namespace, the values of the
 * label keys some selector mentions, which ipBlocks contain its address, which named
 * ports resolve to the port on it, and (only when hostNetwork Pods are involved) its node
 * and whether it uses the host network. Cost: classes² judgements, not Pods².
 */
import type { PodResult, SimulationResult } from '../result';
import { compareStrings } from '../util/compare';
import { groupBy } from '../util/group';
import { policySupport } from './enforcement';
import { ConnectionQueryError, judgeResolved, resolvePod, type ResolvedEnd } from './judge';
import { inIPBlock, policyIndex } from './policy-index';

export interface MatrixOptions {
  port: number;
  /** TCP (default), UDP or SCTP. */
  protocol?: string;
  /** `pod` (default): one row and column per Pod; `workload`: per Deployment, StatefulSet, DaemonSet, Job or bare Pod. */
  by?: 'pod' | 'workload';
  /** Only these namespaces; default: every namespace except kind's own (kube-system, local-path-storage, ...). */
  namespaces?: string[];
}

/** `allowed`: every pair allowed; `denied`: none; `partial`: some Pods of the workloads can, some cannot. */
export type MatrixCell = 'allowed' | 'denied' | 'partial';

export interface ReachMatrix {
  port: number;
  protocol: string;
  by: 'pod' | 'workload';
  cni: string;
  /** Whether the CNI enforces the policies (when not, every cell is `allowed`). */
  enforced: boolean;
  /** Row and column names: `ns/pod`, or `ns/name[Kind]` per workload, sorted. */
  names: string[];
  /** `cells[i][j]`: from names[i] to names[j]. A Pod to itself is always allowed. */
  cells: MatrixCell[][];
  /** How many Pods, and how many classes the policies split them into. */
  pods: number;
  equivalenceClasses: number;
}

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

export function reachMatrix(result: SimulationResult, options: MatrixOptions): ReachMatrix {
  const protocol = (options.protocol ?? 'TCP').toUpperCase();
  const by = options.by ?? 'pod';
  if (options.namespaces) for (const ns of options.namespaces) if (!result.namespaces.includes(ns)) throw new ConnectionQueryError(`namespaces "${ns}" not found`);
  const wanted = options.namespaces ? new Set(options.namespaces) : undefined;
  const pods = result.pods.filter((p) => (wanted ? wanted.has(p.namespace) : !SYSTEM_NAMESPACES.has(p.namespace)));
  const index = policyIndex(result);
  const support = policySupport(result.cluster.cni);

  const signature = classSignature(result, pods, options.port, protocol);
  const classes = groupBy(pods, signature);
  const classOf = new Map<PodResult, string>();
  for (const [key, members] of classes) for (const p of members) classOf.set(p, key);
  const verdicts = new Map<string, boolean>();
  /** The verdict between two distinct Pods of classes `a` and `b` (any two members stand for their classes). */
  const classVerdict = (a: string, b: string): boolean => {
    const key = `${a}\u0001${b}`;
    let v = verdicts.get(key);
    if (v === undefined) {
      const members = classes.get(a)!;
      const src: ResolvedEnd = resolvePod(members[0]);
      const dst: ResolvedEnd = resolvePod(a === b ? members[1] : classes.get(b)![0]);
      v = judgeResolved(index, support, src, dst, options.port, protocol).allowed;
      verdicts.set(key, v);
    }
    return v;
  };

  const groups = by === 'pod' ? pods.map((p) => ({ name: `${p.namespace}/${p.name}`, members: [p] })) : workloadGroups(result, pods);
  groups.sort((a, b) => compareStrings(a.name, b.name));
  // Per group: how many of its Pods fall in each class; a cell looks at class pairs, not Pod pairs.
  const counts = groups.map((g) => [...groupBy(g.members, (p) => classOf.get(p))].map(([c, list]) => ({ c, n: list.length })));
  const cells = groups.map((_, i) =>
    groups.map((__, j): MatrixCell => {
      let yes = false;
      let no = false;
      for (const x of counts[i])
        for (const y of counts[j]) {
          // One Pod with itself is no pair to judge (a Pod always reaches itself).
          if (i === j && x.c === y.c && x.n === 1) continue;
          if (classVerdict(x.c, y.c)) yes = true;
          else no = true;
        }
      return !no ? 'allowed' : !yes ? 'denied' : 'partial';
    }),
  );
  return { port: options.port, protocol, by, cni: support.cni, enforced: support.enforced, names: groups.map((g) => g.name), cells, pods: pods.length, equivalenceClasses: classes.size };
}

/**
 * What policies can observe of a Pod, for this port and protocol. Two Pods with the same
 * signature get the same verdict as source and as destination against any third Pod.
 */
function classSignature(result: SimulationResult, pods: PodResult[], port: number, protocol: string): (p: PodResult) => string {
  const keys = new Set<string>();
  const portNames = new Set<string>();
  const blocks: { cidr: string; except: string[] }[] = [];
  const addSelector = (s?: { matchLabels: Record<string, string>; matchExpressions: { key: string }[] }) => {
    if (!s) return;
    for (const k of Object.keys(s.matchLabels)) keys.add(k);
    for (const e of s.matchExpressions) keys.add(e.key);
  };
  for (const policy of result.networkPolicies ?? []) {
    addSelector(policy.podSelector);
    const rules = [...policy.ingress.map((r) => ({ ports: r.ports, peers: r.from })), ...policy.egress.map((r) => ({ ports: r.ports, peers: r.to }))];
    for (const rule of rules) {
      for (const p of rule.ports) if (typeof p.port === 'string') portNames.add(p.port);
      for (const peer of rule.peers) {
        addSelector(peer.podSelector);
        if (peer.ipBlock) blocks.push(peer.ipBlock);
      }
    }
  }
  const index = policyIndex(result);
  const sortedKeys = [...keys].sort(compareStrings);
  const sortedNames = [...portNames].sort(compareStrings);
  const hostNetwork = pods.some((p) => p.hostNetwork);
  return (p) => {
    const parts = [p.namespace];
    for (const k of sortedKeys) parts.push(Object.prototype.hasOwnProperty.call(p.labels, k) ? `=${p.labels[k]}` : '-');
    for (const b of blocks) parts.push(p.ip !== null && inIPBlock(index.ipBlock(b), p.ip) ? '1' : '0');
    for (const n of sortedNames) parts.push(p.containerPorts.some((c) => c.name === n && c.containerPort === port && c.protocol === protocol) ? '1' : '0');
    if (hostNetwork) parts.push(p.hostNetwork ? 'host' : 'pod', p.nodeName ?? '');
    parts.push(p.ip === null ? 'no-ip' : '');
    return JSON.stringify(parts);
  };
}

/** Pods grouped by the workload that owns them: a Deployment through its ReplicaSet, else the owner, else the Pod itself. */
function workloadGroups(result: SimulationResult, pods: PodResult[]): { name: string; members: PodResult[] }[] {
  const deploymentOf = new Map(result.replicaSets.filter((rs) => rs.deployment).map((rs) => [`${rs.namespace}/${rs.name}`, rs.deployment]));
  const grouped = groupBy(pods, (p) => {
    if (p.ownerKind === 'ReplicaSet' && deploymentOf.has(`${p.namespace}/${p.ownerName}`)) return `${p.namespace}/${deploymentOf.get(`${p.namespace}/${p.ownerName}`)}[Deployment]`;
    if (p.ownerKind && p.ownerKind !== 'Node') return `${p.namespace}/${p.ownerName}[${p.ownerKind}]`;
    return `${p.namespace}/${p.name}[Pod]`;
  });
  return [...grouped].map(([name, members]) => ({ name, members }));
}

/** The table as text: `.` allowed, `X` denied, `~` partly (cyclonus' and the e2e suite's marks, plus one for workloads). */
export function renderMatrix(m: ReachMatrix): string {
  const head = `${m.protocol}/${m.port}: ${m.names.length} ${m.by === 'pod' ? 'Pods' : 'workloads'}, ${m.equivalenceClasses} equivalence ${m.equivalenceClasses === 1 ? 'class' : 'classes'} of Pods; ${m.enforced ? `${m.cni} enforces NetworkPolicy` : `${m.cni} does not enforce NetworkPolicy: everything is allowed`}\n`;
  const mark = { allowed: '.', denied: 'X', partial: '~' } as const;
  const width = Math.max(0, ...m.names.map((n) => n.length));
  const columns = m.names.map((_, j) => String(j + 1));
  const colWidth = Math.max(1, ...columns.map((c) => c.length));
  let out = head + `${''.padEnd(width)}  ${columns.map((c) => c.padStart(colWidth)).join(' ')}\n`;
  m.names.forEach((name, i) => {
    out += `${name.padEnd(width)}  ${m.cells[i].map((c) => mark[c].padStart(colWidth)).join(' ')}\n`;
  });
  out += '\ncolumns: ' + m.names.map((n, j) => `${j + 1}=${n}`).join('  ') + '\n';
  out += 'rows: source, columns: destination; . allowed, X denied' + (m.by === 'workload' ? ', ~ some Pods allowed' : '') + '\n';
  return out;
}
