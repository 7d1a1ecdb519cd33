/** The `-o text` view of `kube-netlab dns`: each name tried with its rcode, the final header, the sections as dig prints records, notes. */
import type { DnsAnswer, DnsRecord } from '../engine';

/** `owner TTL IN TYPE DATA`, tab-separated. */
const line = (r: DnsRecord) => `${r.name}\t${r.ttl}\tIN\t${r.type}\t${r.data}\n`;

export function formatDnsAnswer(a: DnsAnswer): string {
  let out = '';
  if (a.tried.length > 1) for (const t of a.tried) out += `;; tried ${t.name} ${t.type}: ${t.rcode}${t.answers ? ` (${t.answers} ${t.answers === 1 ? 'answer' : 'answers'})` : ''}\n`;
  const flags = [a.flags.aa ? 'aa' : '', a.flags.rd ? 'rd' : '', a.flags.ra ? 'ra' : ''].filter(Boolean).join(' ');
  out += `;; ${a.name} ${a.question.type} from ${a.server}: ${a.error ? `no response (${a.error})` : `${a.rcode}, flags: ${flags}`}\n`;
  for (const [title, records] of [['ANSWER', a.answers], ['AUTHORITY', a.authority], ['ADDITIONAL', a.additional]] as const) {
    if (records.length === 0) continue;
    out += `\n;; ${title} SECTION:\n${records.map(line).join('')}`;
  }
  if (a.notes.length > 0) out += `\n${a.notes.map((n) => `;; note: ${n}\n`).join('')}`;
  return out;
}
