import { renderHttpResponse, type ProbeResults, type SimulationResult as EngineResult } from '../../engine';
import type { Label, SimulationResult } from './models/simulation-result.model';
import { SimulationPriority, SimulationRun, SimulationStatus } from './models/simulation-run.model';
import type { SimulationsRepository } from './simulations.repository';

type RunRecord = NonNullable<Awaited<ReturnType<SimulationsRepository['findRun']>>>;

/** Result fields that hold a string map; the API shows them as sorted key/value lists. */
const MAP_FIELDS = new Set(['labels', 'annotations', 'allocatable', 'nodeSelector', 'matchLabels']);

const toLabels = (map: Record<string, string> | undefined | null): Label[] =>
  Object.keys(map ?? {})
    .sort()
    .map((key) => ({ key, value: map![key] }));

function mapFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mapFields);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      MAP_FIELDS.has(key) && field && typeof field === 'object' && !Array.isArray(field)
        ? toLabels(field as Record<string, string>)
        : mapFields(field),
    ]),
  );
}

/** The stored engine result as the API shows it: string maps become sorted key/value lists. */
export function toSimulationResult(result: EngineResult & { probes?: ProbeResults }): SimulationResult {
  // A Service's selector is a plain map (null without one); workloads carry a LabelSelector.
  const services = result.services.map((service) => ({ ...service, selector: toLabels(service.selector) }));
  const probes = result.probes && {
    ...result.probes,
    dns: result.probes.dns ?? [],
    reach: result.probes.reach ?? [],
    // An Ingress controller's decision: the rule as `host path (pathType)`, its own response as curl -i prints it.
    traces: result.probes.traces.map((t) =>
      t.trace?.http ? { ...t, trace: { ...t.trace, http: { ...t.trace.http, rule: t.trace.http.rule && `${t.trace.http.rule.host || '*'} ${t.trace.http.rule.path} (${t.trace.http.rule.pathType})`, response: t.trace.http.response && renderHttpResponse(t.trace.http.response) } } } : t,
    ),
  };
  return mapFields({ ...result, services, ...(probes ? { probes } : {}) }) as SimulationResult;
}

export function toSimulationRun(run: RunRecord): SimulationRun {
  return {
    id: run.id,
    status: run.status as SimulationStatus,
    priority: run.priority as SimulationPriority,
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
