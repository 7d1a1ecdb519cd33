/**
 * kubectl's `-l/--selector` syntax (`k8s.io/apimachinery/pkg/labels.Parse`):
 * comma-separated requirements, all of which must hold —
 *   `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k` (exists), `!k` (does not exist).
 * `k!=v` and `notin` also match objects without the key, as upstream does.
 */
import { matchesRequirement } from '../util/labels';
export interface Requirement {
  key: string;
  operator: 'in' | 'notin' | 'exists' | '!';
  values: string[];
}

export class SelectorSyntaxError extends Error {}

/** Parses a selector; '' selects everything. Throws SelectorSyntaxError in kubectl's words. */
export function parseSelector(text: string): Requirement[] {
  const reqs: Requirement[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && text[i] === ' ') i++;
  };
  const identifier = (): string => {
    skipSpace();
    const start = i;
    while (i < text.length && !' ,=!()'.includes(text[i])) i++;
    return text.slice(start, i);
  };
  while (true) {
    skipSpace();
    if (i >= text.length) break;
    if (text[i] === '!') {
      i++;
      const key = identifier();
      if (!key) throw syntax(text, i, 'identifier');
      reqs.push({ key, operator: '!', values: [] });
    } else {
      const key = identifier();
      if (!key) throw syntax(text, i, 'identifier');
      skipSpace();
      const rest = text.slice(i);
      if (rest.startsWith('==') || rest.startsWith('=') || rest.startsWith('!=')) {
        const op = rest.startsWith('!=') ? '!=' : rest.startsWith('==') ? '==' : '=';
        i += op.length;
        const value = identifier();
        reqs.push({ key, operator: op === '!=' ? 'notin' : 'in', values: [value] });
      } else if (/^(in|notin)\s*\(/.test(rest)) {
        const op = rest.startsWith('notin') ? 'notin' : 'in';
        i += op.length;
        skipSpace();
        i++; // '('
        const close = text.indexOf(')', i);
        if (close < 0) throw syntax(text, text.length, "')'");
        const values = text
          .slice(i, close)
          .split(',')
          .map((v) => v.trim());
        i = close + 1;
        reqs.push({ key, operator: op, values });
      } else if (rest === '' || rest.startsWith(',')) {
        reqs.push({ key, operator: 'exists', values: [] });
      } else {
        throw syntax(text, i, '=, !=, in, notin');
      }
    }
    skipSpace();
    if (i < text.length) {
      if (text[i] !== ',') throw syntax(text, i, "','");
      i++;
    }
  }
  return reqs;
}

function syntax(text: string, at: number, expected: string): SelectorSyntaxError {
  return new SelectorSyntaxError(`unable to parse requirement: found '${text.slice(at, at + 1) || 'EOF'}', expected: ${expected}`);
}

/** kubectl's selector operators as apimachinery's requirement operators. */
const OPERATORS = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' } as const;

/** Whether `labels` satisfy every requirement. */
export function selectorMatches(reqs: Requirement[], labels: Record<string, string>): boolean {
  return reqs.every((r) => matchesRequirement(labels, r.key, OPERATORS[r.operator], r.values));
}
