import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { ENGINE_VERSION, type Probes } from '../../engine';
import { SimulationSandbox } from './engine-sandbox';
import { RunEvents } from '../../platform/events/run-events';
import type { Prisma } from '../../generated/prisma/client';
import { queueWait, runDuration, runsFinished } from '../../platform/metrics/metrics';
import { SCENARIO_SOURCE_NAME } from '../scenarios/scenarios.service';
import { SimulationsRepository } from './simulations.repository';
import { WebhookEvents } from '../webhooks/webhook-events.service';

/**
 * Runs one simulation job, in a worker thread with a time and memory limit
 * (engine-sandbox.ts). The engine is deterministic, so an engine error (bad input, or a bug)
 * or a limit hit fails the run at once with that reason; only infrastructure errors (the
 * database) escape, and BullMQ retries those with backoff.
 */
@Injectable()
export class SimulationProcessor {
  private readonly logger = new Logger(SimulationProcessor.name);

  constructor(
    private readonly repository: SimulationsRepository,
    private readonly sandbox: SimulationSandbox,
    private readonly events: RunEvents,
    private readonly webhooks: WebhookEvents,
  ) {}

  async process(runId: string): Promise<void> {
    const started = performance.now();
    const end = runDuration.startTimer();
    try {
      await this.attempt(runId, started);
    } catch (error) {
      end({ status: 'error' }); // an infrastructure error: BullMQ retries or gives up
      throw error;
    }
  }

  private async attempt(runId: string, started: number): Promise<void> {
    if (!(await this.repository.startAttempt(runId))) return; // finished already, or gone
    const run = await this.repository.findRunWithContent(runId);
    if (!run) return;
    if (run.attempts === 1 && run.startedAt) queueWait.observe(Math.max(0, run.startedAt.getTime() - run.queuedAt.getTime()) / 1000);
    this.logger.log(`run ${runId} started (attempt ${run.attempts})`);
    this.events.publish({ topic: `run:${runId}`, status: 'running' });

    const outcome = await this.sandbox.run({ kind: 'simulate', sourceName: SCENARIO_SOURCE_NAME, content: run.version.content, probes: run.probes as Probes });
    if (!outcome.ok) {
      this.logger.warn(`run ${runId} failed (${outcome.kind}): ${outcome.message}`);
      await this.repository.fail(runId, outcome.message, ENGINE_VERSION);
      this.events.publish({ topic: `run:${runId}`, status: 'failed' });
      this.finished('failed', started);
      await this.announce(runId);
      return;
    }
    const durationMs = Math.round(performance.now() - started);
    await this.repository.succeed(runId, outcome.result as Prisma.InputJsonValue, ENGINE_VERSION, durationMs);
    this.events.publish({ topic: `run:${runId}`, status: 'succeeded' });
    this.finished('succeeded', started);
    this.logger.log(`run ${runId} succeeded in ${durationMs} ms`);
    await this.announce(runId);
  }

  /**
   * Emits run.finished to the organization's webhooks. The run's outcome is stored already,
   * and a retried job would find it finished and stop: a failure here is logged, not thrown.
   */
  private async announce(runId: string): Promise<void> {
    await this.webhooks.runFinished(runId).catch((error: Error) => this.logger.error(`run ${runId}: run.finished webhooks not recorded: ${error.message}`));
  }

  private finished(status: 'succeeded' | 'failed', started: number): void {
    runDuration.observe({ status }, (performance.now() - started) / 1000);
    runsFinished.inc({ status });
  }

  /** The queue gave up on a job (attempts used up, or stalled too often). */
  async giveUp(runId: string, reason: string): Promise<void> {
    const { count } = await this.repository.fail(runId, `gave up after repeated failures: ${reason}`);
    if (count > 0) runsFinished.inc({ status: 'failed' });
    this.logger.error(`run ${runId} gave up after repeated failures: ${reason}`);
    if (count > 0) await this.announce(runId);
  }
}
