/**
 * `nft list ...` text (nftables 1.0.6, Debian bookworm as in kindest/node): src/rule.c
 * table/chain/set printing, tabs for indentation, a blank line between objects, and
 * src/expression.c's element layout (two addresses per line in address sets, one element
 * per line in maps and concatenations, continuation lines indented by three tabs and five
 * spaces).
 */
import type { NftChain, NftElement, NftSet, NftTable } from './nftables-types';

/** Standard priorities nft prints by name, with the hooks where the name is valid (ip/ip6 families). */
const PRIORITIES: { name: string; value: number; hooks?: string[] }[] = [
  { name: 'raw', value: -300 },
  { name: 'mangle', value: -150 },
  { name: 'dstnat', value: -100, hooks: ['prerouting'] },
  { name: 'filter', value: 0 },
  { name: 'security', value: 50 },
  { name: 'srcnat', value: 100, hooks: ['postrouting'] },
];

/** nft's prio2str: a standard name, `name + n` / `name - n` within 10 of it, else the number. */
export function priorityText(priority: number, hook: string): string {
  for (const p of PRIORITIES) {
    if (p.hooks && !p.hooks.includes(hook)) continue;
    const offset = priority - p.value;
    if (offset === 0) return p.name;
    if (Math.abs(offset) <= 10) return `${p.name} ${offset > 0 ? '+' : '-'} ${Math.abs(offset)}`;
  }
  return String(priority);
}

/** nft's time format: `3h`, `1h30m`, `10s`, `1d`. */
function timeText(seconds: number): string {
  const parts: [number, string][] = [[Math.floor(seconds / 86400), 'd'], [Math.floor((seconds % 86400) / 3600), 'h'], [Math.floor((seconds % 3600) / 60), 'm'], [seconds % 60, 's']];
  const text = parts.filter(([n]) => n > 0).map(([n, u]) => `${n}${u}`).join('');
  return text || '0s';
}

function quote(text: string): string {
  return `"${text}"`;
}

function elementText(e: NftElement): string {
  let text = e.key.join(' . ');
  if (e.comment !== undefined) text += ` comment ${quote(e.comment)}`;
  if (e.value !== undefined) text += ` : ${e.value}`;
  return text;
}

/** `elements = { ... }`: addresses two per line, anything else one per line. */
function elementsText(set: NftSet): string {
  const perLine = set.kind === 'set' && !set.type.includes(' . ') ? 2 : 1;
  let out = '';
  set.elements.forEach((e, i) => {
    if (i > 0) out += i % perLine === 0 ? ',\n\t\t\t     ' : ', ';
    out += elementText(e);
  });
  return `elements = { ${out} }`;
}

function setLines(set: NftSet): string[] {
  const lines = [`\t${set.kind} ${set.name} {`, `\t\ttype ${set.type}`];
  if (set.size !== undefined) lines.push(`\t\tsize ${set.size}`);
  if (set.flags?.length) lines.push(`\t\tflags ${set.flags.join(',')}`);
  if (set.timeout !== undefined) lines.push(`\t\ttimeout ${timeText(set.timeout)}`);
  if (set.comment !== undefined) lines.push(`\t\tcomment ${quote(set.comment)}`);
  if (set.elements.length > 0) lines.push(`\t\t${elementsText(set)}`);
  lines.push('\t}');
  return lines;
}

function chainLines(chain: NftChain): string[] {
  const lines = [`\tchain ${chain.name} {`];
  if (chain.comment !== undefined) lines.push(`\t\tcomment ${quote(chain.comment)}`);
  if (chain.base) lines.push(`\t\ttype ${chain.base.type} hook ${chain.base.hook} priority ${priorityText(chain.base.priority, chain.base.hook)}; policy accept;`);
  for (const r of chain.rules) lines.push(`\t\t${r.text}${r.comment !== undefined ? ` comment ${quote(r.comment)}` : ''}`);
  lines.push('\t}');
  return lines;
}

/** Objects of a table joined as nft does: a blank line between them. */
function block(table: NftTable, objects: string[][], withComment: boolean): string {
  const head = [`table ${table.family} ${table.name} {`];
  if (withComment && table.comment !== undefined) head.push(`\tcomment ${quote(table.comment)}`);
  const body = objects.map((o) => o.join('\n')).join('\n\n');
  return `${head.join('\n')}\n${body ? `${body}\n` : ''}}\n`;
}

/** `nft list table FAMILY NAME`: sets and maps, then chains, each in creation order. */
export function renderNftTable(table: NftTable): string {
  return block(table, [...table.sets.map(setLines), ...table.chains.map(chainLines)], true);
}

/** `nft list ruleset`: every table in turn. */
export function renderNftRuleset(tables: NftTable[]): string {
  return tables.map(renderNftTable).join('');
}

/** `nft list tables`. */
export function renderNftTables(tables: NftTable[]): string {
  return tables.map((t) => `table ${t.family} ${t.name}\n`).join('');
}

/** `nft list chain FAMILY TABLE NAME`; null when there is no such chain. */
export function renderNftChain(table: NftTable, name: string): string | null {
  const chain = table.chains.find((c) => c.name === name);
  return chain ? block(table, [chainLines(chain)], false) : null;
}

/** `nft list set|map FAMILY TABLE NAME`; null when there is no such set (or it is the other kind). */
export function renderNftSet(table: NftTable, kind: 'set' | 'map', name: string): string | null {
  const set = table.sets.find((s) => s.name === name && s.kind === kind);
  return set ? block(table, [setLines(set)], false) : null;
}

/** `nft list chains|sets|maps`: chains with their hook and comment lines only, sets and maps whole; no blank lines. */
export function renderNftObjects(tables: NftTable[], kind: 'chains' | 'sets' | 'maps'): string {
  return tables
    .map((t) => {
      const objects =
        kind === 'chains'
          ? t.chains.map((c) => chainLines({ ...c, rules: [] }))
          : t.sets.filter((s) => s.kind === (kind === 'sets' ? 'set' : 'map')).map(setLines);
      return `table ${t.family} ${t.name} {\n${objects.map((o) => `${o.join('\n')}\n`).join('')}}\n`;
    })
    .join('');
}
