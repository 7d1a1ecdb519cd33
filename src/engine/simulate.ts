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

export function simulate(sources: ManifestSource[], options: SimulateOptions = {}): SimulationResult {
  const state = simulateState(sources, options);
  state.now = options.now ?? 0;
  return buildResult(state);
}

/**
 * The cluster state `simulate` takes its snapshot of: a fresh cluster of the scenario's
 * topology, the scenario applied at time 0, one reconcile pass. A timeline continues from
 * here (mutate, advance `state.now`, `reconcile`, `buildResult`).
 */
export function simulateState(sources: ManifestSource[], options: SimulateOptions = {}): ClusterState {
  const diagnostics: Diagnostic[] = [];
  const scenario = convertSources(sources, diagnostics);
  const topology = buildTopology(scenario, diagnostics);
  const state = createClusterState(topology, { seed: options.seed ?? '', now: 0 });
  state.events.push(...diagnostics);
  applyObjects(state, scenario.objects);
  reconcile(state);
  return state;
}

/** Reads and converts manifests (for a later `applyObjects`); throws `ManifestSyntaxError` on unreadable text. */
export function convertSources(sources: ManifestSource[], sink: Diagnostic[]): Scenario {
  const loaded = loadDocuments(sources);
  if (loaded.syntaxErrors.length > 0) throw new ManifestSyntaxError(loaded.syntaxErrors);
  return convertDocuments(loaded.documents, sink);
}
