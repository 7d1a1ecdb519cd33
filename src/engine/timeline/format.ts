/**
 * The `Timeline` document, read out of the scenario's documents before the rest are
 * converted, validated, each step located in its file (README.md has the full story):
 *
 *   apiVersion: kube-netlab.io/v1alpha1
 *   kind: Timeline                # one per scenario; a second is an error
 *   steps:
 *     - name: optional text
 *       after: 30s                # Go duration the clock advances before the step (default 10s)
 *       kubectl: "kubectl scale deployment web --replicas=3"     # exactly one action:
 *     # apply: | <manifests>      (or a list of objects; located at their lines in this file)
 *     # podReady: {pod: NAME | selector: app=web, namespace: NS, ready: false}
 *     # nodeReady: {node: kind-worker, ready: false}
 */
import { isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostic';
import type { ManifestSource } from '../manifest/load';
import { loadDocuments, type LoadedDocument } from '../manifest/load';
import { isObject, jsonKind, quote } from '../manifest/fields';
import { parseDuration } from './duration';

export const TIMELINE_API_VERSION = 'kube-netlab.io/v1alpha1';
export const TIMELINE_KIND = 'Timeline';
/** The clock advance before a step that does not say `after`. */
export const DEFAULT_STEP_AFTER_SECONDS = 10;

/** What a step does. */
export type StepAction =
  | { kind: 'kubectl'; command: string }
  | { kind: 'apply'; documents: LoadedDocument[] }
  | { kind: 'podReady'; pod?: string; selector?: string; namespace: string; ready: boolean }
  | { kind: 'nodeReady'; node: string; ready: boolean }
  /** The step is malformed (its diagnostics say why): it runs as a failed step that changes nothing. */
  | { kind: 'invalid' };

export interface TimelineStep {
  /** 1-based. */
  index: number;
  name?: string;
  /** Seconds the clock advances before the step. */
  after: number;
  action: StepAction;
  /** The Timeline's file. */
  file: string;
  /** Position of a field of this step (`kubectl`, `apply`, ...), or of the step. */
  locate(field?: string): { line: number; column: number };
  /** Problems with the step as written (errors make it `invalid`). */
  diagnostics: Diagnostic[];
}

export interface Timeline {
  file: string;
  steps: TimelineStep[];
}

const ACTIONS = ['kubectl', 'apply', 'podReady', 'nodeReady'] as const;
const STEP_FIELDS = new Set(['name', 'after', ...ACTIONS]);

/** Whether a document is a Timeline (any kube-netlab.io version: a wrong one is reported, not passed on as an unknown kind). */
export function isTimelineDocument(doc: LoadedDocument): boolean {
  const v = doc.value;
  return isObject(v) && v.kind === TIMELINE_KIND && typeof v.apiVersion === 'string' && v.apiVersion.startsWith('kube-netlab.io/');
}

/**
 * Takes the Timeline documents out of `documents`: the first valid one is the scenario's
 * timeline; another is an error. `sources` give the text that block scalars of `apply`
 * steps are located in.
 */
export function extractTimeline(documents: LoadedDocument[], sources: ManifestSource[], sink: Diagnostic[]): { timeline?: Timeline; documents: LoadedDocument[] } {
  const rest: LoadedDocument[] = [];
  let timeline: Timeline | undefined;
  let first: LoadedDocument | undefined;
  for (const doc of documents) {
    if (!isTimelineDocument(doc)) {
      rest.push(doc);
      continue;
    }
    const at = (path?: string) => {
      const pos = doc.locator.locate(path);
      return { file: doc.file, line: pos.line, column: pos.column };
    };
    const value = doc.value as Record<string, unknown>;
    if (value.apiVersion !== TIMELINE_API_VERSION) {
      sink.push({ severity: 'error', message: `no matches for kind "Timeline" in version ${quote(String(value.apiVersion))}`, path: 'apiVersion', ...at('apiVersion'), object: 'Timeline', hint: `use apiVersion: ${TIMELINE_API_VERSION}` });
      continue;
    }
    if (first) {
      const where = first.locator.locate();
      sink.push({ severity: 'error', message: `a scenario has one Timeline; this one is ignored (the timeline is the one at ${first.file}:${where.line})`, ...at(), object: 'Timeline', hint: 'merge the steps into one Timeline document' });
      continue;
    }
    first = doc;
    timeline = readTimeline(doc, sources.find((s) => s.name === doc.file)?.content ?? '', sink);
  }
  return { ...(timeline ? { timeline } : {}), documents: rest };
}

function readTimeline(doc: LoadedDocument, text: string, sink: Diagnostic[]): Timeline {
  const value = doc.value as Record<string, unknown>;
  const diag = (path: string, message: string, hint?: string): Diagnostic => {
    const pos = doc.locator.locate(path);
    return { severity: 'error', message: `Timeline ${path}: ${message}`, path, file: doc.file, line: pos.line, column: pos.column, object: 'Timeline', ...(hint ? { hint } : {}) };
  };
  for (const key of Object.keys(value)) if (!['apiVersion', 'kind', 'metadata', 'steps'].includes(key)) sink.push({ ...diag(key, `unknown field ${quote(key)}`), severity: 'warning' });
  const timeline: Timeline = { file: doc.file, steps: [] };
  if (value.steps === undefined || value.steps === null) return timeline;
  if (!Array.isArray(value.steps)) {
    sink.push(diag('steps', `Invalid value: ${jsonKind(value.steps)}: must be a list of steps`));
    return timeline;
  }
  const stepsNode = isMap(doc.root) ? (doc.root.get('steps', true) as Node | undefined) : undefined;
  value.steps.forEach((raw, i) => {
    const path = `steps[${i}]`;
    const stepNode = isSeq(stepsNode) ? ((stepsNode.items[i] as Node | undefined) ?? null) : null;
    const step: TimelineStep = {
      index: i + 1,
      after: DEFAULT_STEP_AFTER_SECONDS,
      action: { kind: 'invalid' },
      file: doc.file,
      locate: (field?: string) => doc.locator.locate(field ? `${path}.${field}` : path),
      diagnostics: [],
    };
    timeline.steps.push(step);
    const fail = (field: string, message: string, hint?: string) => step.diagnostics.push(diag(field ? `${path}.${field}` : path, message, hint));
    if (!isObject(raw)) {
      fail('', `Invalid value: ${jsonKind(raw)}: a step is a mapping with one of ${ACTIONS.join(', ')}`);
      return;
    }
    for (const key of Object.keys(raw)) if (!STEP_FIELDS.has(key)) fail(key, `unknown field ${quote(key)}`, `a step has name, after, and one of ${ACTIONS.join(', ')}`);
    if (raw.name !== undefined) {
      if (typeof raw.name === 'string') step.name = raw.name;
      else fail('name', `Invalid value: ${jsonKind(raw.name)}: must be a string`);
    }
    if (raw.after !== undefined) {
      const parsed = typeof raw.after === 'string' ? parseDuration(raw.after) : { error: `must be a duration such as "30s", "2m" or "1h30m", got ${jsonKind(raw.after)}` };
      if ('seconds' in parsed) step.after = parsed.seconds;
      else fail('after', `Invalid value: ${JSON.stringify(raw.after)}: ${parsed.error}`);
    }
    const present = ACTIONS.filter((a) => raw[a] !== undefined);
    if (present.length !== 1) {
      fail('', present.length === 0 ? `Required value: one of ${ACTIONS.join(', ')}` : `Invalid value: a step has exactly one action, this one has ${present.join(' and ')}`, 'split it into one step per action');
      return;
    }
    if (step.diagnostics.some((d) => d.severity === 'error')) return;
    const action = readAction(present[0], raw[present[0]], (field, message) => fail(field, message), {
      doc,
      text,
      node: isMap(stepNode) ? ((stepNode.get('apply', true) as Node | undefined) ?? null) : null,
      diagnostics: step.diagnostics,
    });
    if (action && !step.diagnostics.some((d) => d.severity === 'error')) step.action = action;
  });
  return timeline;
}

interface ApplyContext {
  doc: LoadedDocument;
  text: string;
  node: Node | null;
  diagnostics: Diagnostic[];
}

function readAction(kind: (typeof ACTIONS)[number], value: unknown, fail: (field: string, message: string) => void, apply: ApplyContext): StepAction | undefined {
  switch (kind) {
    case 'kubectl':
      if (typeof value !== 'string' || value.trim() === '') return void fail('kubectl', `Invalid value: ${jsonKind(value)}: a kubectl command line, e.g. "kubectl scale deployment web --replicas=3"`);
      return { kind: 'kubectl', command: value };
    case 'apply':
      return readApply(value, fail, apply);
    case 'podReady': {
      if (!isObject(value)) return void fail('podReady', `Invalid value: ${jsonKind(value)}: {pod: NAME | selector: "app=web", namespace?: NS, ready: true|false}`);
      const selector = isObject(value.selector)
        ? Object.entries(value.selector)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(',')
        : value.selector;
      if (typeof value.ready !== 'boolean') fail('podReady.ready', `Required value: true or false`);
      if ((value.pod === undefined) === (selector === undefined)) fail('podReady', 'Invalid value: give exactly one of pod and selector');
      if (value.pod !== undefined && typeof value.pod !== 'string') fail('podReady.pod', `Invalid value: ${jsonKind(value.pod)}: a Pod name`);
      if (selector !== undefined && typeof selector !== 'string') fail('podReady.selector', `Invalid value: ${jsonKind(selector)}: a label selector ("app=web") or a map of labels`);
      if (value.namespace !== undefined && typeof value.namespace !== 'string') fail('podReady.namespace', `Invalid value: ${jsonKind(value.namespace)}: a namespace name`);
      return {
        kind: 'podReady',
        ...(typeof value.pod === 'string' ? { pod: value.pod } : {}),
        ...(typeof selector === 'string' ? { selector } : {}),
        namespace: typeof value.namespace === 'string' ? value.namespace : 'default',
        ready: value.ready === true,
      };
    }
    case 'nodeReady':
      if (!isObject(value)) return void fail('nodeReady', `Invalid value: ${jsonKind(value)}: {node: NAME, ready: true|false}`);
      if (typeof value.node !== 'string') fail('nodeReady.node', 'Required value: the node name');
      if (typeof value.ready !== 'boolean') fail('nodeReady.ready', 'Required value: true or false');
      return { kind: 'nodeReady', node: String(value.node), ready: value.ready === true };
  }
}

/**
 * `apply:` as a YAML string (block scalar `|`: its documents are located at their lines in
 * the Timeline's file), as a list of objects, or as one object.
 */
function readApply(value: unknown, fail: (field: string, message: string) => void, ctx: ApplyContext): StepAction | undefined {
  const { doc } = ctx;
  if (typeof value === 'string') {
    const content = positioned(value, ctx);
    const loaded = loadDocuments([{ name: doc.file, content }]);
    ctx.diagnostics.push(...loaded.syntaxErrors);
    return { kind: 'apply', documents: loaded.documents };
  }
  const items = Array.isArray(value) ? value : isObject(value) ? [value] : undefined;
  if (!items) return void fail('apply', `Invalid value: ${jsonKind(value)}: manifests as a YAML string (apply: |) or a list of objects`);
  const nodes = isSeq(ctx.node) ? ctx.node.items : [ctx.node];
  return {
    kind: 'apply',
    documents: items.map((item, i) => {
      const node = (nodes[i] as Node | null | undefined) ?? null;
      return { file: doc.file, index: doc.index, value: item, locator: doc.locator.child(node), root: node };
    }),
  };
}

/**
 * The string's text placed where it stands in the file — blank lines before it, its
 * indentation restored — so that positions of the parsed documents are positions in the
 * Timeline's file. Document markers (`---`) stay at column 1 so they still separate documents.
 */
function positioned(value: string, ctx: ApplyContext): string {
  const { node, doc, text } = ctx;
  if (!isScalar(node)) return value;
  const start = doc.locator.child(node).locate();
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  if (!block) {
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    return '\n'.repeat(start.line - 1) + ' '.repeat(start.column - (quoted ? 0 : 1)) + value;
  }
  const lines = text.split('\n');
  // The content starts on the line after the `|` header; its indentation is the first content line's.
  let indent = 0;
  for (let i = start.line; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    indent = lines[i].length - lines[i].trimStart().length;
    break;
  }
  const body = value
    .split('\n')
    .map((l) => (l === '' || /^(---|\.\.\.)(\s|$)/.test(l) ? l : ' '.repeat(indent) + l))
    .join('\n');
  return '\n'.repeat(start.line) + body;
}
