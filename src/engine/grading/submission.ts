/**
 * A student's submission (manifest text) graded against a lab's checks.
 *
 * Not gradable: the manifests cannot be simulated, i.e. they are not valid YAML/JSON (or
 * break the loader's limits), hold no document, or hold no object the simulator accepts
 * (every document refused, e.g. only unknown kinds, or only kinds it does not simulate).
 * Otherwise the submission is gradable, as `kubectl apply` applies what it can: objects
 * the API server would refuse (an unknown kind, an invalid field) are left out of the
 * cluster, graded as missing, and listed in `refused`.
 */
import type { Diagnostic } from '../diagnostic';
import { convertDocuments } from '../manifest/convert';
import { loadDocuments } from '../manifest/load';
import type { SimulationResult } from '../result';
import { simulate } from '../simulate';
import { gradeChecks, type Check, type CheckResult } from './checks';

/** A graded submission: the checks' results and totals, and the objects a real API server would have refused. */
export interface GradedSubmission {
  gradable: true;
  score: number;
  maxScore: number;
  checks: CheckResult[];
  /** Error diagnostics of the simulation (`file:line:column: message`), [] when every object was accepted. */
  refused: string[];
}

/** Why a submission was not graded: located messages (`file:line:column: message`). */
export interface UngradableSubmission {
  gradable: false;
  errors: string[];
}

/**
 * Simulates a submission once (the service caches the result per content hash and grades
 * it against several labs' checks). `{ ok: false, errors }` when it is not gradable (see
 * the module comment). The simulation uses the default seed, so the result depends on
 * the content alone.
 */
export function simulateSubmission(content: string, sourceName = 'submission.yaml'): { ok: true; result: SimulationResult } | { ok: false; errors: string[] } {
  const sources = [{ name: sourceName, content }];
  const loaded = loadDocuments(sources);
  if (loaded.syntaxErrors.length > 0) return { ok: false, errors: loaded.syntaxErrors.map(formatDiagnostic) };
  // `---` followed by nothing is a null document: kubectl skips it ("no objects passed to apply").
  if (loaded.documents.every((d) => d.value === null)) return { ok: false, errors: [`${sourceName}: no Kubernetes objects: the submission is empty`] };
  // A dry run of the conversion tells "nothing accepted" apart; simulate converts again (cheap next to reconciling).
  const report: Diagnostic[] = [];
  if (convertDocuments(loaded.documents, report).objects.length === 0) {
    return { ok: false, errors: [`${sourceName}: no Kubernetes object the simulator accepts`, ...report.map(formatDiagnostic)] };
  }
  return { ok: true, result: simulate(sources) };
}

/**
 * Grades `content` against `checks`: simulates it (or takes `options.simulation`, a result
 * of `simulateSubmission` for the same content) and runs every check. `seed` seeds the
 * checks' own random picks (kube-proxy's endpoint choice in traces).
 */
export function gradeSubmission(content: string, checks: Check[], options: { seed?: string; sourceName?: string; simulation?: SimulationResult } = {}): GradedSubmission | UngradableSubmission {
  let result = options.simulation;
  if (!result) {
    const simulated = simulateSubmission(content, options.sourceName);
    if (!simulated.ok) return { gradable: false, errors: simulated.errors };
    result = simulated.result;
  }
  const graded = gradeChecks(result, checks, options.seed === undefined ? {} : { seed: options.seed });
  return { gradable: true, ...graded, refused: result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic) };
}

/** `file:line:column: message`, then the hint, as the CLI prints diagnostics. */
function formatDiagnostic(d: Diagnostic): string {
  return `${d.file ?? '<input>'}:${d.line ?? 1}:${d.column ?? 1}: ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`;
}
