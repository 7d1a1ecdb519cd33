/**
 * Golden DNS cases: each folder under cases/ holds scenario.yaml and expected.zone, the
 * answers in zone-file notation (`;; QNAME QTYPE -> RCODE` then the records; `; ns` and
 * `; extra` for the authority and additional sections), sorted within each section as
 * CoreDNS's test.SortAndCheck compares them. Questions go straight to the cluster DNS Service.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { queryDns, simulate, type DnsAnswer, type DnsRecord } from '../../../src/engine';

const root = path.join(__dirname, 'cases');
const line = (r: DnsRecord) => `${r.name} ${r.ttl} IN ${r.type} ${r.data}`;

interface Case {
  name: string;
  type: string;
  rcode: string;
  lines: string[];
}

function parseExpected(text: string): Case[] {
  const cases: Case[] = [];
  for (const raw of text.split('\n')) {
    const head = /^;; (\S+) (\S+) -> (\S+)$/.exec(raw);
    if (head) cases.push({ name: head[1], type: head[2], rcode: head[3], lines: [] });
    else if (cases.length > 0 && (raw.startsWith('; ns ') || raw.startsWith('; extra ') || (raw !== '' && !raw.startsWith(';')))) cases[cases.length - 1].lines.push(raw);
  }
  return cases;
}

describe.each(readdirSync(root).sort())('golden case %s', (folder) => {
  const dir = path.join(root, folder);
  const result = simulate([{ name: 'scenario.yaml', content: readFileSync(path.join(dir, 'scenario.yaml'), 'utf8') }]);
  const cases = parseExpected(readFileSync(path.join(dir, 'expected.zone'), 'utf8'));

  it('simulates without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.name} ${c.type}`, c] as const))('%s', (_, c) => {
    const a = queryDns(result, { name: c.name, type: c.type }) as DnsAnswer;
    const sort = (l: string[]) => [...l].sort();
    const got = [...sort(a.answers.map(line)), ...sort(a.authority.map((r) => `; ns ${line(r)}`)), ...sort(a.additional.map((r) => `; extra ${line(r)}`))];
    const want = [...sort(c.lines.filter((l) => !l.startsWith(';'))), ...sort(c.lines.filter((l) => l.startsWith('; ns '))), ...sort(c.lines.filter((l) => l.startsWith('; extra ')))];
    expect({ rcode: a.rcode, records: got }).toEqual({ rcode: c.rcode, records: want });
  });
});
