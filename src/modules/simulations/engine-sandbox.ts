import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Probes } from '../../engine';

export type SandboxOutcome =
  | { ok: true; result: unknown }
  /** `engine`: the engine threw (bad input, or a bug); `timeout` / `memory`: a limit was hit. */
  | { ok: false; kind: 'engine' | 'timeout' | 'memory'; message: string };

export interface SandboxLimits {
  timeoutMs: number;
  memoryMb: number;
}

/**
 * Simulates a scenario in its own worker thread with a heap limit and a deadline
 * (worker_threads resourceLimits; terminate() at the deadline): hitting either fails the
 * run with that reason and leaves the worker process and its other jobs running.
 */
export function runInSandbox(input: { sourceName: string; content: string; probes: Probes }, limits: SandboxLimits): Promise<SandboxOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(join(__dirname, 'engine-thread.js'), {
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(limits.memoryMb / 8))) },
    });
    let settled = false;
    const settle = (outcome: SandboxOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ ok: false, kind: 'timeout', message: `the simulation exceeded its time limit of ${limits.timeoutMs} ms` }), limits.timeoutMs);
    worker.once('message', (m: { ok: true; result: unknown } | { ok: false; message: string }) => settle(m.ok ? m : { ok: false, kind: 'engine', message: m.message }));
    worker.once('error', (error: Error & { code?: string }) =>
      settle(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { ok: false, kind: 'memory', message: `the simulation exceeded its memory limit of ${limits.memoryMb} MiB` } : { ok: false, kind: 'engine', message: error.message }),
    );
    worker.once('exit', (code) => settle({ ok: false, kind: 'engine', message: `the simulation thread stopped (exit code ${code})` }));
  });
}
