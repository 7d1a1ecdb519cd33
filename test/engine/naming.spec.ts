/** Hash and name forms, against published values of the upstream algorithms. */
import { fnv32a } from '../../src/engine/util/fnv';
import { safeEncodeString, SAFE_ALPHANUMS, SeededRandom } from '../../src/engine/util/rand';
import { computePodTemplateHash, generateName } from '../../src/engine/controllers/deployment';

describe('FNV-32a', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
    ['Hello world', 1498229191],
  ])('hashes %j to the published value', (input, expected) => {
    expect(fnv32a(input)).toBe(expected);
  });
});

describe('SafeEncodeString', () => {
  it('maps each byte onto bcdfghjklmnpqrstvwxz2456789 by value modulo 27', () => {
    // '0' is byte 48, 48 % 27 = 21 → '4'; '9' is 57 → 3 → 'f'.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('gives pod-template-hash values in the form Kubernetes prints (e.g. 7c5ddbdf54)', () => {
    const hash = computePodTemplateHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    expect(computePodTemplateHash({ spec: {}, metadata: {} })).toBe(computePodTemplateHash({ metadata: {}, spec: {} }));
  });
});

describe('generated names', () => {
  it('appends 5 characters of the safe alphabet, deterministically per seed', () => {
    const a = generateName('web-7c5ddbdf54-', new SeededRandom('x'));
    expect(a).toMatch(new RegExp(`^web-7c5ddbdf54-[${SAFE_ALPHANUMS}]{5}$`));
    expect(generateName('web-7c5ddbdf54-', new SeededRandom('x'))).toBe(a);
  });

  it('truncates the generateName base to 58 characters', () => {
    expect(generateName('a'.repeat(70), new SeededRandom('x'))).toHaveLength(63);
  });
});
