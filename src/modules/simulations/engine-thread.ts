/**
 * Runs one simulation (and its probes) in a worker thread, so that a runaway scenario hits
 * the thread's heap limit or its deadline instead of taking the worker process down
 * (engine-sandbox.ts starts it). Plain Node: no framework is loaded here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runProbes, simulate, type Probes } from '../../engine';

interface Input {
  sourceName: string;
  content: string;
  probes: Probes;
}

const { sourceName, content, probes } = workerData as Input;
try {
  const simulation = simulate([{ name: sourceName, content }]);
  const asked = probes.traces || probes.commands || probes.dns || probes.reach;
  parentPort!.postMessage({ ok: true, result: asked ? { ...simulation, probes: runProbes(simulation, probes) } : simulation });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
