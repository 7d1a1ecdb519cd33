/**
 * A simulation thread (engine-sandbox.ts keeps a few alive): each message is one run — a
 * scenario and its probes — answered with the result or the engine's error. Plain Node: no
 * framework is loaded here.
 */
import { parentPort } from 'node:worker_threads';
import { runProbes, simulate, type Probes } from '../../engine';

interface Job {
  sourceName: string;
  content: string;
  probes: Probes;
}

parentPort!.on('message', ({ sourceName, content, probes }: Job) => {
  try {
    const simulation = simulate([{ name: sourceName, content }]);
    const asked = probes.traces || probes.commands || probes.dns || probes.reach;
    parentPort!.postMessage({ ok: true, result: asked ? { ...simulation, probes: runProbes(simulation, probes) } : simulation });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
