/**
 * `iptables -L [CHAIN] [-n] [-v]` text (iptables 1.8.9 xshared.c print_header /
 * print_rule_details / print_ifaces / print_ipv4_addresses and each extension's print
 * function), and `iptables -S`. Counters are 0: the simulator moves no packets.
 */
import type { IptablesChain, IptablesMatch, IptablesRule, IptablesTable, IptablesTarget } from './iptables-types';
import { saveRule } from './iptables-save';

/** Options of `renderIptablesList`. */
export interface IptablesListOptions {
  /** Only this chain (`iptables -L CHAIN`). */
  chain?: string;
  /** `-n`: addresses and ports as numbers (without it: `anywhere` and /etc/services names). */
  numeric?: boolean;
  /** `-v`: packet/byte counters and interfaces. */
  verbose?: boolean;
  /** `--line-numbers`. */
  lineNumbers?: boolean;
}

/** The few /etc/services names (Debian netbase) that kube-proxy rules on a kind node hit. */
export const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 8080: 'http-alt' };

const hex = (n: number) => `0x${n.toString(16)}`;

function port(n: number, numeric: boolean): string {
  return numeric ? String(n) : (SERVICES[n] ?? String(n));
}

function listMatch(m: IptablesMatch, numeric: boolean): string {
  switch (m.module) {
    case 'comment':
      return ` /* ${m.comment} */`;
    case 'tcp':
    case 'udp':
    case 'sctp':
      return m.dport === undefined ? ` ${m.module}` : ` ${m.module} dpt:${port(m.dport, numeric)}`;
    case 'statistic':
      return ` statistic mode random probability ${m.probability}`;
    case 'addrtype':
      return ` ADDRTYPE match${m.srcType ? ` src-type ${m.srcTypeNegated ? '!' : ''}${m.srcType}` : ''}${m.dstType ? ` dst-type ${m.dstType}` : ''}`;
    case 'mark':
      return ` mark match${m.negated ? ' !' : ''} ${m.mask === 0xffffffff ? hex(m.mark) : `${hex(m.mark)}/${hex(m.mask)}`}`;
    case 'conntrack':
      return `${m.negated ? ' !' : ''} ctstate ${m.ctstate}`;
    case 'nfacct':
      return ` nfacct-name  ${m.name}`;
    case 'recent':
      return m.mode === 'rcheck'
        ? ` recent: CHECK seconds: ${m.seconds} reap name: ${m.name} side: source mask: 255.255.255.255`
        : ` recent: SET name: ${m.name} side: source mask: 255.255.255.255`;
    case 'set':
      return ` match-set ${m.name} ${m.flags}`;
    case 'physdev':
      return ' PHYSDEV match ! --physdev-is-in';
  }
}

function targetName(t: IptablesTarget | undefined): string {
  if (!t) return '';
  return t.kind === 'jump' ? t.chain : t.kind;
}

function listTarget(t: IptablesTarget | undefined): string {
  if (!t) return '';
  switch (t.kind) {
    case 'jump':
      return '';
    case 'MARK':
      // libxt_MARK mark_tg_print: value == mask → "or", mask 0 → "xor".
      if (t.value === 0) return ` MARK and ${hex(~t.mask >>> 0)}`;
      if (t.value === t.mask) return ` MARK or ${hex(t.value)}`;
      if (t.mask === 0) return ` MARK xor ${hex(t.value)}`;
      return t.mask === 0xffffffff ? ` MARK set ${hex(t.value)}` : ` MARK xset ${hex(t.value)}/${hex(t.mask)}`;
    case 'MASQUERADE':
      return t.randomFully ? ' random-fully' : '';
    case 'DNAT':
      return ` to:${t.toDestination}`;
    case 'REJECT':
      return ` reject-with ${t.rejectWith}`;
  }
}

/** An address column: `0.0.0.0/0` (or `anywhere`), a host without `/32`, a network with its length. */
function address(cidr: string | undefined, numeric: boolean): string {
  if (!cidr) return numeric ? '0.0.0.0/0' : 'anywhere';
  return cidr.endsWith('/32') ? cidr.slice(0, -3) : cidr;
}

function references(table: IptablesTable, chain: string): number {
  let n = 0;
  for (const c of table.chains) for (const r of c.rules) if (r.target?.kind === 'jump' && r.target.chain === chain) n++;
  return n;
}

/** iptables 1.8.9 prints the protocol as a number with -n (`0` for all), as a name without. */
const PROTOCOL_NUMBER: Record<string, string> = { all: '0', tcp: '6', udp: '17', sctp: '132' };

function ruleLine(rule: IptablesRule, num: number, o: IptablesListOptions): string {
  const numeric = o.numeric ?? false;
  let line = '';
  if (o.lineNumbers) line += `${String(num).padEnd(4)} `;
  if (o.verbose) line += `${'0'.padStart(5)} ${'0'.padStart(5)} `;
  line += `${targetName(rule.target).padEnd(9)} `;
  const protocol = rule.protocol ?? 'all';
  line += ` ${(numeric ? (PROTOCOL_NUMBER[protocol] ?? protocol) : protocol).padEnd(4)} `;
  line += '-- ';
  if (o.verbose) line += ` ${(numeric ? '*' : 'any').padEnd(6)} ${(numeric ? '*' : 'any').padEnd(6)} `;
  line += `${rule.sourceNegated ? '!' : ' '}${address(rule.source, numeric).padEnd(19)} `;
  line += `${rule.destinationNegated ? '!' : ' '}${address(rule.destination, numeric).padEnd(19)} `;
  for (const m of rule.matches) line += listMatch(m, numeric);
  return line + listTarget(rule.target);
}

function header(o: IptablesListOptions): string {
  let line = '';
  if (o.lineNumbers) line += 'num  ';
  if (o.verbose) line += ' pkts bytes ';
  line += `${'target'.padEnd(9)}  prot opt`;
  if (o.verbose) line += ` ${'in'.padEnd(6)} ${'out'.padEnd(6)} `;
  return `${line} ${'source'.padEnd(19)}  ${'destination'.padEnd(19)} `;
}

function chainBlock(table: IptablesTable, chain: IptablesChain, o: IptablesListOptions): string[] {
  const title = chain.policy
    ? `Chain ${chain.name} (policy ${chain.policy}${o.verbose ? ' 0 packets, 0 bytes' : ''})`
    : `Chain ${chain.name} (${references(table, chain.name)} references)`;
  return [title, header(o), ...chain.rules.map((r, i) => ruleLine(r, i + 1, o))];
}

/** `iptables -t TABLE -L [CHAIN]` for one table; null when the chain does not exist. */
export function renderIptablesList(table: IptablesTable, options: IptablesListOptions = {}): string | null {
  const chains = options.chain ? table.chains.filter((c) => c.name === options.chain) : table.chains;
  if (chains.length === 0) return null;
  const blocks = chains.map((c) => chainBlock(table, c, options).join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

/** `iptables -t TABLE -S [CHAIN]`: `-P`/`-N` lines for the chains, then their rules; null when the chain does not exist. */
export function renderIptablesRules(table: IptablesTable, chain?: string): string | null {
  const chains = chain ? table.chains.filter((c) => c.name === chain) : table.chains;
  if (chains.length === 0) return null;
  const lines = chains.map((c) => (c.policy ? `-P ${c.name} ${c.policy}` : `-N ${c.name}`));
  for (const c of chains) for (const r of c.rules) lines.push(saveRule(c.name, r));
  return `${lines.join('\n')}\n`;
}
