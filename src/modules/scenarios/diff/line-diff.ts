/**
 * A line diff: the shortest edit script between two line arrays (Myers, "An O(ND)
 * Difference Algorithm and Its Variations", 1986), after trimming the common prefix and
 * suffix. Deletions come before insertions within a change, as GNU diff prints them.
 */
export type LineOp = { op: ' ' | '-' | '+'; line: string };

export function diffLines(a: string[], b: string[]): LineOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const same = (line: string): LineOp => ({ op: ' ', line });
  return [
    ...a.slice(0, start).map(same),
    ...middle(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map(same),
  ];
}

function middle(a: string[], b: string[]): LineOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ op: '+', line }));
  if (m === 0) return a.map((line) => ({ op: '-', line }));
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d += 1) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the snapshots back from (n, m) to (0, 0), emitting the script in reverse.
  const reversed: LineOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const vd = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      reversed.push({ op: ' ', line: a[x - 1] });
      x -= 1;
      y -= 1;
    }
    if (d === 0) break;
    if (down) reversed.push({ op: '+', line: b[y - 1] });
    else reversed.push({ op: '-', line: a[x - 1] });
    x = prevX;
    y = prevY;
  }
  return reorderChanges(reversed.reverse());
}

/** Within each run of changes, deletions first (GNU diff's order). */
function reorderChanges(ops: LineOp[]): LineOp[] {
  const out: LineOp[] = [];
  for (let i = 0; i < ops.length; ) {
    if (ops[i].op === ' ') {
      out.push(ops[i]);
      i += 1;
      continue;
    }
    let j = i;
    while (j < ops.length && ops[j].op !== ' ') j += 1;
    const run = ops.slice(i, j);
    out.push(...run.filter((o) => o.op === '-'), ...run.filter((o) => o.op === '+'));
    i = j;
  }
  return out;
}
