/** Table tests for the terminal's building blocks: shell words, pipe tools, selectors, tabwriter, AGE. */
import { humanDuration } from '../../../src/engine/terminal/duration';
import { parseSelector, selectorMatches } from '../../../src/engine/terminal/label-selector';
import { parseCommandLine } from '../../../src/engine/terminal/shell';
import { formatTable, tabwrite, DESCRIBE_TABWRITER } from '../../../src/engine/terminal/tabwriter';
import { awk, column, grep, head, sort, tail, uniq, wc } from '../../../src/engine/terminal/text-tools';

const TABLE = 'NAME   READY   STATUS\nweb-1  1/1     Running\nweb-2  0/1     Pending\ndb-0   1/1     Running\n';

describe('shell words and pipelines (bash QUOTING)', () => {
  it.each([
    [`kubectl get pods | grep web`, [[['kubectl', 'get', 'pods'], ['grep', 'web']]]],
    [`awk '{print $1, $NF}'`, [[['awk', '{print $1, $NF}']]]],
    [`grep "a b" x\\ y`, [[['grep', 'a b', 'x y']]]],
    [`echo "say \\"hi\\" \\$x"`, [[['echo', 'say "hi" $x']]]],
    [`grep 'a|b'`, [[['grep', 'a|b']]]],
    [`a; b && c`, [[['a']], [['b']], [['c']]]],
  ])('%s', (line, expected) => {
    expect(parseCommandLine(line).map((p) => p.commands)).toEqual(expected);
  });

  it('rejects an unterminated quote and a dangling pipe in bash words', () => {
    expect(() => parseCommandLine(`grep 'x`)).toThrow("unexpected EOF while looking for matching `''");
    expect(() => parseCommandLine('| grep x')).toThrow("syntax error near unexpected token `|'");
  });
});

describe('grep (GNU grep)', () => {
  it.each([
    [['web'], 'web-1  1/1     Running\nweb-2  0/1     Pending\n', 0],
    [['-v', 'Running'], 'NAME   READY   STATUS\nweb-2  0/1     Pending\n', 0],
    [['-i', 'PENDING'], 'web-2  0/1     Pending\n', 0],
    [['-c', 'Running'], '2\n', 0],
    [['-e', 'db', '-e', 'NAME'], 'NAME   READY   STATUS\ndb-0   1/1     Running\n', 0],
    [['-E', 'web-(1|2)'], 'web-1  1/1     Running\nweb-2  0/1     Pending\n', 0],
    // basic regex: `|` is literal, `\|` alternates
    [['web-1\\|db'], 'web-1  1/1     Running\ndb-0   1/1     Running\n', 0],
    [['-w', 'web'], 'web-1  1/1     Running\nweb-2  0/1     Pending\n', 0],
    [['-w', 'we'], '', 1],
    [['-A', '1', 'NAME'], 'NAME   READY   STATUS\nweb-1  1/1     Running\n', 0],
    [['-B1', 'db'], 'web-2  0/1     Pending\ndb-0   1/1     Running\n', 0],
    [['nothing'], '', 1],
  ])('grep %j', (args, stdout, exitCode) => {
    expect(grep(args as string[], TABLE)).toEqual({ stdout, stderr: '', exitCode });
  });

  it('separates non-adjacent context groups with --', () => {
    expect(grep(['-C', '0', '-e', 'NAME', '-e', 'db'], TABLE).stdout).toBe('NAME   READY   STATUS\n--\ndb-0   1/1     Running\n');
  });

  it('names a missing file and exits 2', () => {
    expect(grep(['x', 'pods.txt'], '')).toEqual({ stdout: '', stderr: 'grep: pods.txt: No such file or directory\n', exitCode: 2 });
  });
});

describe('head, tail, wc, sort, uniq, column', () => {
  const lines = 'a\nb\nc\nd\n';
  it.each([
    [head, ['-n', '2'], 'a\nb\n'],
    [head, ['-1'], 'a\n'],
    [head, ['-n', '-1'], 'a\nb\nc\n'],
    [tail, ['-n', '2'], 'c\nd\n'],
    [tail, ['-1'], 'd\n'],
    [tail, ['-n', '+2'], 'b\nc\nd\n'],
    [wc, ['-l'], '4\n'],
    [sort, ['-r'], 'd\nc\nb\na\n'],
  ])('%p %j', (tool, args, stdout) => {
    expect(tool(args as string[], lines).stdout).toBe(stdout);
  });

  it('wc without options pads three counts to 7 columns', () => {
    expect(wc([], 'hello world\n').stdout).toBe('      1       2      12\n');
  });

  it('sort -k2 -n sorts by the second field numerically', () => {
    expect(sort(['-k2', '-n'], 'x 10\ny 9\nz 100\n').stdout).toBe('y 9\nx 10\nz 100\n');
  });

  it('uniq -c counts adjacent duplicates', () => {
    expect(uniq(['-c'], 'a\na\nb\n').stdout).toBe('      2 a\n      1 b\n');
  });

  it('column -t aligns with two spaces', () => {
    expect(column(['-t'], 'a bb c\nddd e f\n').stdout).toBe('a    bb  c\nddd  e   f\n');
  });
});

describe('awk one-liners', () => {
  it.each([
    ['{print $1}', 'NAME\nweb-1\nweb-2\ndb-0\n'],
    ['{print $1, $NF}', 'NAME STATUS\nweb-1 Running\nweb-2 Pending\ndb-0 Running\n'],
    ['NR>1 {print $1}', 'web-1\nweb-2\ndb-0\n'],
    ['$3 == "Running" {print $1}', 'web-1\ndb-0\n'],
    ['/Pending/ {print $1 ":" $2}', 'web-2:0/1\n'],
    ['{print $(NF-1)}', 'READY\n1/1\n0/1\n1/1\n'],
    ['NR==2', 'web-1  1/1     Running\n'],
  ])('%s', (program, stdout) => {
    expect(awk([program], TABLE)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  it('splits on -F', () => {
    expect(awk(['-F:', '{print $2}'], '10.244.1.2:80\n').stdout).toBe('80\n');
  });
});

describe('label selectors (k8s.io/apimachinery/pkg/labels)', () => {
  const web = { app: 'web', tier: 'front' };
  const db = { app: 'db' };
  it.each([
    ['app=web', true, false],
    ['app==web', true, false],
    ['app!=web', false, true],
    ['tier!=back', true, true],
    ['app in (web,api)', true, false],
    ['app notin (web)', false, true],
    ['tier', true, false],
    ['!tier', false, true],
    ['app=web,tier=front', true, false],
    ['', true, true],
  ])('%s', (text, matchesWeb, matchesDb) => {
    const reqs = parseSelector(text);
    expect([selectorMatches(reqs, web), selectorMatches(reqs, db)]).toEqual([matchesWeb, matchesDb]);
  });

  it('rejects a malformed requirement', () => {
    expect(() => parseSelector('app in web')).toThrow(/unable to parse requirement/);
  });
});

describe("Go's tabwriter as kubectl configures it", () => {
  it('pads columns to the widest cell plus 3, at least 6, and leaves the last cell unpadded', () => {
    expect(formatTable([['NAME', 'IP'], ['a', '10.0.0.1']])).toBe('NAME   IP\na      10.0.0.1\n');
    expect(formatTable([['A', 'B', 'C'], ['x', 'y', 'z']])).toBe('A     B     C\nx     y     z\n');
  });

  it('aligns describe blocks separately, broken by lines without a tab', () => {
    expect(tabwrite('Name:\tweb\nNamespace:\tdefault\nSubsets:\n  Addresses:\t1.2.3.4\n', DESCRIBE_TABWRITER)).toBe('Name:       web\nNamespace:  default\nSubsets:\n  Addresses:  1.2.3.4\n');
  });
});

describe('HumanDuration (k8s.io/apimachinery/pkg/util/duration)', () => {
  it.each([
    [-5, '<invalid>'],
    [-1, '0s'],
    [45, '45s'],
    [119, '119s'],
    [330, '5m30s'],
    [600, '10m'],
    [3 * 3600 - 1, '179m'],
    [3 * 3600 + 7 * 60, '3h7m'],
    [8 * 3600, '8h'],
    [47 * 3600, '47h'],
    [51 * 3600, '2d3h'],
    [8 * 86400, '8d'],
    [400 * 86400, '400d'],
    [(2 * 365 + 5) * 86400, '2y5d'],
    [9 * 365 * 86400, '9y'],
  ])('%d s → %s', (seconds, text) => {
    expect(humanDuration(seconds)).toBe(text);
  });
});
