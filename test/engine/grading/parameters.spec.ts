/**
 * Per-student parameters: the documented draw (first 48 bits of sha256(seed NUL name)),
 * determinism, and substitution with typed numbers.
 */
import { createHash } from 'node:crypto';
import { drawParameters, instantiateLab, parseLab, type LabDefinition } from '../../../src/engine';

const text = `apiVersion: kube-netlab.io/v1alpha1
kind: Lab
metadata: {name: expose-web}
spec:
  title: Expose web
  instructions: "Namespace \${namespace}, port \${port}, host \${host}; literal $\${HOME}."
  parameters:
    - {name: namespace, oneOf: [shop, store, market]}
    - {name: port, int: {min: 30000, max: 30100}}
    - {name: replicas, oneOf: [2, 3, 4]}
    - {name: word, oneOf: [alpha, bravo]}
    - {name: host, template: "\${word}.example.com"}
  starter: |
    kind: Namespace
    metadata: {name: \${namespace}}
  checks:
    - id: eps
      kind: endpoints
      service: \${namespace}/web
      ready: \${replicas}
      port: \${port}
      points: 3
      message: web in \${namespace} has \${replicas} endpoints
      hints: [{after: 1, text: "Look in \${namespace}"}]
    - id: grp
      kind: all
      points: 1
      message: m
      checks:
        - {id: svc, kind: exists, resource: svc, namespace: "\${namespace}", name: web, fields: {"ports[0].nodePort": "\${port}", "metadata.labels[\${word}]": "\${word}"}, points: 1, message: m}
`;
const lab = parseLab(text).lab as LabDefinition;

/** The documented draw, computed independently. */
const u = (seed: string, name: string) => Number(BigInt(`0x${createHash('sha256').update(`${seed}\u0000${name}`).digest('hex').slice(0, 12)}`));

describe('drawParameters', () => {
  it('follows the documented draw, so another implementation can reproduce it', () => {
    const seed = 'lab-42:user-7';
    const values = drawParameters(lab, seed);
    expect(values.namespace).toBe(['shop', 'store', 'market'][u(seed, 'namespace') % 3]);
    expect(values.port).toBe(30000 + (u(seed, 'port') % 101));
    expect(values.replicas).toBe([2, 3, 4][u(seed, 'replicas') % 3]);
    expect(values.host).toBe(`${values.word}.example.com`);
  });

  it('the same seed gives the same values; students mostly differ; values stay in range with their types', () => {
    expect(drawParameters(lab, 'lab:alice')).toEqual(drawParameters(lab, 'lab:alice'));
    const draws = Array.from({ length: 200 }, (_, i) => drawParameters(lab, `lab:student-${i}`));
    for (const d of draws) {
      expect(['shop', 'store', 'market']).toContain(d.namespace);
      expect(d.port).toEqual(expect.any(Number));
      expect(d.port as number).toBeGreaterThanOrEqual(30000);
      expect(d.port as number).toBeLessThanOrEqual(30100);
      expect(Number.isInteger(d.port)).toBe(true);
      expect([2, 3, 4]).toContain(d.replicas);
    }
    // Every option drawn, and ports spread over the range.
    expect(new Set(draws.map((d) => d.namespace)).size).toBe(3);
    expect(new Set(draws.map((d) => d.replicas)).size).toBe(3);
    expect(new Set(draws.map((d) => d.port)).size).toBeGreaterThan(60);
    // 1818 combinations: 200 students share about 11 pairs by the birthday bound.
    expect(new Set(draws.map((d) => JSON.stringify(d))).size).toBeGreaterThan(175);
  });

  it("a parameter's value does not depend on the others", () => {
    const fewer: LabDefinition = { ...lab, parameters: lab.parameters.filter((p) => p.name === 'port') };
    expect(drawParameters(fewer, 's').port).toBe(drawParameters(lab, 's').port);
  });

  it('a range of one value', () => {
    expect(drawParameters({ ...lab, parameters: [{ name: 'p', int: { min: 7, max: 7 } }] }, 'x')).toEqual({ p: 7 });
  });
});

describe('instantiateLab', () => {
  const values = { namespace: 'store', port: 30042, replicas: 3, word: 'bravo', host: 'bravo.example.com' };

  it('substitutes text, and a whole-string placeholder in a check becomes the typed value', () => {
    const inst = instantiateLab(lab, values);
    expect(inst.instructions).toBe('Namespace store, port 30042, host bravo.example.com; literal ${HOME}.');
    expect(inst.starter).toBe('kind: Namespace\nmetadata: {name: store}\n');
    expect(inst.checks[0]).toEqual({
      id: 'eps',
      kind: 'endpoints',
      service: 'store/web',
      ready: 3,
      port: 30042,
      points: 3,
      message: 'web in store has 3 endpoints',
      hints: [{ after: 1, text: 'Look in store' }],
    });
    expect(inst.checks[1]).toMatchObject({ checks: [{ namespace: 'store', fields: { 'ports[0].nodePort': 30042, 'metadata.labels[bravo]': 'bravo' } }] });
  });

  it('leaves the lab itself untouched', () => {
    const before = JSON.stringify(lab);
    instantiateLab(lab, values);
    expect(JSON.stringify(lab)).toBe(before);
  });

  it('a lab without parameters instantiates to itself', () => {
    const plain = parseLab(`apiVersion: kube-netlab.io/v1alpha1
kind: Lab
metadata: {name: plain}
spec:
  title: Plain
  instructions: Expose web.
  starter: "kind: Namespace"
  checks:
    - {id: eps, kind: endpoints, service: shop/web, ready: 2, points: 1, message: m, hints: [{after: 1, text: h}]}
`).lab as LabDefinition;
    expect(plain.parameters).toEqual([]);
    const inst = instantiateLab(plain, drawParameters(plain, 'any'));
    expect(inst).toEqual({ instructions: plain.instructions, starter: plain.starter, checks: plain.checks });
  });

  it('a placeholder without a value is a bug, said by name', () => {
    expect(() => instantiateLab(lab, { namespace: 'x' })).toThrow('no value for the parameter ${port}');
  });
});
