/**
 * `lsns [-t TYPE]` (util-linux 2.38, Debian 12 as in kindest/node) on a node or in a Pod:
 * the namespaces processes are in. On a node: the node's own (held by /sbin/init, the kind
 * node's PID 1) and, for every Pod sandbox, the net, ipc and uts namespaces the pause
 * container holds and the Pod's containers join (NPROCS: pause plus one process per
 * container). `-t net` adds NETNSID and NSFS (/run/netns/cni-... for the CNI's netns).
 * Columns as libsmartcols prints them: numbers right-aligned, one space between columns.
 * Inode numbers and PIDs are seeded (the kernel's are not observable from the scenario).
 */
import { buildNodeNetwork } from '../datapath';
import type { PodResult } from '../result';
import { SeededRandom } from '../util/rand';
import { fail, ok, type HostCommand } from './host';

const NODE_TYPES = ['time', 'cgroup', 'pid', 'user', 'uts', 'ipc', 'net', 'mnt'];
const SANDBOX_TYPES = ['net', 'ipc', 'uts'];
const TYPES = new Set(['mnt', 'net', 'ipc', 'user', 'pid', 'uts', 'cgroup', 'time']);

interface Row {
  ns: number;
  type: string;
  nprocs: number;
  pid: number;
  user: string;
  netnsid?: string;
  nsfs?: string;
  command: string;
}

function render(rows: Row[], withNet: boolean): string {
  const header: Row = { ns: 0, type: 'TYPE', nprocs: 0, pid: 0, user: 'USER', netnsid: 'NETNSID', nsfs: 'NSFS', command: 'COMMAND' };
  const cells = (r: Row, h = false) => [h ? 'NS' : String(r.ns), r.type, h ? 'NPROCS' : String(r.nprocs), h ? 'PID' : String(r.pid), r.user, ...(withNet ? [r.netnsid ?? '', r.nsfs ?? ''] : []), r.command];
  const table = [cells(header, true), ...rows.map((r) => cells(r))];
  const right = new Set([0, 2, 3, ...(withNet ? [5] : [])]);
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  return table
    .map((row) => row.map((c, i) => (i === row.length - 1 ? c : right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' ').trimEnd())
    .join('\n') + '\n';
}

export const lsns: HostCommand = ({ result, host }, args) => {
  let type: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-t' || a === '--type') type = args[++i];
    else if (a.startsWith('--type=')) type = a.slice('--type='.length);
    else return fail(`lsns: unrecognized option '${a}'\nTry 'lsns --help' for more information.\n`);
  }
  if (type !== undefined && !TYPES.has(type)) return fail(`lsns: unknown namespace type: ${type}\n`);
  const node = host.kind === 'node' ? host.node : host.pod.nodeName;
  if (!node) return fail('kube-netlab: the Pod has no node yet\n');
  const rand = new SeededRandom(`lsns/${node}`);
  const base = 4026531834; // the kernel's first namespace inode numbers (init_net & co. are 4026531xxx)
  const rows: Row[] = [];
  const view = buildNodeNetwork(result, node);
  const pods = (view?.netns ?? []).map((n) => ({ netns: n, pod: result.pods.find((p) => p.namespace === n.podNamespace && p.name === n.podName) })).filter((x): x is { netns: typeof x.netns; pod: PodResult } => x.pod !== undefined);
  const sandboxPid = new Map(pods.map(({ pod }, i) => [pod, 200 + i * 37 + rand.intn(30)]));
  if (host.kind === 'node' || host.pod.hostNetwork) {
    NODE_TYPES.forEach((t, i) => rows.push({ ns: base + i, type: t, nprocs: 40 + pods.length * 3, pid: 1, user: 'root', netnsid: 'unassigned', nsfs: '', command: '/sbin/init' }));
    pods.forEach(({ netns, pod }, i) => {
      SANDBOX_TYPES.forEach((t, k) => rows.push({ ns: base + 700 + i * 8 + k, type: t, nprocs: 1 + pod.containers.length, pid: sandboxPid.get(pod)!, user: '65535', netnsid: String(netns.id), nsfs: t === 'net' ? `/run/netns/${netns.name}` : '', command: '/pause' }));
    });
  } else {
    // Inside a Pod's container: only the Pod's own namespaces are visible (its PID namespace hides the node's).
    const i = pods.findIndex((x) => x.pod === host.pod);
    const netns = pods[i]?.netns;
    SANDBOX_TYPES.forEach((t, k) => rows.push({ ns: base + 700 + i * 8 + k, type: t, nprocs: host.pod.containers.length, pid: 1, user: 'root', netnsid: netns ? '0' : '', nsfs: '', command: host.container }));
  }
  const shown = rows.filter((r) => type === undefined || r.type === type).sort((a, b) => a.ns - b.ns);
  return ok(render(shown, type === 'net'));
};
