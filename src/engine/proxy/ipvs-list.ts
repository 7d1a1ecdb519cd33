/**
 * Text views of IPVS mode: `ipvsadm -L -n` (ipvsadm 1.31, ipvsadm.c list_all /
 * print_title / print_service_entry; the kernel's table size is 4096, IP_VS_TAB_BITS=12)
 * and `ipset list` (ipset 7.17 as in Debian bookworm, lib/print.c and the kernel's
 * per-type header). Counters and rates are 0: the simulator moves no packets.
 */
import type { Ipset, IpvsState, IpvsVirtualServer } from './ipvs-types';
import { SeededRandom } from '../util/rand';
import { SERVICES } from './iptables-list';

/** What `ipvsadm -L` prints besides the table. */
export interface IpvsadmListOptions {
  /** `--stats`: connection/packet/byte counters instead of weights. */
  stats?: boolean;
  /** `--rate`: rates instead of weights. */
  rate?: boolean;
  /** `-t|-u|--sctp-service VIP:PORT`: only that virtual service (protocol TCP/UDP/SCTP). */
  service?: { protocol: string; address: string; port: number };
  /** Without `-n`, ports print as /etc/services names (`:https`); addresses stay numeric (no reverse DNS here). */
  numeric?: boolean;
  /** `-S` / `--save`: ipvsadm-save's rule form. */
  save?: boolean;
}

const TITLE = 'IP Virtual Server version 1.2.1 (size=4096)';

function hostPort(address: string, port: number, numeric = true): string {
  const p = numeric ? String(port) : (SERVICES[port] ?? String(port));
  return address.includes(':') ? `[${address}]:${p}` : `${address}:${p}`;
}

function header(o: IpvsadmListOptions): string[] {
  if (o.stats) return ['Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes', '  -> RemoteAddress:Port'];
  if (o.rate) return ['Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS', '  -> RemoteAddress:Port'];
  return ['Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn'];
}

/** Five zero counters as ipvsadm prints them (`%8s` each). */
const ZEROS = ` ${['0', '0', '0', '0', '0'].map((z) => z.padStart(8)).join(' ')}`;

const SAVE_FLAG: Record<string, string> = { TCP: '-t', UDP: '-u', SCTP: '--sctp-service' };

/** ipvsadm -S: `-A -t VIP:PORT -s rr [-p T]`, then `-a -t VIP:PORT -r RIP:PORT -m -w 1` per real server. */
function saveLines(vs: IpvsVirtualServer, numeric: boolean): string[] {
  const svc = `${SAVE_FLAG[vs.protocol]} ${hostPort(vs.address, vs.port, numeric)}`;
  const head = `-A ${svc} -s ${vs.scheduler}${vs.persistentTimeout !== undefined ? ` -p ${vs.persistentTimeout}` : ''}`;
  return [head, ...vs.realServers.map((r) => `-a ${svc} -r ${hostPort(r.address, r.port, numeric)} -m -w ${r.weight}`)];
}

function serviceLines(vs: IpvsVirtualServer, o: IpvsadmListOptions): string[] {
  const numeric = o.numeric ?? true;
  const hp = (a: string, p: number) => hostPort(a, p, numeric);
  const vip = `${vs.protocol.padEnd(4)} ${hp(vs.address, vs.port)}`;
  if (o.stats || o.rate) {
    return [`${vip.padEnd(33)}${ZEROS}`, ...vs.realServers.map((r) => `  -> ${hp(r.address, r.port).padEnd(28)}${ZEROS}`)];
  }
  let line = `${vip} ${vs.scheduler}`;
  if (vs.persistentTimeout !== undefined) line += ` persistent ${vs.persistentTimeout}`;
  // print_service_entry: "  -> %-28s %-7s %-6d %-10u %-10u" (trailing spaces included).
  const dests = vs.realServers.map((r) => `  -> ${hp(r.address, r.port).padEnd(28)} ${r.forward.padEnd(7)} ${String(r.weight).padEnd(6)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}`);
  return [line, ...dests];
}

/** `ipvsadm -L -n [--stats|--rate] [-t VIP:PORT]`; null when `service` names no virtual service. */
export function renderIpvsadmList(servers: IpvsVirtualServer[], options: IpvsadmListOptions = {}): string | null {
  let list = servers;
  if (options.save && !options.service) return list.flatMap((vs) => saveLines(vs, options.numeric ?? false)).map((l) => `${l}\n`).join('');
  if (options.service) {
    const want = options.service;
    list = servers.filter((s) => s.protocol === want.protocol && s.address === want.address && s.port === want.port);
    if (list.length === 0) return null;
    if (options.save) return `${saveLines(list[0], options.numeric ?? false).join('\n')}\n`;
    // A single service is printed without the version title.
    return `${[...header(options), ...serviceLines(list[0], options)].join('\n')}\n`;
  }
  const lines = [TITLE, ...header(options)];
  for (const vs of list) lines.push(...serviceLines(vs, options));
  return `${lines.join('\n')}\n`;
}

/** Kernel revision of each set type on a 6.x kernel (net/netfilter/ipset IPSET_TYPE_REV_MAX). */
const REVISION: Record<Ipset['type'], number> = { 'hash:ip': 6, 'hash:ip,port': 7, 'hash:ip,port,ip': 6, 'hash:ip,port,net': 8, 'bitmap:port': 3 };
/** Empty-set memory and the approximate cost of one entry (measured on a 6.x kernel; see README). */
const MEMORY: Record<Ipset['type'], [number, number]> = { 'hash:ip': [216, 40], 'hash:ip,port': [216, 48], 'hash:ip,port,ip': [208, 56], 'hash:ip,port,net': [464, 56], 'bitmap:port': [8264, 0] };
/** The same for empty IPv6 hash sets (the IPv6 proxier's sets stay empty). */
const MEMORY_INET6: Record<Ipset['type'], number> = { 'hash:ip': 224, 'hash:ip,port': 232, 'hash:ip,port,ip': 232, 'hash:ip,port,net': 1256, 'bitmap:port': 8264 };

/** A hash set's random initval, seeded by the node and set name so every run prints the same. */
function initval(node: string, name: string): string {
  return `0x${new SeededRandom(`ipset/${node}/${name}`).nextUint32().toString(16).padStart(8, '0')}`;
}

/** `ipset list [NAME]` for one set: the header block, then members. */
function setBlock(set: Ipset, node: string, terse: boolean): string[] {
  const hdr = set.type === 'bitmap:port' ? 'range 0-65535' : `family ${set.family} hashsize 1024 maxelem 65536 bucketsize 12 initval ${initval(node, set.name)}`;
  const [base, per] = set.family === 'inet6' ? [MEMORY_INET6[set.type], 0] : MEMORY[set.type];
  const lines = [
    `Name: ${set.name}`,
    `Type: ${set.type}`,
    `Revision: ${REVISION[set.type]}`,
    `Header: ${hdr}`,
    `Size in memory: ${base + per * set.members.length}`,
    `References: ${set.references}`,
    `Number of entries: ${set.members.length}`,
  ];
  if (terse) return lines;
  return [...lines, 'Members:', ...set.members];
}

/** Options of `renderIpsetList`. */
export interface IpsetListOptions {
  /** Only this set. */
  name?: string;
  /** `-n`: names only. */
  namesOnly?: boolean;
  /** `-t`: headers without members. */
  terse?: boolean;
  /** The node (seeds the hash sets' initval). */
  node: string;
}

/** `ipset list [-n|-t] [NAME]`; null when NAME is not a set. */
export function renderIpsetList(state: IpvsState, options: IpsetListOptions): string | null {
  const sets = options.name === undefined ? state.ipsets : state.ipsets.filter((s) => s.name === options.name);
  if (sets.length === 0) return options.name === undefined ? '' : null;
  if (options.namesOnly) return `${sets.map((s) => s.name).join('\n')}\n`;
  // Sets are separated by an empty line; members end with a newline.
  return `${sets.map((s) => setBlock(s, options.node, options.terse ?? false).join('\n')).join('\n\n')}\n`;
}

/** `ipset save [NAME]`: `create` lines as ipset restore reads them, then `add` lines per set. */
export function renderIpsetSave(state: IpvsState, node: string, name?: string): string | null {
  const sets = name === undefined ? state.ipsets : state.ipsets.filter((s) => s.name === name);
  if (sets.length === 0) return name === undefined ? '' : null;
  const lines: string[] = [];
  for (const set of sets) {
    const opts = set.type === 'bitmap:port' ? 'range 0-65535' : `family ${set.family} hashsize 1024 maxelem 65536 bucketsize 12 initval ${initval(node, set.name)}`;
    lines.push(`create ${set.name} ${set.type} ${opts}`, ...set.members.map((m) => `add ${set.name} ${m}`));
  }
  return `${lines.join('\n')}\n`;
}
