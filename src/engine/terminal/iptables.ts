/**
 * `iptables-save` and `iptables -L/-S` as run on one node of the cluster (`sudo` is dropped
 * by the dispatcher). The tables come from src/engine/proxy (kube-proxy v1.33 iptables mode
 * plus kubelet's chains). Supported: `iptables-save [-t TABLE]`, `iptables [-t TABLE]
 * -L [CHAIN] [-n] [-v] [-x] [--line-numbers]`, `iptables [-t TABLE] -S [CHAIN]`, short
 * options bundled (`-nvL`). Other commands (-A, -D, -F, ...) would change the node: refused.
 */
import { buildIptablesRules } from '../proxy/iptables-rules';
import { renderIptablesList, renderIptablesRules } from '../proxy/iptables-list';
import { renderIptablesSave } from '../proxy/iptables-save';
import type { IptablesTable } from '../proxy/iptables-types';
import type { CommandOutput } from './text-tools';
import { fail, hostNode, type HostCommand, type HostContext } from './host';
import { SCENARIO_EPOCH } from './timestamps';

const VERSION = 'v1.8.9 (nf_tables)';
const TABLES = ['filter', 'nat', 'mangle'];

/** The tables of the host's network namespace: a node's (hostNetwork Pods share it). */
function tablesOn({ result, host }: HostContext): IptablesTable[] | CommandOutput {
  if (host.kind === 'pod' && !host.pod.hostNetwork) return fail(`kube-netlab: iptables in Pod ${host.pod.name} sees only the Pod's own network namespace, where kube-proxy writes no rules; run it on the node (${host.pod.nodeName}) instead\n`);
  const node = hostNode(host);
  if (!node || !result.cluster.nodes.some((n) => n.name === node)) return fail(`kube-netlab: no node named "${node ?? ''}" in the cluster\n`);
  return buildIptablesRules(result, node);
}

/** `iptables-save [-t TABLE]`; the banner time is the observed moment on the scenario clock. */
export const iptablesSave: HostCommand = (ctx, args) => {
  let table: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-t' || a === '--table') table = args[++i];
    else if (a.startsWith('--table=')) table = a.slice('--table='.length);
    else if (/^-t.+/.test(a)) table = a.slice(2);
    else if (a === '-c' || a === '--counters') continue;
    else return fail(`iptables-save ${VERSION}: unknown option "${a}"\n`, 2);
  }
  if (table !== undefined && !TABLES.includes(table)) return fail(`iptables-save ${VERSION}: Table \`${table}' does not exist\n`);
  const tables = tablesOn(ctx);
  if (!Array.isArray(tables)) return tables;
  const stdout = renderIptablesSave(tables, { table: table as IptablesTable['name'] | undefined, time: SCENARIO_EPOCH + Math.floor(ctx.result.now), version: VERSION });
  return { stdout, stderr: '', exitCode: 0 };
};

/** `iptables [-t TABLE] -L|-S [CHAIN] [-n] [-v] [-x] [--line-numbers]`. */
export const iptables: HostCommand = (ctx, args) => {
  let table = 'filter';
  let command: 'L' | 'S' | undefined;
  let chain: string | undefined;
  let numeric = false;
  let verbose = false;
  let lineNumbers = false;
  const takesChain = (i: number) => args[i + 1] !== undefined && !args[i + 1].startsWith('-');
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--table') table = args[++i] ?? '';
    else if (a === '--list' || a === '--list-rules') {
      command = a === '--list' ? 'L' : 'S';
      if (takesChain(i)) chain = args[++i];
    } else if (a === '--numeric') numeric = true;
    else if (a === '--verbose') verbose = true;
    else if (a === '--line-numbers') lineNumbers = true;
    else if (a === '--exact' || a === '-w' || a === '--wait') continue;
    else if (/^-[A-Za-z]+$/.test(a)) {
      for (let k = 1; k < a.length; k++) {
        const c = a[k];
        if (c === 't') {
          table = k + 1 < a.length ? a.slice(k + 1) : (args[++i] ?? '');
          break;
        } else if (c === 'L' || c === 'S') {
          command = c;
          if (k === a.length - 1 && takesChain(i)) chain = args[++i];
        } else if (c === 'n') numeric = true;
        else if (c === 'v') verbose = true;
        else if (c === 'x' || c === 'w') continue;
        else if ('ADIRFZNXPE'.includes(c)) return fail(`kube-netlab: the lab's nodes are read-only; iptables -${c} is not simulated\n`);
        else return fail(`iptables ${VERSION}: unknown option "-${c}"\nTry \`iptables -h' or 'iptables --help' for more information.\n`, 2);
      }
    } else return fail(`Bad argument \`${a}'\nTry \`iptables -h' or 'iptables --help' for more information.\n`, 2);
  }
  if (!command) return fail(`iptables ${VERSION}: no command specified\nTry \`iptables -h' or 'iptables --help' for more information.\n`, 2);
  if (!TABLES.includes(table)) return fail(`iptables ${VERSION}: table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`, 3);
  const tables = tablesOn(ctx);
  if (!Array.isArray(tables)) return tables;
  const t = tables.find((x) => x.name === table)!;
  const stdout = command === 'L' ? renderIptablesList(t, { chain, numeric, verbose, lineNumbers }) : renderIptablesRules(t, chain);
  if (stdout === null) return fail('iptables: No chain/target/match by that name.\n');
  return { stdout, stderr: '', exitCode: 0 };
};
