/**
 * `simulate`: manifests → what a kind cluster would show after `kubectl apply`.
 *
 * load (kubectl) → convert + validate (API server; manifest/convert) → topology from the
 * cluster documents (cluster/topology-config.ts) → a fresh cluster (state.ts) → apply
 * (apply.ts: admission) → one reconcile pass (reconcile.ts: the controllers, scheduler,
 * kubelets, allocators) → the result (build-result.ts).
 *
 * Objects are applied in input order (sources in the order given, documents in file
 * order) at time 0 on the scenario clock; Pods are created in that order too, after the
 * system Pods a fresh kind cluster already runs.
 */
import { ManifestSyntaxError, type Diagnostic } from './diagnostic';
import type { Scenario } from './model';
import type { SimulateOptions, SimulationResult } from './result';
import { loadDocuments, type ManifestSource } from './manifest/load';
import { convertDocuments } from './manifest/convert';
import { buildTopology } from './cluster/topology-config';
import { createClusterState, type ClusterState } from './state';
import { applyObjects } from './apply';
import { reconcile } from './reconcile';
import { buildResult } from './build-result';
import { extractTimeline, type Timeline } from './timeline/format';
import { runTimeline } from './timeline/run';
import type { TimelineStepResult } from './timeline/types';

export function simulate(sources: ManifestSource[], options: SimulateOptions = {}): SimulationResult {
  const { state, timeline } = prepareScenario(sources, options);
  if (!timeline) {
    state.now = options.now ?? 0;
    return buildResult(state);
  }
  const run = runTimeline(state, timeline, { stopAfter: options.atStep });
  return withTimeline(run.snapshots[run.snapshots.length - 1], run.steps, options);
}

/** A scenario with a Timeline, run step by step. */
export interface TimelineSimulation {
  /** The state after the last step run, with `timeline.steps` (what `simulate` returns). */
  final: SimulationResult;
  /** Every step run, in order. */
  steps: TimelineStepResult[];
  /** `snapshots[k]`: the state after step k (`[0]`: the scenario applied, before any step). No `timeline` field. */
  snapshots: SimulationResult[];
}

/**
 * Runs the scenario's Timeline keeping the state after every step (for `--step N` views and
 * step-by-step displays). Without a Timeline: no steps, one snapshot. `options.atStep` stops early.
 */
export function simulateTimeline(sources: ManifestSource[], options: SimulateOptions = {}): TimelineSimulation {
  const { state, timeline } = prepareScenario(sources, options);
  if (!timeline) {
    state.now = options.now ?? 0;
    const only = buildResult(state);
    return { final: only, steps: [], snapshots: [only] };
  }
  const run = runTimeline(state, timeline, { keepSnapshots: true, stopAfter: options.atStep });
  return { final: withTimeline(run.snapshots[run.snapshots.length - 1], run.steps, options), steps: run.steps, snapshots: run.snapshots };
}

/** The timeline's clock decides `now`; `options.now` can only move the observation later. */
function withTimeline(result: SimulationResult, steps: TimelineStepResult[], options: SimulateOptions): SimulationResult {
  const now = Math.max(result.now, options.now ?? 0);
  return { ...result, now, timeline: { steps } };
}

/**
 * The cluster state `simulate` takes its snapshot of: a fresh cluster of the scenario's
 * topology, the scenario applied at time 0, one reconcile pass. A timeline continues from
 * here (mutate, advance `state.now`, `reconcile`, `buildResult`). A `Timeline` document is
 * left out (its format problems are reported); `simulate` runs it.
 */
export function simulateState(sources: ManifestSource[], options: SimulateOptions = {}): ClusterState {
  return prepareScenario(sources, options).state;
}

function prepareScenario(sources: ManifestSource[], options: SimulateOptions): { state: ClusterState; timeline?: Timeline } {
  const diagnostics: Diagnostic[] = [];
  const loaded = loadDocuments(sources);
  if (loaded.syntaxErrors.length > 0) throw new ManifestSyntaxError(loaded.syntaxErrors);
  const { timeline, documents } = extractTimeline(loaded.documents, sources, diagnostics);
  // A malformed step is reported with the scenario, whichever step is looked at.
  for (const step of timeline?.steps ?? []) diagnostics.push(...step.diagnostics);
  const scenario = convertDocuments(documents, diagnostics);
  const topology = buildTopology(scenario, diagnostics);
  const state = createClusterState(topology, { seed: options.seed ?? '', now: 0 });
  state.events.push(...diagnostics);
  applyObjects(state, scenario.objects);
  reconcile(state);
  return { state, ...(timeline ? { timeline } : {}) };
}

/** Reads and converts manifests (for a later `applyObjects`); throws `ManifestSyntaxError` on unreadable text. */
export function convertSources(sources: ManifestSource[], sink: Diagnostic[]): Scenario {
  const loaded = loadDocuments(sources);
  if (loaded.syntaxErrors.length > 0) throw new ManifestSyntaxError(loaded.syntaxErrors);
  return convertDocuments(loaded.documents, sink);
}
