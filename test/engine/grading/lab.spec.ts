/**
 * Lab files: every error located (line and column counted by hand from the YAML below),
 * and the canonical export that parses back to the same lab.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportLab, parseLab, type LabDefinition } from '../../../src/engine';

const README = readFileSync(join(__dirname, '../../../src/engine/grading/README.md'), 'utf8');
/** The lab file in the README: what users copy, so it must parse. */
const readmeLab = /```yaml\n([\s\S]*?)```/.exec(README)![1];

const head = (spec: string) => `apiVersion: kube-netlab.io/v1alpha1
kind: Lab
metadata:
  name: expose-web
spec:
  title: Expose web
${spec}`;

const lab = (text: string): LabDefinition => {
  const parsed = parseLab(text);
  if (!parsed.lab) throw new Error(parsed.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`).join('\n'));
  return parsed.lab;
};
const errorsOf = (text: string) => parseLab(text).errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`);

describe('parseLab', () => {
  it("reads the README's lab: typed values, dates as written, placeholders kept", () => {
    const l = lab(readmeLab);
    expect(l.name).toBe('expose-web');
    expect(l.parameters).toEqual([
      { name: 'namespace', oneOf: ['shop', 'store', 'market'] },
      { name: 'port', int: { min: 30000, max: 30100 } },
      { name: 'replicas', int: { min: 2, max: 4 } },
      { name: 'word', oneOf: ['alpha', 'bravo', 'charlie', 'delta'] },
      { name: 'host', template: '${word}.example.com' },
    ]);
    expect(l.rules).toEqual({ opensAt: '2026-09-01T08:00:00Z', dueAt: '2026-09-08T23:59:00Z', lateUntil: '2026-09-10T23:59:00Z', latePercent: 50, maxAttempts: 5, minSecondsBetween: 60 });
    expect(l.starter).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}\n');
    expect(l.checks[1]).toEqual({
      id: 'svc-endpoints',
      kind: 'endpoints',
      service: '${namespace}/web',
      ready: '${replicas}',
      partial: true,
      points: 3,
      message: 'The Service web has a ready endpoint per replica',
      hints: [{ after: 2, text: "Compare the Service's selector with the Pod template's labels." }],
    });
    expect(l.checks[2].hidden).toBe(true);
    // Plain JSON: what the service stores.
    expect(JSON.parse(JSON.stringify(l))).toEqual(l);
  });

  it('defaults: no starter, parameters or rules', () => {
    const l = lab(head('  instructions: Do it.\n  checks:\n    - {id: a, kind: dns, name: web, rcode: NOERROR, points: 1, message: m}\n'));
    expect(l).toMatchObject({ instructions: 'Do it.', starter: '', parameters: [], rules: {} });
  });

  it('reports every error of a file at once, each where it is', () => {
    const text = head(`  instructions: |
    Use \${namespace} and \${nmespace}.
  parameters:
    - name: namespace
      oneOf: [shop, store]
    - name: namespace
      int: {min: 5, max: 1}
  rules:
    opensAt: 2026-09-10T08:00:00Z
    dueAt: 2026-09-08T23:59:00Z
  checks:
    - id: eps
      kind: endpoints
      service: web
      ready: \${namespace}
      poinst: 3
      message: web has endpoints
    - id: eps
      kind: dns
      name: web
      rcode: NOERR
      points: 1
      message: web resolves
    - id: cmd
      kind: command
      run: kubectl get svc
      matches: "web("
      points: 1
      message: lists web
`);
    expect(errorsOf(text)).toEqual([
      '8:26 spec.instructions: ${nmespace} is not a declared parameter (declared: namespace); write $${nmespace} for a literal ${nmespace}',
      '12:7 spec.parameters[1].name: duplicate parameter name "namespace" (also spec.parameters[0])',
      '13:21 spec.parameters[1].int.max: min is greater than max',
      '16:5 spec.rules.dueAt: dueAt (2026-09-08T23:59:00Z) must be after opensAt (2026-09-10T08:00:00Z)',
      '18:7 spec.checks[0].points: missing required field "points"',
      '21:7 spec.checks[0].ready: ready must be a number, but the parameter namespace draws text',
      '22:7 spec.checks[0].poinst: unknown field "poinst"',
      '24:7 spec.checks[1].id: duplicate check id "eps" (also spec.checks[0])',
      '27:7 spec.checks[1].rcode: Invalid option: expected one of "NOERROR"|"FORMERR"|"SERVFAIL"|"NXDOMAIN"|"NOTIMP"|"REFUSED"|"TIMEOUT"',
      '33:7 spec.checks[2].matches: not a valid regular expression: Invalid regular expression: /web(/m: Unterminated group',
    ]);
  });

  it.each([
    ['YAML syntax: a duplicate key', 'apiVersion: kube-netlab.io/v1alpha1\nkind: Lab\nkind: Lab\n', ['3:1 : Map keys must be unique']],
    ['an empty file', '# nothing\n', ['1:1 : the lab file is empty: expected a document with apiVersion: kube-netlab.io/v1alpha1 and kind: Lab']],
    ['two documents', `${head('  instructions: x\n  checks: []\n')}---\nkind: Lab\n`, ['10:1 : a lab file holds one YAML document; remove the second one (after ---)']],
    ['the wrong apiVersion and kind', 'apiVersion: v1\nkind: Pod\n', ['1:1 apiVersion: expected "kube-netlab.io/v1alpha1", got "v1"', '1:1 metadata: missing required field "metadata"', '1:1 spec: missing required field "spec"', '2:1 kind: expected "Lab", got "Pod"']],
    ['a typo in a spec field, no checks', head('  instructions: x\n  rule: {}\n  checks: []\n'), ['8:3 spec.rule: unknown field "rule"', '9:3 spec.checks: a lab needs at least one check']],
    [
      'an unknown and a missing check kind',
      head('  instructions: x\n  checks:\n    - {id: a, kind: ping, points: 1, message: m}\n    - {id: b, points: 1, message: m}\n'),
      ['9:15 spec.checks[0].kind: unknown check kind "ping": expected one of exists, endpoints, trace, dns, reach, command, all', '10:7 spec.checks[1].kind: missing required field "kind" (one of exists, endpoints, trace, dns, reach, command, all)'],
    ],
    [
      'required fields of each kind, hidden inside all',
      head(`  instructions: x
  checks:
    - {id: a, kind: endpoints, service: web, points: 1, message: m}
    - {id: b, kind: command, run: ls, points: 1, message: m}
    - {id: c, kind: reach, from: a, to: b, port: 70000, allowed: true, points: 1, message: m}
    - id: d
      kind: all
      points: 1
      message: m
      checks:
        - {id: e, kind: trace, from: a, to: b, verdict: ok, points: -1, message: m, hidden: true}
`),
      [
        '9:7 spec.checks[0]: an endpoints check needs ready (a number of endpoints) or pods (the Pods that must back one)',
        '10:7 spec.checks[1]: a command check needs contains or matches',
        '11:44 spec.checks[2].port: Too big: expected number to be <=65535',
        '17:48 spec.checks[3].checks[0].verdict: Invalid option: expected one of "delivered"|"refused"|"rejected"|"dropped"|"timed-out"|"unresolved"',
        '17:61 spec.checks[3].checks[0].points: Too small: expected number to be >=0',
        '17:85 spec.checks[3].checks[0].hidden: unknown field "hidden"',
      ],
    ],
    [
      'placeholders: inside block text, malformed, in the title, a template using a later parameter',
      `apiVersion: kube-netlab.io/v1alpha1
kind: Lab
metadata:
  name: expose-web
spec:
  title: Lab for \${namespace}
  instructions: Fine, and $\${escaped} is literal.
  parameters:
    - {name: host, template: "\${word}.example.com"}
    - {name: word, oneOf: [a, b]}
  starter: |
    kind: ConfigMap
    data:
      run.sh: echo \${HOME} \${word:-x}
  checks:
    - {id: a, kind: dns, name: "\${host}", rcode: NOERROR, points: 1, message: m}
`,
      [
        '6:3 spec.title: the title is the same for every student: placeholders are not substituted in it (write $${ for a literal ${)',
        '9:31 spec.parameters[0].template: ${word} in a template must name a parameter declared above this one',
        '14:20 spec.starter: ${HOME} is not a declared parameter (declared: host, word); write $${HOME} for a literal ${HOME}',
        '14:28 spec.starter: malformed placeholder: "${" must start ${name}, name an identifier (write $${ for a literal ${)',
      ],
    ],
    [
      'rules: types, ranges, a late period without a due date',
      head('  instructions: x\n  rules:\n    opensAt: 2026-09-01\n    lateUntil: 2026-09-10T23:59:00Z\n    latePercent: 150\n    maxAttempts: 0\n  checks:\n    - {id: a, kind: dns, name: web, rcode: NOERROR, points: 1, message: yes}\n'),
      [
        '9:5 spec.rules.opensAt: expected an ISO-8601 date and time with a time zone, e.g. 2026-09-08T23:59:00Z',
        '10:5 spec.rules.lateUntil: lateUntil needs a dueAt: late means after the due date',
        '11:5 spec.rules.latePercent: Too big: expected number to be <=100',
        '12:5 spec.rules.maxAttempts: Too small: expected number to be >=1',
        '14:64 spec.checks[0].message: expected a string, got the boolean true: quote the text',
      ],
    ],
    ['a lab name that is not an RFC 1123 label', head('  instructions: x\n  checks:\n    - {id: a, kind: dns, name: web, rcode: NOERROR, points: 1, message: m}\n').replace('name: expose-web', 'name: Expose_Web'), [expect.stringMatching(/^4:3 metadata\.name: a lowercase RFC 1123 label must consist of/)]],
  ])('%s', (_what, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it('refuses hostile input with the manifest loader’s guards', () => {
    expect(errorsOf('x'.repeat(1024 * 1024 + 1))).toEqual(['1:1 : the lab file is too large: more than 1048576 characters']);
    expect(errorsOf(`a: ${'['.repeat(300)}`)[0]).toMatch(/^1:\d+ : nesting too deep: more than 200 levels/);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 5 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(errorsOf(bomb).join('\n')).toMatch(/alias/i);
  });
});

describe('exportLab', () => {
  const everyKind = head(`  instructions: |
    Make \`web\` in \${namespace} answer on \${port}.
    Literal: $\${HOME}.
  parameters:
    - name: namespace
      oneOf: [shop, "yes", "0755"]
    - name: port
      oneOf: [8080, 8081]
    - name: count
      int: {min: 1, max: 3}
    - name: url
      template: http://web.\${namespace}:\${port}/
  starter: |
    apiVersion: v1
    kind: Namespace
    metadata: {name: \${namespace}}
  rules: {opensAt: "2026-09-01T08:00:00+02:00", dueAt: 2026-09-08T23:59:00Z, lateUntil: 2026-09-08T23:59:00Z, latePercent: 12.5, maxAttempts: 3, minSecondsBetween: 0}
  checks:
    - {id: ex, kind: exists, resource: svc, namespace: "\${namespace}", name: web, fields: {"ports[0].port": "\${port}", type: ClusterIP, "metadata.labels[\${namespace}]": on}, points: 1, message: m}
    - {id: ep, kind: endpoints, service: "\${namespace}/web", ready: "\${count}", pods: [web-0, other/web-1], port: "\${port}", partial: true, points: 2.5, message: m}
    - {id: tr, kind: trace, from: "\${namespace}/client", to: "\${url}", protocol: TCP, verdict: timed-out, podLabels: {app: web}, points: 1, message: m, hidden: false}
    - {id: dn, kind: dns, from: node/kind-worker, name: "web.\${namespace}", type: A, rcode: NXDOMAIN, answers: [], points: 0, message: m}
    - {id: re, kind: reach, from: a/b, to: c/d, port: 80, protocol: SCTP, allowed: false, points: 1, message: m}
    - id: cm
      kind: command
      run: kubectl get svc -n \${namespace}
      namespace: \${namespace}
      node: kind-worker
      contains: "web "
      matches: ^web\\s
      points: 1
      message: "multi\\nline\\n  indented message with trailing space \\n"
      hints: [{after: 0, text: first}, {after: 3, text: "second: with colon"}]
    - id: al
      kind: all
      points: 4
      message: group
      checks:
        - {id: al.1, kind: dns, name: x, rcode: NOERROR, points: 1, message: m}
        - {id: al_2, kind: all, points: 1, message: m, checks: [{id: al-3, kind: reach, from: a, to: b, port: "\${port}", allowed: true, points: 1, message: m}]}
`);

  it.each([
    ['the README lab', readmeLab],
    ['a lab with every check kind, YAML 1.1 look-alike strings and odd text', everyKind],
  ])('round trip: %s', (_what, text) => {
    const l = lab(text);
    const exported = exportLab(l);
    expect(parseLab(exported)).toEqual({ lab: l, errors: [] });
    // Canonical: exporting the re-read lab gives the same text.
    expect(exportLab(lab(exported))).toBe(exported);
  });

  it('writes multi-line text as literal blocks and quotes what YAML 1.1 would read otherwise', () => {
    const exported = exportLab(lab(everyKind));
    expect(exported).toContain('  instructions: |\n    Make `web` in ${namespace} answer on ${port}.\n    Literal: $${HOME}.\n');
    expect(exported).toContain('- "yes"');
    expect(exported).toContain('- "0755"');
    expect(exported).toContain('dueAt: "2026-09-08T23:59:00Z"');
    expect(exported.startsWith('apiVersion: kube-netlab.io/v1alpha1\nkind: Lab\nmetadata:\n  name: expose-web\nspec:\n  title: Expose web\n  instructions: |\n')).toBe(true);
  });
});
