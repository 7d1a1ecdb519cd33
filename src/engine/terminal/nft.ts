/**
 * `nft` (nftables 1.0.6, as in Debian bookworm) on a node: `list ruleset`, `list tables`,
 * `list table [FAMILY] NAME`, `list chain|set|map [FAMILY] TABLE NAME`, `list
 * chains|sets|maps [FAMILY]`, `--version`. The tables are kube-proxy's nftables-mode ones
 * (src/engine/proxy); the iptables-nft tables that kubelet (and kube-proxy in iptables or
 * IPVS mode) fill are not shown here (see iptables-save). A Pod's own network namespace
 * has no tables. Commands that change the ruleset are refused.
 */
import { buildNftablesRuleset } from '../proxy/nftables-rules';
import { renderNftChain, renderNftObjects, renderNftRuleset, renderNftSet, renderNftTable, renderNftTables } from '../proxy/nftables-list';
import type { NftTable } from '../proxy/nftables-types';
import { fail, ok, type HostCommand } from './host';
import { proxyNode } from './proxy-host';

const FAMILIES = ['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev'];

/** nft's error for a missing object: the command echoed, the name underlined. */
function notFound(words: string[], index: number): string {
  const before = words.slice(0, index).join(' ');
  return `Error: No such file or directory\n${words.join(' ')}\n${' '.repeat(before.length + (index > 0 ? 1 : 0))}${'^'.repeat(words[index].length)}\n`;
}

function syntaxError(words: string[], index: number): string {
  const before = words.slice(0, index).join(' ');
  return `Error: syntax error, unexpected string\n${words.join(' ')}\n${' '.repeat(before.length + (index > 0 ? 1 : 0))}${'^'.repeat((words[index] ?? '').length || 1)}\n`;
}

export const nft: HostCommand = (ctx, args) => {
  const words = args.filter((a) => !['-n', '--numeric', '-s', '--stateless', '-N'].includes(a));
  if (words[0] === '-v' || words[0] === '--version' || words[0] === '-V') return ok('nftables v1.0.6 (Lester Gooch #5)\n');
  if (words.length === 0) return fail('Error: syntax error, unexpected end of file\n\n^\n');
  if (['-a', '--handle', '-j', '--json', '-e', '--echo'].includes(words[0])) return fail(`kube-netlab: nft ${words[0]} is not simulated (rule handles and JSON output are not modelled); try it without ${words[0]}\n`);
  if (words[0].startsWith('-')) return fail(`nft: unrecognized option '${words[0]}'\n`);
  if (words[0] !== 'list') {
    if (['add', 'insert', 'replace', 'create', 'delete', 'destroy', 'flush', 'reset', 'rename'].includes(words[0])) return fail(`kube-netlab: the lab's nodes are read-only; nft ${words[0]} is not simulated\n`);
    return fail(syntaxError(words, 0));
  }
  const node = proxyNode(ctx);
  if (node !== null && typeof node !== 'string') return node;
  const tables: NftTable[] = node === null ? [] : buildNftablesRuleset(ctx.result, node);
  const what = words[1];
  // `list tables|chains|sets|maps [FAMILY]`, `list ruleset [FAMILY]`.
  const familyFilter = (i: number) => (words[i] !== undefined && FAMILIES.includes(words[i]) ? words[i] : undefined);
  const ofFamily = (f: string | undefined) => (f ? tables.filter((t) => t.family === f) : tables);
  if (what === 'ruleset') return ok(renderNftRuleset(ofFamily(familyFilter(2))));
  if (what === 'tables') return ok(renderNftTables(ofFamily(familyFilter(2))));
  if (what === 'chains' || what === 'sets' || what === 'maps') return ok(renderNftObjects(ofFamily(familyFilter(2)), what));
  if (what === 'table' || what === 'chain' || what === 'set' || what === 'map') {
    // The family is optional and defaults to ip.
    let i = 2;
    const family = FAMILIES.includes(words[i] ?? '') ? words[i++] : 'ip';
    const tableName = words[i];
    if (tableName === undefined) return fail(syntaxError(words, words.length - 1));
    const table = tables.find((t) => t.family === family && t.name === tableName);
    if (what === 'table') return table ? ok(renderNftTable(table)) : fail(notFound(words, i));
    const objectName = words[i + 1];
    if (objectName === undefined) return fail(syntaxError(words, words.length - 1));
    if (!table) return fail(notFound(words, i));
    const out = what === 'chain' ? renderNftChain(table, objectName) : renderNftSet(table, what, objectName);
    return out === null ? fail(notFound(words, i + 1)) : ok(out);
  }
  return fail(syntaxError(words, 1));
};
