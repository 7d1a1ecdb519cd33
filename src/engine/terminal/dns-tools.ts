/**
 * The DNS tools of a netshoot-style image, on a node or in a Pod (`kubectl exec`): BIND 9.18
 * `dig`, `nslookup` and `host`, and glibc's `getent hosts`. Each reads the host's
 * resolv.conf (kubelet's for a Pod, per dnsPolicy; kind's for a node) and asks the
 * simulated servers (dns/network.ts). Output follows the tools' formats:
 * - dig: banner, `;; ->>HEADER<<-`, flags (`qr aa rd` from CoreDNS's kubernetes plugin, no RA,
 *   hence the recursion warning; `qr rd ra` when forwarded), EDNS with the echoed cookie,
 *   sections, `;; Query time`, `;; SERVER: ip#53(ip) (UDP)`, `;; WHEN`, `;; MSG SIZE  rcvd`;
 *   the mDNS warning for `.local` names (dig ≥ 9.16); `+short`, `+search`, `-x`, `-t`,
 *   `@server`, `+noall +answer`-style section toggles. No search list without `+search`.
 * - nslookup: `Server:`/`Address:` lines, `Name:`/`Address:` pairs (A, then AAAA),
 *   `canonical name =`, `** server can't find NAME: NXDOMAIN`, `*** Can't find NAME: No answer`.
 * - host: `has address`, `is an alias for`, `mail is handled by`, `Host NAME not found: 3(NXDOMAIN)`.
 * - getent hosts: /etc/hosts first, then DNS (AAAA walk, then A), `%-15s name aliases`.
 * Query IDs and cookies are seeded by the question, so output is stable.
 */
import { canonicalName, isIPv4, reverseName } from '../dns/names';
import { exchange } from '../dns/network';
import { nodeResolvConf, parseHosts, podResolvConf, type ResolvConf } from '../dns/resolv-conf';
import { searchCandidates, walk } from '../dns/resolver';
import { RR_TYPES, type DnsMessage, type DnsRecord } from '../dns/types';
import { SeededRandom } from '../util/rand';
import { bare, digQuestionLine, digRecordLine, digWhen, messageSize } from './dns-format';
import { fail, hostName, ok, type HostCommand, type HostContext } from './host';
import { hostFile } from './host-files';
import { SCENARIO_EPOCH } from './timestamps';
import type { CommandOutput } from './text-tools';

export const DIG_VERSION = '9.18.33';

export function hostResolvConf(ctx: HostContext): ResolvConf {
  return ctx.host.kind === 'node' ? nodeResolvConf() : podResolvConf(ctx.result, ctx.host.pod);
}

const TYPES = new Set(Object.keys(RR_TYPES));

interface Lookup {
  /** The absolute name the final question asked. */
  name: string;
  message: DnsMessage;
  /** Every response of the walk, in order (the last is `message`). */
  responses: DnsMessage[];
}

/** Asks `name` (absolute or relative) with or without the search list. */
function lookup(ctx: HostContext, server: string, name: string, type: string, rc: ResolvConf, search: boolean): Lookup {
  const candidates = search ? searchCandidates(name, rc) : [name.endsWith('.') ? name : `${name}.`];
  const responses: DnsMessage[] = [];
  const run = walk(candidates, type, (n) => {
    const m = exchange(ctx.result, server, n, type);
    responses.push(m);
    return m;
  });
  return { name: run.name, message: run.message, responses };
}

/** A server given by name (`@kube-dns.kube-system.svc.cluster.local`) is looked up with the host's resolver first; undefined when it does not resolve. */
function serverAddress(ctx: HostContext, server: string | undefined, rc: ResolvConf): string | undefined {
  if (server === undefined || isIPv4(server)) return server ?? rc.nameservers[0];
  const first = rc.nameservers[0];
  if (!first) return undefined;
  const found = lookup(ctx, first, server, 'A', rc, !server.endsWith('.'));
  return found.message.answer.find((r) => r.type === 'A')?.data;
}

function seeded(ctx: HostContext, key: string): SeededRandom {
  return new SeededRandom(`dns/${hostName(ctx.host)}/${key}`);
}

/** The simulator's own explanation, on stderr, for what the real tools leave unexplained (an unreachable server, a name outside the simulation). */
function notes(m: DnsMessage): string {
  return m.error || m.source === 'outside' ? m.notes.map((n) => `kube-netlab: ${n}\n`).join('') : '';
}

function noServers(server: string, error: string, tries = 3): string {
  return `;; communications error to ${server}#53: ${error}\n`.repeat(tries);
}

/** `dig [@server] [-t TYPE] [-x ADDR] [+short] [+search] [+[no]FLAG...] NAME [TYPE]` */
export const dig: HostCommand = (ctx, args) => {
  let server: string | undefined;
  let name: string | undefined;
  let type: string | undefined;
  let short = false;
  let search = false;
  const show = { cmd: true, comments: true, question: true, answer: true, authority: true, additional: true, stats: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('@')) server = a.slice(1);
    else if (a === '-t') type = (args[++i] ?? '').toUpperCase();
    else if (a === '-x') {
      const ip = args[++i] ?? '';
      if (!isIPv4(ip)) return fail(`dig: '${ip}' is not a legal IPv4 address\n`, 10);
      name = reverseName(ip);
      type = 'PTR';
    } else if (a === '-4' || a === '-6' || a === '-q') {
      if (a === '-q') name = args[++i];
    } else if (a.startsWith('+')) {
      const opt = a.slice(1).toLowerCase();
      const no = opt.startsWith('no');
      const key = (no ? opt.slice(2) : opt).replace(/=.*/, '');
      if (key === 'short') short = !no;
      else if (key === 'search') search = !no;
      else if (key === 'all') for (const k of Object.keys(show) as (keyof typeof show)[]) show[k] = !no;
      else if (key in show) show[key as keyof typeof show] = !no;
      else if (['tcp', 'vc', 'recurse', 'ttlid', 'cl', 'class', 'cookie', 'edns', 'dnssec', 'time', 'tries', 'retry', 'ndots', 'identify', 'showsearch', 'multiline', 'rrcomments', 'ttlunits', 'nssearch', 'trace', 'tcflag', 'aaflag', 'adflag', 'cdflag', 'qr', 'besteffort', 'bufsize'].includes(key)) continue;
      else return fail(`Invalid option: ${a}\nUsage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n            {global-d-opt} host [@local-server] {local-d-opt}\n            [ host [@local-server] {local-d-opt} [...]]\n\nUse "dig -h" (or "dig -h | more") for complete list of options\n`, 1);
    } else if (a.startsWith('-')) continue;
    // dig.c parse_args: a word that names a type is the type (the first one), anything else the name.
    else if (type === undefined && TYPES.has(a.toUpperCase())) type = a.toUpperCase();
    else if (a.toUpperCase() === 'IN') continue;
    else if (name === undefined) name = a;
  }
  const rc = hostResolvConf(ctx);
  const nameserver = serverAddress(ctx, server, rc);
  if (server !== undefined && !nameserver) return fail(`dig: couldn't get address for '${server}': not found\n`, 10);
  if (!nameserver) return fail(';; no servers could be reached\n', 9);
  if (name === undefined) {
    name = '.';
    type ??= 'NS';
  }
  type ??= 'A';
  const cmdLine = `; <<>> DiG ${DIG_VERSION} <<>> ${args.join(' ')}\n${server ? '; (1 server found)\n' : ''};; global options: +cmd\n`;
  const { name: asked, message } = lookup(ctx, nameserver, name, type, rc, search);
  if (message.error) {
    if (short) return { stdout: noServers(nameserver, message.error), stderr: notes(message), exitCode: 9 };
    const banner = show.cmd ? `\n${cmdLine}` : '';
    return { stdout: `${noServers(nameserver, message.error)}${banner};; no servers could be reached\n\n`, stderr: notes(message), exitCode: 9 };
  }
  if (short) return { stdout: message.answer.map((r) => `${r.data}\n`).join(''), stderr: notes(message), exitCode: 0 };
  const rand = seeded(ctx, `${asked}/${type}`);
  const id = rand.intn(65536);
  const cookie = [0, 1].map(() => rand.nextUint32().toString(16).padStart(8, '0')).join('');
  const flags = ['qr', ...(message.aa ? ['aa'] : []), 'rd', ...(message.ra ? ['ra'] : [])].join(' ');
  let out = '';
  if (show.cmd) out += `\n${cmdLine}`;
  if (show.comments) {
    out += ';; Got answer:\n';
    if (/(^|\.)local\.$/i.test(asked)) out += ';; WARNING: .local is reserved for Multicast DNS\n;; You are currently testing what happens when an mDNS query is leaked to DNS\n';
    out += `;; ->>HEADER<<- opcode: QUERY, status: ${message.rcode}, id: ${id}\n`;
    out += `;; flags: ${flags}; QUERY: 1, ANSWER: ${message.answer.length}, AUTHORITY: ${message.authority.length}, ADDITIONAL: ${message.additional.length + 1}\n`;
    if (!message.ra) out += ';; WARNING: recursion requested but not available\n';
    out += `\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n; COOKIE: ${cookie} (echoed)\n`;
  }
  if (show.question) out += `${show.comments ? ';; QUESTION SECTION:\n' : ''}${digQuestionLine(asked, type)}\n${show.comments ? '\n' : ''}`;
  const section = (title: string, records: DnsRecord[], enabled: boolean) => {
    if (!enabled || records.length === 0) return;
    out += `${show.comments ? `;; ${title} SECTION:\n` : ''}${records.map((r) => `${digRecordLine(r)}\n`).join('')}${show.comments ? '\n' : ''}`;
  };
  section('ANSWER', message.answer, show.answer);
  section('AUTHORITY', message.authority, show.authority);
  section('ADDITIONAL', message.additional, show.additional);
  if (show.stats) {
    const forwarded = message.ra && !message.aa;
    out += `;; Query time: ${forwarded ? 1 + rand.intn(30) : 0} msec\n`;
    out += `;; SERVER: ${nameserver}#53(${nameserver}) (UDP)\n`;
    out += `;; WHEN: ${digWhen(SCENARIO_EPOCH + Math.floor(ctx.result.now))}\n`;
    out += `;; MSG SIZE  rcvd: ${messageSize(asked, [message.answer, message.authority, message.additional])}\n\n`;
  }
  return { stdout: out, stderr: notes(message), exitCode: 0 };
};

/** nslookup's line for a record of a non-address type (bin/dig/nslookup.c printsection). */
function nslookupRecord(r: DnsRecord): string {
  const owner = bare(r.name);
  const d = r.data.split(' ');
  switch (r.type) {
    case 'CNAME':
      return `${owner}\tcanonical name = ${r.data}\n`;
    case 'SRV':
      return `${owner}\tservice = ${r.data}\n`;
    case 'PTR':
      return `${owner}\tname = ${r.data}\n`;
    case 'MX':
      return `${owner}\tmail exchanger = ${r.data}\n`;
    case 'TXT':
      return `${owner}\ttext = ${r.data}\n`;
    case 'NS':
      return `${owner}\tnameserver = ${r.data}\n`;
    case 'SOA':
      return `${owner}\n\torigin = ${bare(d[0])}\n\tmail addr = ${bare(d[1])}\n\tserial = ${d[2]}\n\trefresh = ${d[3]}\n\tretry = ${d[4]}\n\texpire = ${d[5]}\n\tminimum = ${d[6]}\n`;
    case 'A':
    case 'AAAA':
      return `Name:\t${owner}\nAddress: ${r.data}\n`;
    default:
      return `${owner}\trdata_${RR_TYPES[r.type] ?? 0} = ${r.data}\n`;
  }
}

/** BusyBox's parse_reply: names come from ns_name_uncompress, without the trailing dot. */
function busyboxRecord(r: DnsRecord): string {
  const owner = bare(r.name);
  const d = r.data.split(' ');
  switch (r.type) {
    case 'A':
    case 'AAAA':
      return `Name:\t${owner}\nAddress: ${r.data}\n`;
    case 'CNAME':
      return `${owner}\tcanonical name = ${bare(r.data)}\n`;
    case 'PTR':
      return `${owner}\tname = ${bare(r.data)}\n`;
    case 'NS':
      return `${owner}\tnameserver = ${bare(r.data)}\n`;
    case 'MX':
      return `${owner}\tmail exchanger = ${d[0]} ${bare(d[1])}\n`;
    case 'TXT':
      return `${owner}\ttext = ${r.data}\n`;
    case 'SOA':
      return `${owner}\n\torigin = ${bare(d[0])}\n\tmail addr = ${bare(d[1])}\n\tserial = ${d[2]}\n\trefresh = ${d[3]}\n\tretry = ${d[4]}\n\texpire = ${d[5]}\n\tminimum = ${d[6]}\n`;
    case 'SRV':
      return `${owner}\tservice = ${d.slice(0, 3).join(' ')} ${bare(d[3])}\n`;
    default:
      return '';
  }
}

/**
 * Which nslookup the exec'd container's image ships: BusyBox's in busybox and alpine images
 * (alpine without bind-tools), the pre-1.29 one (getaddrinfo, `Address 1:` lines) in
 * busybox:1.28 and older — the image the Kubernetes DNS debugging page uses — else BIND's.
 */
function nslookupFlavour(ctx: HostContext): 'bind' | 'busybox' | 'busybox-legacy' {
  if (ctx.host.kind !== 'pod') return 'bind';
  const { pod, container } = ctx.host;
  const image = pod.containers.find((c) => c.name === container)?.image ?? '';
  if (!/(^|\/)(busybox|alpine)(:|@|$)/.test(image)) return 'bind';
  const version = /(^|\/)busybox:1\.(\d+)(\.|-|$)/.exec(image);
  return version && Number(version[2]) <= 28 ? 'busybox-legacy' : 'busybox';
}

/**
 * BusyBox 1.28's nslookup: getaddrinfo (the search list, ndots) for the server and the name,
 * `%-10s %s` headers, `Address N: IP NAME` with the address's PTR name when it has one;
 * failure is `nslookup: can't resolve 'NAME'` on stderr, exit 1.
 */
function busyboxLegacyNslookup(ctx: HostContext, name: string, server: string | undefined): CommandOutput {
  const rc = hostResolvConf(ctx);
  const nameserver = serverAddress(ctx, server, rc) ?? '127.0.0.1';
  const ptrName = (ip: string): string => {
    const m = exchange(ctx.result, nameserver, reverseName(ip), 'PTR');
    const ptr = m.answer.find((r) => r.type === 'PTR');
    return ptr ? ` ${bare(ptr.data)}` : '';
  };
  let out = `${'Server:'.padEnd(10)} ${nameserver}\nAddress 1: ${nameserver}${ptrName(nameserver)}\n\n`;
  const found = lookup(ctx, nameserver, name, 'A', rc, !name.endsWith('.'));
  const addresses = found.message.answer.filter((r) => r.type === 'A').map((r) => r.data);
  if (found.message.error || addresses.length === 0) return { stdout: out, stderr: `nslookup: can't resolve '${name}'\n${notes(found.message)}`, exitCode: 1 };
  out += `${'Name:'.padEnd(10)} ${name}\n${addresses.map((ip, i) => `Address ${i + 1}: ${ip}${ptrName(ip)}\n`).join('')}`;
  return { stdout: out, stderr: '', exitCode: 0 };
}

/**
 * BusyBox's nslookup (networking/nslookup.c, 1.30+): A then AAAA (PTR for an address),
 * the search list only for a name without any dot and never the bare name
 * (add_query_with_search), every reply printed — `** server can't find NAME: RCODE` or its
 * records — each followed by a blank line; the server's address as `IP:53`.
 */
function busyboxNslookup(ctx: HostContext, name: string, type: string | undefined, server: string | undefined): CommandOutput {
  const rc = hostResolvConf(ctx);
  const nameserver = serverAddress(ctx, server, rc) ?? '127.0.0.1';
  const queries: { name: string; type: string }[] = [];
  if (isIPv4(name) && !type) queries.push({ name: reverseName(name), type: 'PTR' });
  else {
    for (const t of type ? [type] : ['A', 'AAAA']) {
      const names = t !== 'PTR' && rc.searches.length > 0 && !name.includes('.') ? rc.searches.map((d) => `${name}.${d}`) : [name];
      for (const n of names) queries.push({ name: n, type: t });
    }
  }
  let out = `Server:\t\t${nameserver}\nAddress:\t${nameserver}:53\n\n`;
  let answered = false;
  for (const q of queries) {
    const m = exchange(ctx.result, nameserver, q.name.endsWith('.') ? q.name : `${q.name}.`, q.type);
    if (m.error) return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: notes(m), exitCode: 1 };
    if (m.rcode !== 'NOERROR') out += `** server can't find ${q.name}: ${m.rcode}\n`;
    else {
      if (!m.aa) out += 'Non-authoritative answer:\n';
      out += m.answer.map(busyboxRecord).join('');
      answered ||= m.answer.length > 0;
    }
    out += '\n';
  }
  return { stdout: out, stderr: '', exitCode: answered ? 0 : 1 };
}

/** `nslookup [-type=T] NAME [SERVER]` (BIND 9.18; BusyBox's in busybox and alpine images). */
export const nslookup: HostCommand = (ctx, args) => {
  let type: string | undefined;
  const positional: string[] = [];
  for (const a of args) {
    const m = /^-(?:type|query|q|t)=(.+)$/i.exec(a);
    if (m) type = m[1].toUpperCase();
    else if (a.startsWith('-')) continue;
    else positional.push(a);
  }
  const [name, server] = positional;
  if (name === undefined) return fail('kube-netlab: interactive nslookup is not simulated; give the name: nslookup NAME [SERVER]\n');
  const flavour = nslookupFlavour(ctx);
  if (flavour === 'busybox') return busyboxNslookup(ctx, name, type, server);
  if (flavour === 'busybox-legacy') return busyboxLegacyNslookup(ctx, name, server);
  const rc = hostResolvConf(ctx);
  const nameserver = serverAddress(ctx, server, rc);
  if (!nameserver) return fail(server !== undefined ? `;; couldn't get address for '${server}': not found\n` : ';; no servers could be reached\n');
  const header = `Server:\t\t${nameserver}\nAddress:\t${nameserver}#53\n\n`;
  let qname = name;
  let types = type ? [type] : ['A', 'AAAA'];
  if (isIPv4(name) && !type) {
    qname = reverseName(name);
    types = ['PTR'];
  }
  // BIND 9.18 nslookup warns once per response that lacks RA (CoreDNS never sets it).
  const noRA = (m: DnsMessage) => (!m.error && !m.ra ? `;; Got recursion not available from ${nameserver}\n` : '');
  const first = lookup(ctx, nameserver, qname, types[0], rc, !qname.endsWith('.') && types[0] !== 'PTR');
  let stderr = first.responses.map(noRA).join('');
  if (first.message.error) return { stdout: `${noServers(nameserver, first.message.error)};; no servers could be reached\n\n`, stderr: stderr + notes(first.message), exitCode: 1 };
  if (first.message.rcode === 'SERVFAIL') stderr += `;; Got SERVFAIL reply from ${nameserver}\n`;
  if (first.message.rcode !== 'NOERROR') return { stdout: `${header}** server can't find ${name}: ${first.message.rcode}\n\n`, stderr: stderr + notes(first.message), exitCode: 1 };
  let out = '';
  let anyAnswer = false;
  let nodataName: string | undefined;
  const results = [first.message, ...types.slice(1).map((t) => exchange(ctx.result, nameserver, first.name, t))];
  for (const [i, m] of results.entries()) {
    if (i > 0) stderr += noRA(m);
    if (m.error || m.rcode !== 'NOERROR') continue;
    if (m.answer.length === 0) {
      nodataName ??= bare(first.name);
      continue;
    }
    if (!anyAnswer && !m.aa) out += 'Non-authoritative answer:\n';
    // A CNAME chain is printed once, with the first type's answer.
    out += m.answer.filter((rec) => !(anyAnswer && rec.type === 'CNAME')).map(nslookupRecord).join('');
    anyAnswer = true;
  }
  if (!anyAnswer) return { stdout: `${header}*** Can't find ${nodataName ?? bare(first.name)}: No answer\n\n`, stderr, exitCode: 1 };
  return { stdout: `${header}${out}\n`, stderr, exitCode: 0 };
};

/** host's line for a record (bin/dig/host.c). */
function hostRecord(r: DnsRecord): string {
  const owner = bare(r.name);
  switch (r.type) {
    case 'A':
      return `${owner} has address ${r.data}\n`;
    case 'AAAA':
      return `${owner} has IPv6 address ${r.data}\n`;
    case 'CNAME':
      return `${owner} is an alias for ${r.data}\n`;
    case 'MX':
      return `${owner} mail is handled by ${r.data}\n`;
    case 'PTR':
      return `${owner} domain name pointer ${r.data}\n`;
    case 'SRV':
      return `${owner} has SRV record ${r.data}\n`;
    case 'TXT':
      return `${owner} descriptive text ${r.data}\n`;
    case 'NS':
      return `${owner} name server ${r.data}\n`;
    case 'SOA':
      return `${owner} has SOA record ${r.data}\n`;
    default:
      return `${owner} has ${r.type} record ${r.data}\n`;
  }
}

const RCODE_NUMBERS: Record<string, number> = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };

/** `host [-t TYPE] NAME [SERVER]` (BIND 9.18): A, AAAA and MX by default; an address asks PTR. */
export const host: HostCommand = (ctx, args) => {
  let type: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-t') type = (args[++i] ?? '').toUpperCase();
    else if (args[i].startsWith('-')) continue;
    else positional.push(args[i]);
  }
  const [name, server] = positional;
  if (name === undefined) return fail('Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n');
  const rc = hostResolvConf(ctx);
  const nameserver = serverAddress(ctx, server, rc);
  if (!nameserver) return fail(server !== undefined ? `host: couldn't get address for '${server}': not found\n` : ';; no servers could be reached\n');
  const using = server ? `Using domain server:\nName: ${server}\nAddress: ${nameserver}#53\nAliases: \n\n` : '';
  let qname = name;
  let types = type ? [type] : ['A', 'AAAA', 'MX'];
  if (isIPv4(name)) {
    qname = reverseName(name);
    types = type ? [type] : ['PTR'];
  }
  const first = lookup(ctx, nameserver, qname, types[0], rc, !qname.endsWith('.') && !isIPv4(name));
  if (first.message.error) return { stdout: `${using}${noServers(nameserver, first.message.error, 2)};; no servers could be reached\n`, stderr: notes(first.message), exitCode: 1 };
  if (first.message.rcode !== 'NOERROR') return { stdout: `${using}Host ${bare(first.name)} not found: ${RCODE_NUMBERS[first.message.rcode]}(${first.message.rcode})\n`, stderr: notes(first.message), exitCode: 1 };
  let out = using;
  const printed = new Set<string>();
  for (const [i, t] of types.entries()) {
    const m = i === 0 ? first.message : exchange(ctx.result, nameserver, first.name, t);
    if (m.error || m.rcode !== 'NOERROR') continue;
    for (const r of m.answer) {
      const line = hostRecord(r);
      if (printed.has(line)) continue;
      printed.add(line);
      out += line;
    }
  }
  if (type && out === using) out += `${bare(first.name)} has no ${type} record\n`;
  return ok(out);
};

/** `getent hosts NAME...`: nsswitch `files dns` — /etc/hosts, then the resolver (gethostbyname2: AF_INET6, then AF_INET). */
export const getent: HostCommand = (ctx, args) => {
  const [database, ...keys] = args;
  if (database === undefined) return fail('Usage: getent [OPTION...] database [key ...]\nTry `getent --help\' or `getent --usage\' for more information.\n');
  if (database !== 'hosts' && database !== 'ahosts' && database !== 'ahostsv4') return fail(`kube-netlab: getent ${database} is not simulated (only hosts, ahosts, ahostsv4)\n`);
  const rc = hostResolvConf(ctx);
  const hosts = parseHosts(hostFile(ctx, '/etc/hosts') ?? '');
  let out = '';
  let exitCode = 0;
  for (const key of keys) {
    const lines = getentHost(ctx, rc, hosts, key);
    if (lines.length === 0) exitCode = 2;
    out += database === 'hosts' ? lines.map((l) => `${l.ip.padEnd(15)} ${[l.name, ...l.aliases].join(' ')}\n`).join('') : lines.flatMap((l, i) => ['STREAM', 'DGRAM', 'RAW'].map((s, j) => `${l.ip.padEnd(15)} ${s.padEnd(6)} ${i === 0 && j === 0 ? l.name : ''}\n`)).join('');
  }
  return { stdout: out, stderr: '', exitCode };
};

function getentHost(ctx: HostContext, rc: ResolvConf, hosts: { ip: string; names: string[] }[], key: string): { ip: string; name: string; aliases: string[] }[] {
  if (isIPv4(key)) {
    const entry = hosts.find((h) => h.ip === key);
    if (entry) return [{ ip: key, name: entry.names[0], aliases: entry.names.slice(1) }];
    const server = rc.nameservers[0];
    if (!server) return [];
    const m = exchange(ctx.result, server, reverseName(key), 'PTR');
    const ptr = m.answer.find((r) => r.type === 'PTR');
    return ptr ? [{ ip: key, name: bare(ptr.data), aliases: [] }] : [];
  }
  const wanted = canonicalName(key);
  const entry = hosts.find((h) => h.names.some((n) => canonicalName(n) === wanted));
  if (entry) return [{ ip: entry.ip, name: entry.names[0], aliases: entry.names.slice(1) }];
  const server = rc.nameservers[0];
  if (!server) return [];
  // gethostbyname2(AF_INET6) first; a single-stack cluster has no AAAA, so the A walk decides.
  for (const type of ['AAAA', 'A']) {
    const run = lookup(ctx, server, key, type, rc, true);
    const addresses = run.message.answer.filter((r) => r.type === type);
    if (addresses.length === 0) {
      if (run.message.error) return [];
      continue;
    }
    const cnames = run.message.answer.filter((r) => r.type === 'CNAME');
    const canonical = bare(addresses[0].name);
    const aliases = cnames.map((c) => bare(c.name));
    return addresses.map((a) => ({ ip: a.data, name: canonical, aliases }));
  }
  return [];
}

export type { CommandOutput };
