/**
 * A cheap pass over YAML tokens that finds nesting deeper than a limit before the
 * document is parsed. The `yaml` package composes documents recursively: past about
 * 800 levels it overflows the stack, and tens of thousands of `[` exhaust the heap.
 * The lexer is iterative and linear, so this pass stops at the first level too deep.
 *
 * Flow collections (`[`, `{`) are counted exactly. Block collections are counted from
 * indentation: each line opens a level unless it is at or left of an open one, and each
 * compact `- ` or `? ` after the start of a line opens one more. A mapping nested in a
 * `- key: value` item on the same line is not counted, so the measure never overstates.
 */
import { CST, Lexer } from 'yaml';

export interface TooDeep {
  /** 1-based position of the token that went past the limit. */
  line: number;
  column: number;
}

/** Where the nesting first exceeds `maxDepth`, or undefined when it never does. */
export function findExcessiveNesting(content: string, maxDepth: number): TooDeep | undefined {
  const indents: number[] = []; // columns of the open block collections
  let flow = 0;
  let line = 1;
  let column = 0; // 0-based column of the next token
  let lineStart = true;

  for (const token of new Lexer().lex(content)) {
    const type = CST.tokenType(token);
    const at = { line, column: column + 1 };
    // Advance the position over the token's text (block scalars span lines).
    const lastNewline = token.lastIndexOf('\n');
    if (lastNewline >= 0) {
      line += countNewlines(token);
      column = token.length - lastNewline - 1;
    } else if (type !== 'doc-mode' && type !== 'scalar' && type !== 'flow-error-end') {
      column += token.length;
    }

    switch (type) {
      case 'newline':
        lineStart = true;
        continue;
      case 'space':
        if (lastNewline >= 0) lineStart = true; // the body of a block scalar ends its line
        continue;
      case 'comment':
      case 'doc-mode':
      case 'scalar': // the marker before a plain scalar's text; the text itself follows
        continue;
      case 'doc-start':
      case 'doc-end':
        indents.length = 0;
        flow = 0;
        lineStart = false;
        continue;
      case 'flow-map-start':
      case 'flow-seq-start':
        flow++;
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flow = Math.max(0, flow - 1);
        lineStart = false;
        continue;
      default:
        if (flow > 0) break;
        if (lineStart) {
          while (indents.length > 0 && indents[indents.length - 1] >= at.column - 1) indents.pop();
          indents.push(at.column - 1);
        } else if (type === 'seq-item-ind' || type === 'explicit-key-ind') {
          indents.push(at.column - 1);
        }
    }
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (lineStart && flow === 1) {
        while (indents.length > 0 && indents[indents.length - 1] >= at.column - 1) indents.pop();
      }
    }
    lineStart = false;
    if (indents.length + flow > maxDepth) return at;
  }
  return undefined;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
