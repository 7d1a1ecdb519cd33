import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ThreadJob } from './engine-thread';

export type SandboxOutcome =
  | { ok: true; result: unknown }
  /** `engine`: the engine threw (bad input, or a bug); `timeout` / `memory`: a limit was hit. */
  | { ok: false; kind: 'engine' | 'timeout' | 'memory'; message: string };

export interface SandboxLimits {
  timeoutMs: number;
  memoryMb: number;
}

export type SandboxJob = ThreadJob;

/**
 * Simulations run in worker threads with a heap limit (worker_threads resourceLimits) and a
 * deadline: a run that hits either fails with that reason, its thread is discarded, and the
 * worker process and its other jobs go on. Threads are kept between runs (starting one and
 * loading the engine costs more than a small simulation).
 */
export class SimulationSandbox {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();

  constructor(private readonly limits: SandboxLimits) {}

  run(job: SandboxJob): Promise<SandboxOutcome> {
    const worker = this.idle.pop() ?? this.spawn();
    const { timeoutMs, memoryMb } = this.limits;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: SandboxOutcome, reusable: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (reusable) this.idle.push(worker);
        else this.discard(worker);
        resolve(outcome);
      };
      const onMessage = (m: { ok: true; result: unknown } | { ok: false; message: string }) => finish(m.ok ? m : { ok: false, kind: 'engine', message: m.message }, true);
      const onError = (error: Error & { code?: string }) =>
        finish(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { ok: false, kind: 'memory', message: `the simulation exceeded its memory limit of ${memoryMb} MiB` } : { ok: false, kind: 'engine', message: error.message }, false);
      const onExit = (code: number) => finish({ ok: false, kind: 'engine', message: `the simulation thread stopped (exit code ${code})` }, false);
      const timer = setTimeout(() => finish({ ok: false, kind: 'timeout', message: `the simulation exceeded its time limit of ${timeoutMs} ms` }, false), timeoutMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(job);
    });
  }

  /** Nest calls this when the worker process shuts down. */
  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  /** Stops every thread (the worker process is shutting down). */
  async close(): Promise<void> {
    await Promise.all([...this.all].map((w) => w.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private spawn(): Worker {
    const { memoryMb } = this.limits;
    const worker = new Worker(join(__dirname, 'engine-thread.js'), {
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(memoryMb / 8))) },
    });
    worker.unref();
    this.all.add(worker);
    return worker;
  }

  private discard(worker: Worker): void {
    this.all.delete(worker);
    void worker.terminate();
  }
}
