/**
 * Diagnostics: what the engine says about the input, as values.
 *
 * Severity follows what a real cluster would do with the object:
 * - `error`: the API server (or a controller) would refuse it; the object is left out
 *   of the simulation, as it would be missing from a real cluster.
 * - `warning`: accepted, but it will not do what its author most likely wants (a
 *   selector that matches nothing, a targetPort no container declares).
 * - `info`: accepted and fine, but partly outside what the simulator models.
 */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  /** One sentence naming the object at fault; API-server validation errors keep the API server's wording. */
  message: string;
  /** Field path inside the object, in the API server's notation (`spec.ports[0].targetPort`). */
  path?: string;
  /** Name of the source (file) the object came from. */
  file?: string;
  /** 1-based line of the field (or of the document when the field is absent). */
  line?: number;
  /** 1-based column of the field (or of the document when the field is absent). */
  column?: number;
  /** The object at fault as `Kind namespace/name` (`Service default/web`), or `Kind name` when cluster-scoped. */
  object?: string;
  /** What to change to fix it, when the engine can tell. */
  hint?: string;
}

/**
 * Thrown by `simulate` when any document is not valid YAML/JSON: nothing can be
 * simulated from text that cannot be read. Carries every syntax error found, each located.
 */
export class ManifestSyntaxError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    const first = diagnostics[0];
    const where = first ? `${first.file ?? '<input>'}:${first.line ?? 1}:${first.column ?? 1}: ` : '';
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    super(`${where}${first?.message ?? 'invalid manifest'}${more}`);
    this.name = 'ManifestSyntaxError';
    this.diagnostics = diagnostics;
  }
}

/** Orders diagnostics by file, position, then text, so output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const keys: Array<[string | number, string | number]> = [
    [a.file ?? '', b.file ?? ''],
    [a.line ?? 0, b.line ?? 0],
    [a.column ?? 0, b.column ?? 0],
    [severityRank(a.severity), severityRank(b.severity)],
    [a.object ?? '', b.object ?? ''],
    [a.path ?? '', b.path ?? ''],
    [a.message, b.message],
  ];
  for (const [x, y] of keys) {
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

function severityRank(s: Diagnostic['severity']): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : 2;
}
