/**
 * Hostile input is refused fast, with a located error, and never crashes the process.
 * Upstream refuses the same shapes: go-yaml (sigs.k8s.io/yaml) stops at "exceeded max
 * depth" and "document contains excessive aliasing"; the limits here are lower where the
 * JavaScript parser would otherwise overflow its stack.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSyntax, LOAD_LIMITS } from '../../../src/engine';
import { findExcessiveNesting } from '../../../src/engine/manifest/nesting';

const timed = <T>(fn: () => T): { value: T; ms: number } => {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
};

describe('nesting depth', () => {
  const max = LOAD_LIMITS.maxDepth;

  it('refuses tens of thousands of nested flow sequences at the bracket that goes too deep', () => {
    // 20,000 levels made the parser exhaust the heap and abort the process before the guard.
    const content = '['.repeat(20000) + ']'.repeat(20000);
    const { value, ms } = timed(() => checkSyntax([{ name: 'deep.yaml', content }]));
    expect(value).toEqual([{ severity: 'error', file: 'deep.yaml', line: 1, column: max + 1, message: `nesting too deep: more than ${max} levels of mappings and sequences` }]);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses deep JSON objects and deep block mappings', () => {
    const json = '{"a":'.repeat(1000) + '1' + '}'.repeat(1000);
    expect(checkSyntax([{ name: 'deep.json', content: json }])).toEqual([expect.objectContaining({ line: 1, column: 5 * max + 1 })]);
    const block = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    expect(checkSyntax([{ name: 'deep.yaml', content: block }])).toEqual([expect.objectContaining({ line: max + 1, column: max + 1 })]);
    const compact = '- '.repeat(1000) + 'x\n';
    expect(checkSyntax([{ name: 'deep.yaml', content: compact }])).toEqual([expect.objectContaining({ line: 1, column: 2 * max + 1 })]);
  });

  it('accepts nesting up to the limit', () => {
    const content = '['.repeat(max) + ']'.repeat(max);
    expect(checkSyntax([{ name: 'ok.yaml', content }])).toEqual([]);
  });

  it('does not count brackets in quoted or block scalars, nor indentation inside a block scalar', () => {
    const content = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: c}',
      'data:',
      `  quoted: "${'['.repeat(500)}"`,
      `  single: '${'{'.repeat(500)}'`,
      '  script: |',
      ...Array.from({ length: 500 }, (_, i) => `    ${' '.repeat(i)}[{`),
      '  after: 1',
      '',
    ].join('\n');
    expect(checkSyntax([{ name: 'cm.yaml', content }])).toEqual([]);
  });

  it('counts the levels of an ordinary Deployment, and each document starts afresh', () => {
    const deployment = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'web-deployment.yaml'), 'utf8');
    expect(findExcessiveNesting(deployment, 3)).toBeDefined();
    expect(findExcessiveNesting(deployment, 20)).toBeUndefined();
    const many = Array.from({ length: 50 }, () => 'a:\n  b:\n    c:\n      d: 1\n').join('---\n');
    expect(findExcessiveNesting(many, 4)).toBeUndefined();
    expect(findExcessiveNesting(many, 3)).toEqual({ line: 4, column: 7 });
  });

  it('never refuses the shipped examples', () => {
    const dir = join(__dirname, '..', '..', '..', 'examples');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      expect([file, checkSyntax([{ name: file, content: readFileSync(join(dir, file), 'utf8') }])]).toEqual([file, []]);
    }
  });
});

describe('aliases', () => {
  it('refuses a billion-laughs document quickly at the document', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const content = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  ${lines.join('\n  ')}\n`;
    const { value, ms } = timed(() => checkSyntax([{ name: 'lol.yaml', content }]));
    expect(value).toEqual([expect.objectContaining({ severity: 'error', file: 'lol.yaml', line: 1, column: 1, message: expect.stringMatching(/alias/i) })]);
    expect(ms).toBeLessThan(1000);
  });
});
