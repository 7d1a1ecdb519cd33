/**
 * Field paths → source positions, through the yaml package's node ranges. Paths use the
 * API server's notation: `spec.ports[0].targetPort`, `metadata.labels[app]`.
 */
import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export type PathSegment = string | number;

/** Splits `spec.ports[0].name` into ['spec', 'ports', 0, 'name']. */
export function parseFieldPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

/** Renders segments back into a field path. */
export function formatFieldPath(segments: PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${s}]`;
  }
  return out;
}

/** Locates fields of one object inside a parsed YAML document. */
export class Locator {
  constructor(
    private readonly root: Node | null,
    private readonly lineCounter: LineCounter,
    private readonly fallbackOffset: number,
  ) {}

  /**
   * Position of the field at `path`: the key of a mapping entry, the item of a list.
   * When the field is absent, the deepest ancestor that exists; the object's start for ''.
   */
  locate(path?: string): { line: number; column: number } {
    const offset = this.walk(path).offset;
    const pos = this.lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  /** Whether the field at `path` is present. */
  has(path: string): boolean {
    return this.walk(path).exact;
  }

  private walk(path?: string): { offset: number; exact: boolean } {
    let offset = this.root?.range?.[0] ?? this.fallbackOffset;
    let node: unknown = this.root;
    for (const segment of path ? parseFieldPath(path) : []) {
      let next: unknown;
      let at: number | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (pair) {
          next = pair.value;
          at = (pair.key as Node).range?.[0];
        }
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
        at = (next as Node | undefined)?.range?.[0];
      }
      if (at === undefined) return { offset, exact: false };
      offset = at;
      node = next;
    }
    return { offset, exact: true };
  }

  /** A locator for a child node (an item of a `List`). */
  child(node: Node | null): Locator {
    return new Locator(node, this.lineCounter, node?.range?.[0] ?? this.fallbackOffset);
  }
}
