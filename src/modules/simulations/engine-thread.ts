/**
 * A simulation thread (engine-sandbox.ts keeps a few alive): each message is one job — a
 * scenario and its probes, or a submission and a lab's checks — answered with the result or
 * the engine's error. Plain Node: no framework is loaded here.
 */
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { gradeSubmission, runProbes, simulate, simulateSubmission, type Check, type Probes } from '../../engine';

export type ThreadJob =
  | { kind: 'simulate'; sourceName: string; content: string; probes: Probes }
  | { kind: 'grade'; sourceName: string; content: string; checks: Check[]; seed: string };

/**
 * Simulations of submitted manifests, by content hash: a class handing in the same starter, or
 * a student's manifests graded again after a regrade, is simulated once per thread. The engine
 * is deterministic, so the cached result is the one a new simulation would give.
 */
const simulations = new Map<string, ReturnType<typeof simulateSubmission>>();
const CACHED_SIMULATIONS = 16;

function cachedSimulation(sourceName: string, content: string) {
  const key = createHash('sha256').update(content).digest('hex');
  let simulation = simulations.get(key);
  if (simulation) simulations.delete(key); // re-inserted below: most recently used last
  else simulation = simulateSubmission(content, sourceName);
  simulations.set(key, simulation);
  if (simulations.size > CACHED_SIMULATIONS) simulations.delete(simulations.keys().next().value!);
  return simulation;
}

function answer(job: ThreadJob): unknown {
  if (job.kind === 'grade') {
    const simulation = cachedSimulation(job.sourceName, job.content);
    if (!simulation.ok) return { gradable: false, errors: simulation.errors };
    return gradeSubmission(job.content, job.checks, { seed: job.seed, sourceName: job.sourceName, simulation: simulation.result });
  }
  const result = simulate([{ name: job.sourceName, content: job.content }]);
  const asked = job.probes.traces || job.probes.commands || job.probes.dns || job.probes.reach;
  return asked ? { ...result, probes: runProbes(result, job.probes) } : result;
}

parentPort!.on('message', (job: ThreadJob) => {
  try {
    parentPort!.postMessage({ ok: true, result: answer(job) });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
