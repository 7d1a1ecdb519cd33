import { diffLines } from './line-diff';
import { unifiedDiff } from './unified-diff';

// Expected texts are GNU diffutils' `diff -u --label v1 --label v2 <from> <to>` output.
describe('unifiedDiff', () => {
  it('prints hunks with 3 lines of context, separate when their context does not touch', () => {
    const from = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n';
    const to = 'a\nB\nc\nd\ne\nf\ng\nh\ni\nk\nl';
    expect(unifiedDiff('v1', 'v2', from, to)).toBe(
      [
        '--- v1',
        '+++ v2',
        '@@ -1,5 +1,5 @@',
        ' a',
        '-b',
        '+B',
        ' c',
        ' d',
        ' e',
        '@@ -7,5 +7,5 @@',
        ' g',
        ' h',
        ' i',
        '-j',
        ' k',
        '+l',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
  });

  it('names an empty range by the line before it', () => {
    expect(unifiedDiff('v1', 'v2', '', 'a\nb\n')).toBe('--- v1\n+++ v2\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });

  it('treats a lost trailing newline as a change of the last line', () => {
    expect(unifiedDiff('v1', 'v2', 'x\ny\n', 'x\ny')).toBe('--- v1\n+++ v2\n@@ -1,2 +1,2 @@\n x\n-y\n+y\n\\ No newline at end of file\n');
  });

  it('is empty for equal texts', () => {
    expect(unifiedDiff('v1', 'v2', 'a\n', 'a\n')).toBe('');
  });
});

describe('diffLines', () => {
  // A shortest edit script: kept lines form a longest common subsequence, and applying the
  // script to the first text gives the second.
  it('finds a minimal script that turns one text into the other', () => {
    const a = 'a b c a b b a'.split(' ');
    const b = 'c b a b a c'.split(' ');
    const ops = diffLines(a, b);
    expect(ops.filter((o) => o.op !== '+').map((o) => o.line)).toEqual(a);
    expect(ops.filter((o) => o.op !== '-').map((o) => o.line)).toEqual(b);
    // Myers' paper: the LCS of these sequences has length 4, so D = 7 + 6 - 2 * 4 = 5.
    expect(ops.filter((o) => o.op !== ' ')).toHaveLength(5);
  });

  it('handles inputs with nothing in common and empty inputs', () => {
    expect(diffLines(['a'], ['b'])).toEqual([{ op: '-', line: 'a' }, { op: '+', line: 'b' }]);
    expect(diffLines([], [])).toEqual([]);
  });
});
