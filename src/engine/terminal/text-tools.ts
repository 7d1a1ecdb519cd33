/**
 * The text filters students pipe kubectl into: grep, head, tail, wc, awk, sort, uniq,
 * column, cat, echo — GNU coreutils / grep / gawk behaviour for the options listed on
 * each function. Each is a pure function of (argv, stdin).
 */
import { compareStrings } from '../util/compare';

export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type TextTool = (args: string[], stdin: string) => CommandOutput;

const ok = (stdout: string): CommandOutput => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): CommandOutput => ({ stdout: '', stderr, exitCode });

/** Lines of `text` without the final newline's empty tail. */
function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const joinLines = (lines: string[]) => (lines.length ? lines.join('\n') + '\n' : '');

/** Splits `-abc` into `-a -b -c`, leaving option values (`-A2`, `-n5`, `-e pat`) to the caller. */
function numberArg(tool: string, value: string | undefined): number | CommandOutput {
  if (value === undefined || !/^\d+$/.test(value)) return fail(`${tool}: invalid number: ‘${value ?? ''}’\n`, tool === 'grep' ? 2 : 1);
  return Number(value);
}

/** grep's long boolean options, by the short flag each is the same as. */
const GREP_LONG_FLAGS: Record<string, string> = {
  'ignore-case': 'i',
  'invert-match': 'v',
  'word-regexp': 'w',
  count: 'c',
  'line-number': 'n',
  'only-matching': 'o',
  'extended-regexp': 'E',
  'fixed-strings': 'F',
};

/**
 * grep [-i] [-v] [-w] [-c] [-n] [-o] [-E|-F] [-A N] [-B N] [-C N] [-e PATTERN]... [PATTERN]
 * Basic regular expressions (the default) treat `+ ? | ( ) { }` literally and their
 * backslashed forms as operators, as GNU grep does. Exit 0 when a line is selected, 1 when
 * none is, 2 on a usage error.
 */
export const grep: TextTool = (args, stdin) => {
  const patterns: string[] = [];
  let ignoreCase = false, invert = false, words = false, count = false, lineNumbers = false, onlyMatching = false;
  let mode: 'basic' | 'extended' | 'fixed' = 'basic';
  let after = 0, before = 0;
  // GNU grep prints `--` between groups whenever a context option was given, even -C 0.
  let contextGiven = false;
  const setFlag = (flag: string) => {
    if (flag === 'i') ignoreCase = true;
    else if (flag === 'v') invert = true;
    else if (flag === 'w') words = true;
    else if (flag === 'c') count = true;
    else if (flag === 'n') lineNumbers = true;
    else if (flag === 'o') onlyMatching = true;
    else if (flag === 'E') mode = 'extended';
    else if (flag === 'F') mode = 'fixed';
    else if (flag === 'G') mode = 'basic';
  };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s);
      const value = () => inline ?? args[++i];
      if (Object.hasOwn(GREP_LONG_FLAGS, name)) setFlag(GREP_LONG_FLAGS[name]);
      else if (name === 'regexp') patterns.push(value());
      else if (name === 'after-context' || name === 'before-context' || name === 'context') {
        const n = numberArg('grep', value());
        if (typeof n !== 'number') return n;
        contextGiven = true;
        if (name !== 'before-context') after = n;
        if (name !== 'after-context') before = n;
      } else if (name === 'color' || name === 'colour') continue;
      else return fail(`grep: unrecognized option '${a}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`, 2);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if ('ivwcnoEFGH'.includes(f)) {
        setFlag(f);
        continue;
      }
      if ('eABC'.includes(f)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (f === 'e') {
          if (value === undefined) return fail("grep: option requires an argument -- 'e'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2);
          patterns.push(value);
        } else {
          const n = numberArg('grep', value);
          if (typeof n !== 'number') return n;
          contextGiven = true;
          if (f !== 'B') after = n;
          if (f !== 'A') before = n;
        }
        break;
      }
      return fail(`grep: invalid option -- '${f}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`, 2);
    }
  }
  if (patterns.length === 0) {
    if (operands.length === 0) return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2);
    // A pattern operand may hold several newline-separated patterns.
    patterns.push(...operands.shift()!.split('\n'));
  }
  if (operands.length > 0) return fail(operands.map((f) => `grep: ${f}: No such file or directory\n`).join(''), 2);

  let regexes: RegExp[];
  try {
    regexes = patterns.map((p) => {
      let source = mode === 'fixed' ? escapeRegExp(p) : mode === 'basic' ? basicToJs(p) : p;
      if (words) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
      return new RegExp(source, ignoreCase ? 'gi' : 'g');
    });
  } catch {
    return fail('grep: Unmatched ( or \\(\n', 2);
  }
  const lines = linesOf(stdin);
  const selected = lines.map((line) => regexes.some((r) => new RegExp(r.source, r.flags).test(line)) !== invert);
  const total = selected.filter(Boolean).length;
  if (count) return { stdout: `${total}\n`, stderr: '', exitCode: total > 0 ? 0 : 1 };

  const out: string[] = [];
  if (onlyMatching && !invert) {
    lines.forEach((line, i) => {
      if (!selected[i]) return;
      for (const r of regexes) for (const m of line.matchAll(new RegExp(r.source, r.flags))) if (m[0]) out.push(`${lineNumbers ? `${i + 1}:` : ''}${m[0]}`);
    });
    return { stdout: joinLines(out), stderr: '', exitCode: total > 0 ? 0 : 1 };
  }
  // Context: GNU grep prints `--` between groups of lines that are not adjacent.
  let lastPrinted = -1;
  let afterLeft = 0;
  const hasContext = contextGiven;
  lines.forEach((line, i) => {
    if (selected[i]) {
      const from = Math.max(i - before, lastPrinted + 1);
      if (hasContext && lastPrinted >= 0 && from > lastPrinted + 1) out.push('--');
      for (let k = from; k < i; k++) out.push(`${lineNumbers ? `${k + 1}-` : ''}${lines[k]}`);
      out.push(`${lineNumbers ? `${i + 1}:` : ''}${line}`);
      lastPrinted = i;
      afterLeft = after;
    } else if (afterLeft > 0) {
      out.push(`${lineNumbers ? `${i + 1}-` : ''}${line}`);
      lastPrinted = i;
      afterLeft--;
    }
  });
  return { stdout: joinLines(out), stderr: '', exitCode: total > 0 ? 0 : 1 };
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** POSIX basic regular expression → JavaScript: `\| \( \) \{ \} \+ \?` are operators, their bare forms literal. */
function basicToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i];
      out += '|(){}+?'.includes(n) ? n : `\\${n}`;
    } else if ('|(){}+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

/** `head [-n N | -N]`: the first N lines (10 by default); `-n -N`: all but the last N. */
export const head: TextTool = (args, stdin) => {
  const n = lineCount('head', args);
  if (typeof n !== 'number' && !('fromEnd' in n)) return n;
  const lines = linesOf(stdin);
  if (typeof n !== 'number') return ok(joinLines(lines.slice(0, Math.max(0, lines.length - n.fromEnd))));
  return ok(joinLines(lines.slice(0, n)));
};

/** `tail [-n N | -N | -n +N]`: the last N lines (10 by default); `+N`: from line N on. */
export const tail: TextTool = (args, stdin) => {
  const n = lineCount('tail', args);
  if (typeof n !== 'number' && !('fromEnd' in n)) return n;
  const lines = linesOf(stdin);
  if (typeof n !== 'number') return ok(joinLines(lines.slice(Math.max(0, n.fromEnd - 1))));
  return ok(joinLines(n === 0 ? [] : lines.slice(-n)));
};

/** Parses head/tail's line count; `{fromEnd}` carries head's `-n -N` and tail's `-n +N`. */
function lineCount(tool: 'head' | 'tail', args: string[]): number | { fromEnd: number } | CommandOutput {
  let n: number | { fromEnd: number } = 10;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let value: string | undefined;
    if (a === '-n' || a === '--lines') value = args[++i];
    else if (a.startsWith('--lines=')) value = a.slice(8);
    else if (a.startsWith('-n')) value = a.slice(2);
    else if (/^-\d+$/.test(a)) value = a.slice(1);
    else if (a.startsWith('-')) return fail(`${tool}: invalid option -- '${a.slice(1, 2)}'\nTry '${tool} --help' for more information.\n`);
    else return fail(`${tool}: cannot open '${a}' for reading: No such file or directory\n`);
    const special = tool === 'head' ? '-' : '+';
    if (value !== undefined && value.startsWith(special) && /^\d+$/.test(value.slice(1))) n = { fromEnd: Number(value.slice(1)) };
    else if (value !== undefined && /^\d+$/.test(value)) n = Number(value);
    else return fail(`${tool}: invalid number of lines: ‘${value ?? ''}’\n`);
  }
  return n;
}

/** `wc [-l] [-w] [-c]`: counts of stdin; a single count is printed bare, several padded to 7 columns. */
export const wc: TextTool = (args, stdin) => {
  const want = new Set<string>();
  for (const a of args) {
    if (a === '--lines') want.add('l');
    else if (a === '--words') want.add('w');
    else if (a === '--bytes' || a === '--chars') want.add('c');
    else if (/^-[lwcm]+$/.test(a)) for (const f of a.slice(1)) want.add(f === 'm' ? 'c' : f);
    else if (a.startsWith('-')) return fail(`wc: invalid option -- '${a.slice(1, 2)}'\nTry 'wc --help' for more information.\n`);
    else return fail(`wc: ${a}: No such file or directory\n`);
  }
  if (want.size === 0) ['l', 'w', 'c'].forEach((f) => want.add(f));
  const counts: Record<string, number> = {
    l: (stdin.match(/\n/g) ?? []).length,
    w: stdin.split(/\s+/).filter(Boolean).length,
    c: new TextEncoder().encode(stdin).length,
  };
  const values = ['l', 'w', 'c'].filter((f) => want.has(f)).map((f) => String(counts[f]));
  return ok(values.length === 1 ? `${values[0]}\n` : `${values.map((v) => v.padStart(7)).join(' ')}\n`);
};

/**
 * `sort [-r] [-n] [-u] [-k N[,M]] [-t SEP]`: code-point order (as under LC_ALL=C);
 * ties keep input order (GNU sort would break them by the whole line).
 */
export const sort: TextTool = (args, stdin) => {
  let reverse = false, numeric = false, unique = false;
  let key: number | null = null;
  let separator: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-k' || a.startsWith('-k')) {
      const spec = a === '-k' ? args[++i] : a.slice(2);
      key = parseInt(spec ?? '', 10);
      if (!(key >= 1)) return fail(`sort: invalid number at field start: invalid count at start of ‘${spec ?? ''}’\n`, 2);
      if (/n/.test(spec.replace(/^[\d,.]+/, ''))) numeric = true;
      if (/r/.test(spec.replace(/^[\d,.]+/, ''))) reverse = true;
    } else if (a === '-t' || a.startsWith('-t')) separator = a === '-t' ? args[++i] : a.slice(2);
    else if (/^-[rnuh]+$/.test(a)) {
      if (a.includes('r')) reverse = true;
      if (a.includes('n') || a.includes('h')) numeric = true;
      if (a.includes('u')) unique = true;
    } else if (a.startsWith('-')) return fail(`sort: invalid option -- '${a.slice(1, 2)}'\nTry 'sort --help' for more information.\n`, 2);
    else return fail(`sort: cannot read: ${a}: No such file or directory\n`, 2);
  }
  const keyOf = (line: string) => {
    if (key === null) return line;
    const fields = separator ? line.split(separator) : line.trim().split(/\s+/);
    return fields.slice(key - 1).join(separator ?? ' ');
  };
  let lines = linesOf(stdin);
  const cmp = (a: string, b: string) => {
    const ka = keyOf(a), kb = keyOf(b);
    return numeric ? (parseFloat(ka) || 0) - (parseFloat(kb) || 0) : compareStrings(ka, kb);
  };
  lines = [...lines].sort((a, b) => (reverse ? -cmp(a, b) : cmp(a, b)));
  if (unique) lines = lines.filter((l, i) => i === 0 || cmp(lines[i - 1], l) !== 0);
  return ok(joinLines(lines));
};

/** `uniq [-c]`: collapses adjacent equal lines; `-c` prefixes counts as GNU uniq does (`%7d `). */
export const uniq: TextTool = (args, stdin) => {
  const countFlag = args.includes('-c');
  const out: string[] = [];
  let prev: string | null = null;
  let n = 0;
  const emit = () => {
    if (prev !== null) out.push(countFlag ? `${String(n).padStart(7)} ${prev}` : prev);
  };
  for (const line of linesOf(stdin)) {
    if (line === prev) n++;
    else {
      emit();
      prev = line;
      n = 1;
    }
  }
  emit();
  return ok(joinLines(out));
};

/** `column -t [-s SEP]`: aligns whitespace-separated fields, two spaces between columns (util-linux). */
export const column: TextTool = (args, stdin) => {
  let separator: string | null = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-s') separator = args[++i];
    else if (args[i].startsWith('-s')) separator = args[i].slice(2);
  }
  if (!args.some((a) => /^-[a-z]*t/.test(a))) return ok(stdin);
  const rows = linesOf(stdin)
    .filter((l) => l.trim() !== '')
    .map((l) => (separator ? l.split(new RegExp(`[${escapeRegExp(separator)}]+`)) : l.trim().split(/\s+/)));
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return ok(joinLines(rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - [...c].length + 2))).join(''))));
};

export const cat: TextTool = (args, stdin) => (args.length === 0 || args[0] === '-' ? ok(stdin) : fail(`cat: ${args[0]}: No such file or directory\n`));

export const echo: TextTool = (args) => {
  const newline = args[0] !== '-n';
  return ok(args.slice(newline ? 0 : 1).join(' ') + (newline ? '\n' : ''));
};

/**
 * awk [-F SEP] 'PROGRAM' — the one-liners of the notes: `{print $1}`, `{print $1, $NF}`,
 * `{print $(NF-1)}`, `NR>1 {print $1}`, `/regex/ {print $2}`, `$3 == "x" {print}`, `{print NR": "$0}`.
 * A pattern is one comparison (`NR`, `NF`, `$N` against a number or string) or a /regex/;
 * the action is print with comma-separated (OFS ' ') or juxtaposed (concatenated) terms.
 */
export const awk: TextTool = (args, stdin) => {
  let separator: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-F') separator = args[++i];
    else if (args[i].startsWith('-F')) separator = args[i].slice(2);
    else rest.push(args[i]);
  }
  const program = rest[0];
  if (program === undefined) return fail('usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n', 2);
  if (rest.length > 1) return fail(`awk: cannot open "${rest[1]}" (No such file or directory)\n`, 2);
  const parsed = parseAwk(program.trim());
  if (!parsed) return fail(`awk: this simulator understands only one-line print programs; cannot run: ${program}\n`, 2);
  const out: string[] = [];
  linesOf(stdin).forEach((line, i) => {
    const fields = separator === null ? line.trim().split(/[ \t]+/).filter(Boolean) : line.split(separator.length === 1 ? separator : new RegExp(separator));
    const env: AwkRecord = { line, fields, nr: i + 1 };
    if (parsed.pattern && !parsed.pattern(env)) return;
    out.push(parsed.print.map((term) => term.map((t) => t(env)).join('')).join(' '));
  });
  return ok(joinLines(out));
};

interface AwkRecord {
  line: string;
  fields: string[];
  nr: number;
}
type AwkTerm = (r: AwkRecord) => string;

function parseAwk(program: string): { pattern?: (r: AwkRecord) => boolean; print: AwkTerm[][] } | null {
  const m = /^([^{]*)(?:\{\s*(.*?)\s*;?\s*\})?$/s.exec(program);
  if (!m) return null;
  const patternText = m[1].trim();
  const action = m[2] ?? 'print';
  let pattern: ((r: AwkRecord) => boolean) | undefined;
  if (patternText) {
    const re = /^\/(.*)\/$/.exec(patternText);
    const cmp = /^(NR|NF|\$\d+|\$NF)\s*(==|!=|>=|<=|>|<|~)\s*(.+)$/.exec(patternText);
    if (re) {
      const r = new RegExp(re[1]);
      pattern = (rec) => r.test(rec.line);
    } else if (cmp) {
      const left = awkValue(cmp[1]);
      const op = cmp[2];
      const rightText = cmp[3].trim();
      if (!left) return null;
      if (op === '~') {
        const r = /^\/(.*)\/$/.exec(rightText);
        if (!r) return null;
        const rx = new RegExp(r[1]);
        pattern = (rec) => rx.test(left(rec));
      } else {
        const str = /^"(.*)"$/.exec(rightText);
        const right = str ? str[1] : rightText;
        if (!str && !/^-?\d+(\.\d+)?$/.test(right)) return null;
        pattern = (rec) => {
          const l = left(rec);
          const numeric = !str && /^-?\d+(\.\d+)?$/.test(l);
          const c = numeric ? Number(l) - Number(right) : compareStrings(l, right);
          return op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '>' ? c > 0 : op === '<' ? c < 0 : op === '>=' ? c >= 0 : c <= 0;
        };
      }
    } else return null;
  }
  const pm = /^print(?:\s+(.*))?$/s.exec(action.trim());
  if (!pm) return null;
  if (!pm[1]) return { pattern, print: [[(r) => r.line]] };
  const print: AwkTerm[][] = [];
  for (const expr of splitTopLevel(pm[1], ',')) {
    const terms: AwkTerm[] = [];
    const tokenRe = /\s*("(?:[^"\\]|\\.)*"|\$\(NF-\d+\)|\$NF|\$\d+|NR|NF)/y;
    let pos = 0;
    const text = expr.trim();
    while (pos < text.length) {
      tokenRe.lastIndex = pos;
      const t = tokenRe.exec(text);
      if (!t) return null;
      pos = tokenRe.lastIndex;
      const tok = t[1];
      if (tok.startsWith('"')) {
        const s = tok.slice(1, -1).replace(/\\t/g, '\t').replace(/\\n/g, '\n').replace(/\\(.)/g, '$1');
        terms.push(() => s);
      } else terms.push(awkValue(tok)!);
    }
    print.push(terms);
  }
  return { pattern, print };
}

function awkValue(tok: string): AwkTerm | null {
  if (tok === 'NR') return (r) => String(r.nr);
  if (tok === 'NF') return (r) => String(r.fields.length);
  if (tok === '$NF') return (r) => r.fields[r.fields.length - 1] ?? '';
  const back = /^\$\(NF-(\d+)\)$/.exec(tok);
  if (back) return (r) => r.fields[r.fields.length - 1 - Number(back[1])] ?? '';
  const n = /^\$(\d+)$/.exec(tok);
  if (n) return (r) => (n[1] === '0' ? r.line : r.fields[Number(n[1]) - 1] ?? '');
  return null;
}

function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0, inString = false, start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== '\\') inString = !inString;
    else if (!inString && c === '(') depth++;
    else if (!inString && c === ')') depth--;
    else if (!inString && depth === 0 && c === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export const TEXT_TOOLS: Record<string, TextTool> = { grep, egrep: (a, s) => grep(['-E', ...a], s), head, tail, wc, sort, uniq, column, cat, echo, awk };
