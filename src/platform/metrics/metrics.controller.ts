import { Public } from '../http/public';
import { NoRateLimit } from '../rate-limit/no-rate-limit';
import { Controller, Get, Logger, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PrismaService } from '../prisma/prisma.service';
import { SimulationQueue } from '../queue/queue.module';
import { SIMULATION_QUEUE } from '../queue/queue.constants';
import { dependencyUp, queueJobs, registry, runsByStatus } from './metrics';
import { withTimeout } from './with-timeout';

const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;
const SCRAPE_TIMEOUT_MS = 2000;

/** GET /metrics (public): Prometheus text format; run and queue gauges are read at scrape time. */
@Public()
@NoRateLimit()
@Controller('metrics')
export class MetricsController {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: SimulationQueue,
  ) {}

  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    await Promise.all([this.readRuns(), this.readQueue()]);
    response.setHeader('Content-Type', registry.contentType);
    response.send(await registry.metrics());
  }

  private async readRuns(): Promise<void> {
    try {
      const groups = await withTimeout(this.prisma.simulationRun.groupBy({ by: ['status'], _count: { _all: true } }), SCRAPE_TIMEOUT_MS, 'postgres');
      for (const status of RUN_STATUSES) runsByStatus.set({ status }, groups.find((g) => g.status === status)?._count._all ?? 0);
      dependencyUp.set({ dependency: 'postgres' }, 1);
    } catch (error) {
      // Stale numbers would look real: drop them until the database answers again.
      runsByStatus.reset();
      dependencyUp.set({ dependency: 'postgres' }, 0);
      this.logger.warn(`scrape: runs by status unavailable: ${(error as Error).message}`);
    }
  }

  private async readQueue(): Promise<void> {
    try {
      const counts = await withTimeout(this.queue.queue.getJobCounts(...JOB_STATES), SCRAPE_TIMEOUT_MS, 'redis');
      for (const state of JOB_STATES) queueJobs.set({ queue: SIMULATION_QUEUE, state }, counts[state] ?? 0);
      dependencyUp.set({ dependency: 'redis' }, 1);
    } catch (error) {
      queueJobs.reset();
      dependencyUp.set({ dependency: 'redis' }, 0);
      this.logger.warn(`scrape: queue depth unavailable: ${(error as Error).message}`);
    }
  }
}
