import { diffLines, LineOp } from './line-diff';

const NO_NEWLINE = '\\ No newline at end of file';

/** Splits text into lines; the flag says the last line had no trailing newline. */
function splitLines(text: string): { lines: string[]; missingNewline: boolean } {
  if (text === '') return { lines: [], missingNewline: false };
  const missingNewline = !text.endsWith('\n');
  const lines = (missingNewline ? text : text.slice(0, -1)).split('\n');
  return { lines, missingNewline };
}

/** GNU diff's range: "start,count", ",count" left out when 1; an empty range names the line before it. */
function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/**
 * A unified diff as `diff -u` prints it (3 lines of context, hunks merged when their
 * context touches, "\ No newline at end of file" markers). Empty when the texts are equal.
 */
export function unifiedDiff(fromName: string, toName: string, from: string, to: string, context = 3): string {
  if (from === to) return '';
  const a = splitLines(from);
  const b = splitLines(to);
  // A last line that differs only by its newline must count as changed, as in GNU diff.
  const tagA = a.lines.map((l, i) => (a.missingNewline && i === a.lines.length - 1 ? `${l}\u0000` : l));
  const tagB = b.lines.map((l, i) => (b.missingNewline && i === b.lines.length - 1 ? `${l}\u0000` : l));
  const ops = diffLines(tagA, tagB);

  // Positions (in both files) before each op.
  const posA: number[] = [];
  const posB: number[] = [];
  let ia = 0;
  let ib = 0;
  for (const o of ops) {
    posA.push(ia);
    posB.push(ib);
    if (o.op !== '+') ia += 1;
    if (o.op !== '-') ib += 1;
  }

  const changed = ops.map((o, i) => (o.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  const hunks: Array<[number, number]> = [];
  for (const i of changed) {
    const lo = Math.max(0, i - context);
    const hi = Math.min(ops.length - 1, i + context);
    const last = hunks.at(-1);
    if (last && lo <= last[1] + 1) last[1] = hi;
    else hunks.push([lo, hi]);
  }

  const out = [`--- ${fromName}`, `+++ ${toName}`];
  for (const [lo, hi] of hunks) {
    const slice = ops.slice(lo, hi + 1);
    const countA = slice.filter((o) => o.op !== '+').length;
    const countB = slice.filter((o) => o.op !== '-').length;
    out.push(`@@ -${range(posA[lo], countA)} +${range(posB[lo], countB)} @@`);
    for (const o of slice) out.push(...render(o));
  }
  return `${out.join('\n')}\n`;
}

function render(o: LineOp): string[] {
  if (o.line.endsWith('\u0000')) return [`${o.op}${o.line.slice(0, -1)}`, NO_NEWLINE];
  return [`${o.op}${o.line}`];
}
