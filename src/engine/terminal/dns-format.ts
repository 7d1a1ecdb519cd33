/**
 * DNS records as BIND 9's tools print them, and message sizes as the wire has them.
 *
 * dig prints records in master-file style with column targets (lib/dns/masterdump.c:
 * TTL at 24, class at 32, type at 40, RDATA at 48) reached by `indent()`: as many tabs as
 * cross a multiple of 8 up to the target, else one space when already at or past it.
 * Message sizes are uncompressed: CoreDNS packs with miekg/dns, whose Msg.Truncate turns
 * compression off when the message fits the client's UDP size.
 */
import type { DnsRecord } from '../dns/types';

/** masterdump.c indent(): tabs to reach column `to` from `from`, at least one blank. */
function indent(from: number, to: number): { text: string; column: number } {
  const target = to < from + 1 ? from + 1 : to;
  const tabs = Math.floor(target / 8) - Math.floor(from / 8);
  if (tabs > 0) return { text: '\t'.repeat(tabs) + ' '.repeat(target % 8), column: target };
  return { text: ' '.repeat(target - from), column: target };
}

/** Fields laid out at dig's columns. `columns[i]` is where field i+1 starts. */
function layout(fields: string[], columns: number[]): string {
  let out = fields[0];
  let column = fields[0].length;
  for (let i = 1; i < fields.length; i++) {
    const gap = indent(column, columns[i - 1]);
    out += gap.text + fields[i];
    column = gap.column + fields[i].length;
  }
  return out;
}

/** An answer/authority/additional line: `owner TTL IN TYPE RDATA`. */
export function digRecordLine(r: DnsRecord): string {
  return layout([r.name, String(r.ttl), 'IN', r.type, r.data], [24, 32, 40, 48]);
}

/** A question line: `;owner IN TYPE`. */
export function digQuestionLine(name: string, type: string): string {
  return layout([`;${name}`, 'IN', type], [32, 40]);
}

function nameLength(name: string): number {
  if (name === '.' || name === '') return 1;
  const labels = name.replace(/\.$/, '').split('.');
  return labels.reduce((n, l) => n + l.length + 1, 0) + 1;
}

function rdataLength(r: DnsRecord): number {
  const parts = r.data.split(' ');
  switch (r.type) {
    case 'A':
      return 4;
    case 'AAAA':
      return 16;
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return nameLength(r.data);
    case 'MX':
      return 2 + nameLength(parts[1] ?? '.');
    case 'SRV':
      return 6 + nameLength(parts[3] ?? '.');
    case 'SOA':
      return nameLength(parts[0]) + nameLength(parts[1]) + 20;
    case 'TXT': {
      const strings = r.data.match(/"(?:[^"\\]|\\.)*"/g) ?? [r.data];
      return strings.reduce((n, s) => n + 1 + s.replace(/^"|"$/g, '').length, 0);
    }
    default:
      return r.data.length;
  }
}

/** OPT pseudo-record with an 8-byte client cookie echoed: 11 + 4 + 8 bytes. */
export const OPT_WITH_COOKIE_SIZE = 23;

/** Size of a response on the wire (uncompressed), with the OPT record dig's EDNS query gets back. */
export function messageSize(qname: string, sections: DnsRecord[][]): number {
  let size = 12 + nameLength(qname) + 4;
  for (const list of sections) for (const r of list) size += nameLength(r.name) + 10 + rdataLength(r);
  return size + OPT_WITH_COOKIE_SIZE;
}

/** `Wed Jan 01 00:00:00 UTC 2025` (dig's `;; WHEN:`, strftime "%a %b %d %H:%M:%S %Z %Y"). */
export function digWhen(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** The name without its trailing dot, as nslookup and host print owners. */
export const bare = (name: string) => (name.length > 1 ? name.replace(/\.$/, '') : name);
