/**
 * Runs a Timeline's steps on a cluster state: for each step, advance the clock by `after`
 * (evicting the Pods of lost nodes whose toleration runs out on the way, each at its own
 * time), run the action, `reconcile`, take a snapshot (`buildResult`) and diff it with the
 * previous one.
 */
import { applyObjects, TOPOLOGY_KINDS } from '../apply';
import { buildResult, dedupeDiagnostics } from '../build-result';
import type { Diagnostic } from '../diagnostic';
import { loadDocuments } from '../manifest/load';
import { convertDocuments } from '../manifest/convert';
import { objectIdentity, objectKey, type ScenarioObject } from '../model';
import { reconcile } from '../reconcile';
import type { SimulationResult } from '../result';
import { nodeByName, type ClusterState } from '../state';
import { parseSelector, selectorMatches, SelectorSyntaxError } from '../terminal/label-selector';
import { kubectlMutate, type MutationContext } from '../terminal/kubectl/mutate';
import { kindPrefix, resolveResourceType } from '../terminal/kubectl/resources';
import { parseCommandLine, ShellSyntaxError } from '../terminal/shell';
import { diffResults } from './diff';
import type { Timeline, TimelineStep } from './format';
import { NODE_LOST_MESSAGE, NodeLifecycle } from './node-lifecycle';
import type { TimelineStepResult } from './types';

export interface RunTimelineOptions {
  /** Keep a snapshot per step (`snapshots[k]`: after step k; `[0]`: before any). Default false: only the last. */
  keepSnapshots?: boolean;
  /** Run steps 1..stopAfter only (default: all). */
  stopAfter?: number;
}

export interface TimelineRun {
  steps: TimelineStepResult[];
  /** With `keepSnapshots`: the state before any step, then after each; else only the last one. */
  snapshots: SimulationResult[];
}

export function runTimeline(state: ClusterState, timeline: Timeline, options: RunTimelineOptions = {}): TimelineRun {
  const lifecycle = new NodeLifecycle();
  for (const n of state.topology.nodes) if (!n.ready && n.networkReady) lifecycle.nodeLost(n.name, state.now);
  let previous = buildResult(state);
  const snapshots: SimulationResult[] = [previous];
  const steps: TimelineStepResult[] = [];
  const last = Math.min(timeline.steps.length, options.stopAfter ?? timeline.steps.length);
  for (const step of timeline.steps.slice(0, last)) {
    const at = state.now + step.after;
    for (const due of lifecycle.due(at)) {
      state.now = due.at;
      lifecycle.evict(state, due.node);
      reconcile(state);
    }
    state.now = at;
    const eventsBefore = state.events.length;
    const outcome = executeStep(state, step, lifecycle);
    reconcile(state);
    const next = buildResult(state);
    const diagnostics = [...step.diagnostics, ...outcome.diagnostics, ...state.events.slice(eventsBefore)];
    const ok = outcome.ok && !diagnostics.some((d) => d.severity === 'error');
    steps.push({
      index: step.index,
      ...(step.name !== undefined ? { name: step.name } : {}),
      at,
      action: outcome.action,
      output: outcome.output,
      ok,
      changes: diffResults(previous, next),
      diagnostics: dedupeDiagnostics(diagnostics),
    });
    if (options.keepSnapshots) snapshots.push(next);
    else snapshots[0] = next;
    previous = next;
  }
  return { steps, snapshots };
}

interface StepOutcome {
  action: string;
  output: string;
  ok: boolean;
  diagnostics: Diagnostic[];
}

function executeStep(state: ClusterState, step: TimelineStep, lifecycle: NodeLifecycle): StepOutcome {
  const a = step.action;
  switch (a.kind) {
    case 'invalid':
      return { action: 'invalid step', output: '', ok: false, diagnostics: [] };
    case 'kubectl':
      return runKubectl(state, step, a.command);
    case 'apply':
      return runApply(state, step, a.documents);
    case 'podReady':
      return podReady(state, step, a);
    case 'nodeReady': {
      const action = `nodeReady ${a.node} ${a.ready}`;
      const node = nodeByName(state, a.node);
      if (!node) return failed(step, 'nodeReady', action, `Error from server (NotFound): nodes "${a.node}" not found\n`, `nodes ${JSON.stringify(a.node)} not found`, `nodes: ${state.topology.nodes.map((n) => n.name).join(', ')}`);
      node.ready = a.ready;
      if (a.ready) {
        delete node.notReadyMessage;
        lifecycle.nodeBack(node.name);
      } else {
        node.notReadyMessage = NODE_LOST_MESSAGE;
        lifecycle.nodeLost(node.name, state.now);
      }
      return { action, output: '', ok: true, diagnostics: [] };
    }
  }
}

/** A failed step: kubectl's words in the output, and a warning located at the step's action. */
function failed(step: TimelineStep, field: string, action: string, output: string, message: string, hint?: string): StepOutcome {
  const pos = step.locate(field);
  return {
    action,
    output,
    ok: false,
    diagnostics: [{ severity: 'warning', message: `step ${step.index} failed: ${message}`, path: `steps[${step.index - 1}].${field}`, file: step.file, line: pos.line, column: pos.column, object: 'Timeline', ...(hint ? { hint } : {}) }],
  };
}

function runKubectl(state: ClusterState, step: TimelineStep, command: string): StepOutcome {
  let pipelines;
  try {
    pipelines = parseCommandLine(command);
  } catch (err) {
    if (!(err instanceof ShellSyntaxError)) throw err;
    return failed(step, 'kubectl', command, `bash: ${err.message}\n`, err.message);
  }
  if (pipelines.length !== 1 || pipelines[0].commands.length !== 1) return failed(step, 'kubectl', command, '', 'a step runs one kubectl command (no pipes or lists)', 'split it into one step per command');
  let [name, ...argv] = pipelines[0].commands[0];
  if (name === 'sudo') [name, ...argv] = argv;
  if (name !== 'kubectl' && name !== 'k') return failed(step, 'kubectl', command, `bash: ${name}: command not found\n`, `${name} is not kubectl`, 'write the command as kubectl ...');
  const pos = step.locate('kubectl');
  const ctx: MutationContext = {
    state,
    namespace: 'default',
    adopt: (yaml) => {
      const sink: Diagnostic[] = [];
      const loaded = loadDocuments([{ name: step.file, content: yaml }]);
      const scenario = convertDocuments(loaded.documents, sink);
      const at = (d: Diagnostic): Diagnostic => ({ ...d, file: step.file, line: pos.line, column: pos.column });
      const located = [...loaded.syntaxErrors, ...sink].map(at);
      state.events.push(...located.filter((d) => d.severity !== 'error'));
      for (const o of scenario.objects) relocate(o, step.file, pos);
      return { objects: scenario.objects, errors: located.filter((d) => d.severity === 'error').map((d) => d.message), diagnostics: located };
    },
  };
  const out = kubectlMutate(ctx, argv);
  if (out.exitCode !== 0) {
    const firstError = out.stderr.split('\n').find((l) => l.trim() !== '' && !l.startsWith('Warning:')) ?? `exit status ${out.exitCode}`;
    return failed(step, 'kubectl', command, out.transcript, firstError);
  }
  return { action: command, output: out.transcript, ok: true, diagnostics: [] };
}

/** Objects kubectl built have no document: diagnostics about them point at the step's command. */
function relocate(o: ScenarioObject, file: string, pos: { line: number; column: number }): void {
  if (!o.object.origin) return;
  o.object.origin = { file, label: o.object.origin.label, locate: () => pos, has: () => false };
}

function runApply(state: ClusterState, step: TimelineStep, documents: Parameters<typeof convertDocuments>[0]): StepOutcome {
  const sink: Diagnostic[] = [];
  const scenario = convertDocuments(documents, sink);
  const action = `apply (${documents.length} ${documents.length === 1 ? 'object' : 'objects'})`;
  // kubectl apply prints one line per object in document order: refusals in the API server's words.
  const lines: { line: number; text: string }[] = [];
  for (const d of sink) if (d.severity === 'error') lines.push({ line: d.line ?? 0, text: d.message });
  const applicable: ScenarioObject[] = [];
  for (const o of scenario.objects) {
    const pos = o.object.origin?.locate() ?? step.locate('apply');
    if (TOPOLOGY_KINDS.has(o.kind)) {
      sink.push({ severity: 'warning', message: `${o.kind} describes the cluster itself; it is read once from the scenario, so applying it in a step changes nothing`, file: step.file, line: pos.line, column: pos.column, object: o.kind });
      continue;
    }
    applicable.push(o);
  }
  const verbs = applicable.map((o) => {
    const { namespace, name } = objectIdentity(o);
    const key = objectKey(o.kind, namespace, name);
    const old = state.store.get(key);
    return { key, o, namespace, name, verb: !old ? 'created' : sameModel(old.object, o.object) ? 'unchanged' : 'configured' };
  });
  applyObjects(state, applicable);
  for (const { key, o, namespace, name, verb } of verbs) {
    const type = resolveResourceType(o.kind);
    const prefix = type ? kindPrefix(type) : o.kind.toLowerCase();
    const line = o.object.origin?.locate().line ?? 0;
    if (state.store.has(key)) lines.push({ line, text: `${prefix}/${name} ${verb}` });
    else lines.push({ line, text: `Error from server (NotFound): error when creating "${step.file}": namespaces "${namespace}" not found` });
  }
  // Problems with the step's manifests are problems with the scenario: reported with it too.
  state.events.push(...sink);
  const output = lines
    .sort((a, b) => a.line - b.line)
    .map((l) => `${l.text}\n`)
    .join('');
  return { action, output, ok: true, diagnostics: [] };
}

/** Same object as stored, where it came from aside (kubectl apply's `unchanged`). */
function sameModel(a: unknown, b: unknown): boolean {
  const strip = (_k: string, v: unknown) => (_k === 'origin' ? undefined : v);
  return JSON.stringify(a, strip) === JSON.stringify(b, strip);
}

function podReady(state: ClusterState, step: TimelineStep, a: Extract<TimelineStep['action'], { kind: 'podReady' }>): StepOutcome {
  const target = a.pod ?? `-l ${a.selector}`;
  const action = `podReady ${a.namespace === 'default' ? '' : `-n ${a.namespace} `}${target} ${a.ready}`;
  let pods;
  if (a.pod !== undefined) {
    const s = state.pods.get(`${a.namespace}/${a.pod}`);
    if (!s) return failed(step, 'podReady', action, `Error from server (NotFound): pods "${a.pod}" not found\n`, `pods ${JSON.stringify(a.pod)} not found`, "Pods made by a controller have generated names: select them with selector: instead");
    pods = [s];
  } else {
    let reqs;
    try {
      reqs = parseSelector(a.selector!);
    } catch (err) {
      if (!(err instanceof SelectorSyntaxError)) throw err;
      return failed(step, 'podReady', action, `error: ${err.message}\n`, err.message);
    }
    pods = [...state.pods.values()].filter((s) => s.pod.meta.namespace === a.namespace && selectorMatches(reqs, s.pod.meta.labels));
    if (pods.length === 0) return failed(step, 'podReady', action, `No resources found in ${a.namespace} namespace.\n`, `no Pod in namespace ${a.namespace} matches ${a.selector}`);
  }
  // A readiness probe that starts failing (or passing) flips the Ready condition; the Pod keeps running.
  for (const s of pods) s.readyOverride = a.ready;
  return { action, output: '', ok: true, diagnostics: [] };
}
