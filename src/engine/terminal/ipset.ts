/**
 * `ipset` (7.17, as in Debian bookworm) on a node: `list [-n|-t] [NAME]` (options may come
 * before the command, `-L` is accepted for list), `save [NAME]`, `version`. The sets are
 * kube-proxy's IPVS-mode ones (src/engine/proxy); other modes keep none, and a Pod's own
 * network namespace has none. Commands that change sets are refused.
 */
import { buildIpvsState } from '../proxy/ipvs-rules';
import { renderIpsetList, renderIpsetSave } from '../proxy/ipvs-list';
import type { IpvsState } from '../proxy/ipvs-types';
import { fail, ok, type HostCommand } from './host';
import { proxyNode } from './proxy-host';

const VERSION = 'ipset v7.17';
const EMPTY: IpvsState = { virtualServers: [], ipsets: [], dummyAddresses: [], nodePortAddresses: [] };

export const ipset: HostCommand = (ctx, args) => {
  let command: string | undefined;
  let name: string | undefined;
  let namesOnly = false;
  let terse = false;
  for (const a of args) {
    if (a === '-n' || a === '-name' || a === '--name') namesOnly = true;
    else if (a === '-t' || a === '-terse' || a === '--terse') terse = true;
    else if (a === '-s' || a === '-sorted' || a === '-o' || a === 'plain' || a === '-q' || a === '-quiet') continue;
    else if (command === undefined) command = a === '-L' || a === '-l' || a === '-list' ? 'list' : a === '-S' || a === '-save' ? 'save' : a === '-v' || a === '-V' || a === '--version' ? 'version' : a;
    else if (name === undefined) name = a;
    else return fail(`${VERSION}: Unknown argument: \`${a}'\nTry \`ipset help' for more information.\n`, 2);
  }
  if (command === undefined) return fail(`${VERSION}: No command specified.\nTry \`ipset help' for more information.\n`, 2);
  if (command === 'version') return ok(`${VERSION}, protocol version: 7\n`);
  if (['create', 'add', 'del', 'destroy', 'flush', 'rename', 'swap', 'restore', 'test', 'n', 'x', '-'].includes(command)) {
    return fail(`kube-netlab: the lab's nodes are read-only; ipset ${command} is not simulated\n`);
  }
  if (command !== 'list' && command !== 'save') return fail(`${VERSION}: No command specified: unknown argument ${command}\nTry \`ipset help' for more information.\n`, 2);
  const node = proxyNode(ctx);
  if (node !== null && typeof node !== 'string') return node;
  const state = node !== null && ctx.result.cluster.kubeProxyMode === 'ipvs' ? buildIpvsState(ctx.result, node) : EMPTY;
  const out = command === 'save' ? renderIpsetSave(state, node ?? '', name) : renderIpsetList(state, { name, namesOnly, terse, node: node ?? '' });
  return out === null ? fail(`${VERSION}: The set with the given name does not exist\n`) : ok(out);
};
