import type { SimulationResult as EngineResult } from '../../engine';
import type { Label, SimulationResult } from './models/simulation-result.model';
import { SimulationRun, SimulationStatus } from './models/simulation-run.model';
import type { SimulationsRepository } from './simulations.repository';

type RunRecord = NonNullable<Awaited<ReturnType<SimulationsRepository['findRun']>>>;

const toLabels = (map: Record<string, string> | undefined | null): Label[] =>
  Object.keys(map ?? {})
    .sort()
    .map((key) => ({ key, value: map![key] }));

/** The stored engine result as the API shows it: maps become sorted key/value lists. */
export function toSimulationResult(result: EngineResult): SimulationResult {
  return {
    ...result,
    pods: result.pods.map((pod) => ({ ...pod, labels: toLabels(pod.labels) })),
    services: result.services.map((service) => ({ ...service, selector: toLabels(service.selector) })),
  } as SimulationResult;
}

export function toSimulationRun(run: RunRecord): SimulationRun {
  return {
    id: run.id,
    status: run.status as SimulationStatus,
    scenarioId: run.version.scenarioId,
    versionNumber: run.version.number,
    error: run.error,
    engineVersion: run.engineVersion,
    attempts: run.attempts,
    durationMs: run.durationMs,
    queuedAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    result: run.result ? toSimulationResult(run.result as unknown as EngineResult) : null,
  };
}
