/**
 * Go's `text/tabwriter` (elastic tabstops), which both kubectl printers use:
 * - `kubectl get`: minwidth 6, padding 3, pad char ' ' (k8s.io/cli-runtime/pkg/printers/tabwriter.go);
 * - `kubectl describe`: minwidth 0, padding 2, pad char ' ' (kubectl/pkg/describe tabbedString).
 *
 * Cells are tab-terminated; the last cell of a line is not part of any column. A column
 * block is a run of consecutive lines that all have a cell in that column; its width is
 * the widest cell plus padding (at least minwidth). Reproduced from the algorithm in
 * Go's src/text/tabwriter/tabwriter.go (format / writeLines).
 */
export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

/** Aligns `text` (lines of tab-separated cells) as Go's tabwriter would on Flush. */
export function tabwrite(text: string, options: TabwriterOptions): string {
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      let s = '';
      lines[i].forEach((cell, j) => {
        s += cell;
        if (j < widths.length && j < lines[i].length - 1) s += ' '.repeat(Math.max(0, widths[j] - runeWidth(cell)));
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    let start = line0;
    for (let row = line0; row < line1; row++) {
      if (column >= lines[row].length - 1) continue;
      writeLines(start, row);
      start = row;
      let width = options.minwidth;
      for (; row < line1; row++) {
        if (column >= lines[row].length - 1) break;
        width = Math.max(width, runeWidth(lines[row][column]) + options.padding);
      }
      widths.push(width);
      format(start, row);
      widths.pop();
      start = row;
      row--; // the loop's increment must revisit the line that ended the block
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/** Go's tabwriter counts UTF-8 runes, not bytes. */
function runeWidth(s: string): number {
  return [...s].length;
}

/** Rows of cells → aligned table text (with the trailing newline kubectl prints). */
export function formatTable(rows: string[][], options: TabwriterOptions = GET_TABWRITER): string {
  if (rows.length === 0) return '';
  return tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', options);
}
