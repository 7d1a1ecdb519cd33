/**
 * Lab files: one YAML document (`kind: Lab`, apiVersion kube-netlab.io/v1alpha1) with the
 * instructions, the starter manifests, the per-student parameters, the submission rules and
 * the checks. `parseLab` reports every problem at once, each at its line and column, so an
 * instructor fixes a file in one pass; `exportLab` writes the canonical form back.
 *
 * The text is read by the manifest loader (manifest/load.ts), with its limits on nesting,
 * aliases and documents and its YAML 1.1 rules (`yes` is a boolean, as in manifests);
 * timestamps keep the text they were written as.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, stringify, type Node } from 'yaml';
import type { $ZodIssue } from 'zod/v4/core';
import { isObject } from '../manifest/fields';
import { loadDocuments } from '../manifest/load';
import { formatFieldPath, type Locator, type PathSegment } from '../manifest/locate';
import type { Check } from './checks';
import { LAB_API_VERSION, labDocument } from './lab-schema';
import { scanTemplate, wholePlaceholder, type TemplateToken } from './placeholders';

/** Lab files are small: the instructions, a few manifests and checks. */
export const LAB_LIMITS = { maxChars: 1024 * 1024 } as const;

/** A hint revealed once the student has failed its check on `after` graded submissions (0: from the start). */
export interface LabHint {
  after: number;
  text: string;
}

/** `${name}`: a parameter's value once the lab is instantiated for a student. */
export type Placeholder = `\${${string}}`;

/** A check as the lab file holds it: `ready` and `port` may be a `${parameter}` that `instantiateLab` makes a number. */
export type CheckTemplate = Check extends infer C ? (C extends { kind: 'all' } ? Omit<C, 'checks'> & { checks: CheckTemplate[] } : { [K in keyof C]: K extends 'ready' | 'port' ? C[K] | Placeholder : C[K] }) : never;

/** A check of a lab: `hidden` ones count but show only "hidden" to students before the due date. */
export type LabCheck = Check & { hidden?: boolean; hints?: LabHint[] };
export type LabCheckTemplate = CheckTemplate & { hidden?: boolean; hints?: LabHint[] };

/** A value drawn per student (parameters.ts): one of a list, an integer in a range, or a text built from earlier parameters. */
export type LabParameter = { name: string } & ({ oneOf: (string | number)[] } | { int: { min: number; max: number } } | { template: string });

/** Submission rules (rules.ts). Dates are ISO-8601 with a time zone, as written in the file. */
export interface LabRules {
  opensAt?: string;
  /** A submission at `dueAt` exactly is on time. */
  dueAt?: string;
  /** Late submissions are accepted until then (inclusive); needs `dueAt`. */
  lateUntil?: string;
  /** Percentage of the earned score a late submission keeps; 100 when absent. */
  latePercent?: number;
  /** Graded submissions allowed; not gradable ones do not count. */
  maxAttempts?: number;
  /** Seconds a student waits between submissions. */
  minSecondsBetween?: number;
}

/** A parsed lab: plain JSON (the service stores it as such). `starter` is '' and `parameters` [] when the file has none. */
export interface LabDefinition {
  /** `metadata.name`: the lab's slug (an RFC 1123 label). */
  name: string;
  title: string;
  /** Markdown, with `${parameter}` placeholders. */
  instructions: string;
  /** Manifests the student starts from, with placeholders. */
  starter: string;
  parameters: LabParameter[];
  rules: LabRules;
  checks: LabCheckTemplate[];
}

/** One problem of a lab file. */
export interface LabError {
  /** Field path (`spec.checks[2].points`); '' for the file as a whole. */
  path: string;
  /** 1-based position of the field, of the text at fault inside it, or of its nearest present parent. */
  line: number;
  column: number;
  message: string;
}

/** The lab, or every problem of the file (sorted by position). */
export function parseLab(text: string, sourceName = 'lab.yaml'): { lab: LabDefinition; errors: [] } | { lab?: undefined; errors: LabError[] } {
  if (text.length > LAB_LIMITS.maxChars) return { errors: [{ path: '', line: 1, column: 1, message: `the lab file is too large: more than ${LAB_LIMITS.maxChars} characters` }] };
  const loaded = loadDocuments([{ name: sourceName, content: text }]);
  if (loaded.syntaxErrors.length > 0) return { errors: loaded.syntaxErrors.map((d) => ({ path: '', line: d.line ?? 1, column: d.column ?? 1, message: d.message })) };
  const [doc, extra] = loaded.documents;
  if (!doc) return { errors: [{ path: '', line: 1, column: 1, message: `the lab file is empty: expected a document with apiVersion: ${LAB_API_VERSION} and kind: Lab` }] };
  if (extra) return { errors: [{ path: '', ...extra.locator.locate(), message: 'a lab file holds one YAML document; remove the second one (after ---)' }] };

  const raw = restoreTimestamps(doc.value, doc.root, []);
  const located = new LabLocator(text, doc.root, doc.locator);
  const errors: LabError[] = [];
  const parsed = labDocument.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) errors.push(...issueErrors(issue, raw, located));
  errors.push(...crossErrors(raw, located));
  if (errors.length > 0) return { errors: errors.sort((a, b) => a.line - b.line || a.column - b.column || a.path.localeCompare(b.path) || a.message.localeCompare(b.message)) };

  const { metadata, spec } = parsed.data!;
  const lab: LabDefinition = {
    name: metadata.name,
    title: spec.title,
    instructions: spec.instructions,
    starter: spec.starter ?? '',
    parameters: (spec.parameters ?? []) as LabParameter[],
    rules: spec.rules ?? {},
    checks: spec.checks as LabCheckTemplate[],
  };
  return { lab, errors: [] };
}

/**
 * The lab as a canonical YAML file: fields in the schema's order, multi-line strings as
 * literal blocks, empty `starter`, `parameters` and `rules` left out, and strings that YAML
 * 1.1 would read as something else (`yes`, `0755`, dates) quoted. `parseLab` gives `lab` back.
 * Throws (a zod error) when `lab` is not valid, which a lab from `parseLab` always is.
 */
export function exportLab(lab: LabDefinition): string {
  const doc = labDocument.parse({
    apiVersion: LAB_API_VERSION,
    kind: 'Lab',
    metadata: { name: lab.name },
    spec: {
      title: lab.title,
      instructions: lab.instructions,
      ...(lab.parameters.length > 0 ? { parameters: lab.parameters } : {}),
      ...(lab.starter !== '' ? { starter: lab.starter } : {}),
      ...(Object.keys(lab.rules).length > 0 ? { rules: lab.rules } : {}),
      checks: lab.checks,
    },
  });
  return stringify(doc, { version: '1.1', blockQuote: 'literal', lineWidth: 0 });
}

/** Positions of fields (through the manifest Locator) and of placeholders inside strings. */
class LabLocator {
  private readonly lines = new LineCounter();

  constructor(
    private readonly text: string,
    private readonly root: Node | null,
    private readonly locator: Locator,
  ) {
    this.lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lines.addNewLine(i + 1);
  }

  error(path: PathSegment[], message: string): LabError {
    const field = formatFieldPath(path);
    return { path: field, ...this.locator.locate(field), message };
  }

  /** An error at the `ordinal`-th token like `token` in the string at `path` (the field when the text cannot be found). */
  tokenError(path: PathSegment[], token: TemplateToken, ordinal: number, message: string): LabError {
    const node = nodeAt(this.root, path);
    const range = node?.range;
    const found = range && scanTemplate(this.text.slice(range[0], range[1])).filter((t) => t.text === token.text)[ordinal];
    if (!range || !found) return this.error(path, message);
    const pos = this.lines.linePos(range[0] + found.index);
    return { path: formatFieldPath(path), line: pos.line, column: pos.col, message };
  }
}

/** The value node at `path` (a mapping's value, a sequence's item), or undefined. */
function nodeAt(root: Node | null, path: PathSegment[]): Node | undefined {
  let node: unknown = root;
  for (const segment of path) {
    if (isMap(node)) node = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment))?.value;
    else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else return undefined;
  }
  return (node ?? undefined) as Node | undefined;
}

/** YAML 1.1 reads `2026-09-08T23:59:00Z` as a timestamp; a lab keeps it as written (JSON has no dates). */
function restoreTimestamps(value: unknown, root: Node | null, path: PathSegment[]): unknown {
  if (value instanceof Date) {
    const node = nodeAt(root, path);
    return isScalar(node) && typeof node.source === 'string' ? node.source : value.toISOString();
  }
  if (Array.isArray(value)) return value.map((v, i) => restoreTimestamps(v, root, [...path, i]));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreTimestamps(v, root, [...path, k])]));
  return value;
}

/** A zod issue as located errors: unknown fields one by one, missing fields and check kinds in plain words. */
function issueErrors(issue: $ZodIssue, raw: unknown, at: LabLocator): LabError[] {
  const path = issue.path as PathSegment[];
  const value = valueAt(raw, path);
  const field = path[path.length - 1];
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => at.error([...path, key], `unknown field "${key}"`));
  if (issue.code === 'invalid_union' && issue.discriminator === 'kind' && 'options' in issue) {
    const kinds = (issue.options ?? []).join(', ');
    return [at.error(path, value === undefined ? `missing required field "kind" (one of ${kinds})` : `unknown check kind ${JSON.stringify(value)}: expected one of ${kinds}`)];
  }
  if (issue.code === 'invalid_type' && value === undefined) return [at.error(path, `missing required field "${String(field)}"`)];
  // YAML 1.1 (as in manifests) reads y, yes, on, 0755 and the like as booleans and numbers.
  if (issue.code === 'invalid_type' && issue.expected === 'string' && (typeof value === 'boolean' || typeof value === 'number')) return [at.error(path, `expected a string, got the ${typeof value} ${String(value)}: quote the text`)];
  if (issue.code === 'invalid_value' && issue.values.length === 1) return [at.error(path, `expected ${JSON.stringify(issue.values[0])}, got ${JSON.stringify(value)}`)];
  return [at.error(path, issue.message)];
}

function valueAt(raw: unknown, path: PathSegment[]): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key as string] : undefined), raw);
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asRecord = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});

/** Fields of a check that instantiate to numbers. */
const NUMERIC_FIELDS: Record<string, string[]> = { endpoints: ['ready', 'port'], reach: ['port'] };

/**
 * Rules across objects, checked on whatever parsed: unique parameter names and check ids,
 * every placeholder a declared parameter (a number where a number is due), the dates in order.
 */
function crossErrors(raw: unknown, at: LabLocator): LabError[] {
  const errors: LabError[] = [];
  const spec = asRecord(asRecord(raw).spec);

  // Parameters: unique names; a template uses only parameters declared above it.
  const declared = new Map<string, { index: number; numeric: boolean }>();
  asList(spec.parameters).forEach((p, index) => {
    const { name, int, oneOf, template } = asRecord(p);
    if (typeof name !== 'string') return;
    const earlier = declared.get(name);
    if (earlier) errors.push(at.error(['spec', 'parameters', index, 'name'], `duplicate parameter name "${name}" (also spec.parameters[${earlier.index}])`));
    else declared.set(name, { index, numeric: int !== undefined || (Array.isArray(oneOf) && oneOf.length > 0 && oneOf.every((v) => typeof v === 'number')) });
    if (typeof template === 'string') {
      placeholderErrors(template, ['spec', 'parameters', index, 'template'], at, (ref) => {
        const target = declared.get(ref);
        return target && target.index < index ? undefined : `\${${ref}} in a template must name a parameter declared above this one`;
      }).forEach((e) => errors.push(e));
    }
  });
  const known = (ref: string) => (declared.has(ref) ? undefined : `\${${ref}} is not a declared parameter${declared.size ? ` (declared: ${[...declared.keys()].join(', ')})` : ' (the lab declares none)'}; write $\${${ref}} for a literal \${${ref}}`);

  if (typeof spec.title === 'string' && scanTemplate(spec.title).length > 0) errors.push(at.error(['spec', 'title'], 'the title is the same for every student: placeholders are not substituted in it (write $${ for a literal ${)'));
  for (const field of ['instructions', 'starter']) {
    if (typeof spec[field] === 'string') errors.push(...placeholderErrors(spec[field], ['spec', field], at, known));
  }

  // Checks: unique ids (nested ones included), placeholders anywhere, numbers where numbers are due.
  const ids = new Map<string, string>();
  const visitChecks = (list: unknown, path: PathSegment[]) =>
    asList(list).forEach((c, i) => {
      const check = asRecord(c);
      const here = [...path, i];
      if (typeof check.id === 'string') {
        const first = ids.get(check.id);
        if (first) errors.push(at.error([...here, 'id'], `duplicate check id "${check.id}" (also ${first})`));
        else ids.set(check.id, formatFieldPath(here));
      }
      for (const field of NUMERIC_FIELDS[String(check.kind)] ?? []) {
        const ref = typeof check[field] === 'string' ? wholePlaceholder(check[field]) : undefined;
        const param = ref === undefined ? undefined : declared.get(ref);
        if (param && !param.numeric) errors.push(at.error([...here, field], `${field} must be a number, but the parameter ${ref} draws text`));
      }
      for (const [key, value] of Object.entries(check)) {
        if (key === 'checks' && check.kind === 'all') visitChecks(value, [...here, 'checks']);
        else errors.push(...placeholderErrorsDeep(value, [...here, key], at, known));
      }
    });
  visitChecks(spec.checks, ['spec', 'checks']);

  // Rules: opensAt < dueAt <= lateUntil; late credit only with a late period.
  const rules = asRecord(spec.rules);
  const time = (key: string) => (typeof rules[key] === 'string' ? Date.parse(rules[key]) : NaN);
  if (time('opensAt') >= time('dueAt')) errors.push(at.error(['spec', 'rules', 'dueAt'], `dueAt (${rules.dueAt}) must be after opensAt (${rules.opensAt})`));
  if (time('dueAt') > time('lateUntil')) errors.push(at.error(['spec', 'rules', 'lateUntil'], `lateUntil (${rules.lateUntil}) must not be before dueAt (${rules.dueAt})`));
  if (rules.lateUntil !== undefined && rules.dueAt === undefined) errors.push(at.error(['spec', 'rules', 'lateUntil'], 'lateUntil needs a dueAt: late means after the due date'));
  if (rules.latePercent !== undefined && rules.lateUntil === undefined) errors.push(at.error(['spec', 'rules', 'latePercent'], 'latePercent applies to late submissions: set lateUntil too'));
  return errors;
}

/** Placeholder errors of every string (and mapping key) inside a value. */
function placeholderErrorsDeep(value: unknown, path: PathSegment[], at: LabLocator, problem: (ref: string) => string | undefined): LabError[] {
  if (typeof value === 'string') return placeholderErrors(value, path, at, problem);
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholderErrorsDeep(v, [...path, i], at, problem));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => [...placeholderErrors(k, [...path, k], at, problem, true), ...placeholderErrorsDeep(v, [...path, k], at, problem)]);
  return [];
}

/** Malformed `${` and placeholders `problem` objects to, each located at its text (a key: at the key). */
function placeholderErrors(text: string, path: PathSegment[], at: LabLocator, problem: (ref: string) => string | undefined, isKey = false): LabError[] {
  const seen = new Map<string, number>();
  const errors: LabError[] = [];
  for (const token of scanTemplate(text)) {
    const ordinal = seen.get(token.text) ?? 0;
    seen.set(token.text, ordinal + 1);
    const message = token.kind === 'malformed' ? 'malformed placeholder: "${" must start ${name}, name an identifier (write $${ for a literal ${)' : problem(token.name);
    if (message) errors.push(isKey ? at.error(path, message) : at.tokenError(path, token, ordinal, message));
  }
  return errors;
}
