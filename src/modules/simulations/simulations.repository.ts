import { Injectable } from '@nestjs/common';
import { Prisma, RunPriority, RunStatus } from '../../generated/prisma/client';
import { PrismaService } from '../../platform/prisma/prisma.service';
import type { ScenarioScope } from '../scenarios/scenarios.repository';

const withVersion = { version: { select: { scenarioId: true, number: true } } };

/**
 * The only file of the simulations feature that touches Prisma. What a request reaches
 * (findRun) is scoped to the caller's organization through the run's scenario; the rest
 * serves the worker, which acts on run ids it was given, never on a caller's behalf.
 */
@Injectable()
export class SimulationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  createRun(versionId: string, probes: Prisma.InputJsonValue = {}, priority: RunPriority = RunPriority.interactive) {
    return this.prisma.simulationRun.create({ data: { versionId, probes, priority }, include: withVersion });
  }

  /** Raises a still-queued batch run to interactive; whether it was raised. */
  async promote(id: string): Promise<boolean> {
    const { count } = await this.prisma.simulationRun.updateMany({
      where: { id, status: RunStatus.queued, priority: RunPriority.batch },
      data: { priority: RunPriority.interactive },
    });
    return count === 1;
  }

  /** The organization's unfinished (queued or running) runs, for its cap. */
  countActiveRuns(organizationId: string) {
    return this.prisma.simulationRun.count({
      where: { status: { in: [RunStatus.queued, RunStatus.running] }, version: { scenario: { organizationId } } },
    });
  }

  /**
   * A run that already does this work: the same version and probes, finished by this engine
   * version, or still queued or running (it will be). The engine is deterministic, so its
   * result is the one a new run would compute.
   */
  findReusableRun(versionId: string, probes: Prisma.InputJsonValue, engineVersion: string) {
    return this.prisma.simulationRun.findFirst({
      where: {
        versionId,
        probes: { equals: probes },
        OR: [{ status: RunStatus.succeeded, engineVersion }, { status: { in: [RunStatus.queued, RunStatus.running] } }],
      },
      orderBy: { queuedAt: 'desc' },
      include: withVersion,
    });
  }

  findRun(scope: ScenarioScope, id: string) {
    return this.prisma.simulationRun.findFirst({ where: { id, version: { scenario: scope } }, include: withVersion });
  }

  /** The run with its version's content, for the worker. */
  findRunWithContent(id: string) {
    return this.prisma.simulationRun.findUnique({ where: { id }, include: { version: true } });
  }

  /**
   * Marks a run running and counts the attempt, unless it already finished (a duplicate
   * delivery of a job whose result is stored). Returns whether the worker should go on.
   */
  async startAttempt(id: string): Promise<boolean> {
    const { count } = await this.prisma.simulationRun.updateMany({
      where: { id, status: { in: [RunStatus.queued, RunStatus.running] } },
      data: { status: RunStatus.running, attempts: { increment: 1 }, startedAt: new Date(), error: null },
    });
    return count === 1;
  }

  succeed(id: string, result: Prisma.InputJsonValue, engineVersion: string, durationMs: number) {
    return this.prisma.simulationRun.update({
      where: { id },
      data: { status: RunStatus.succeeded, result, engineVersion, durationMs, finishedAt: new Date(), error: null },
    });
  }

  fail(id: string, error: string, engineVersion?: string) {
    return this.prisma.simulationRun.updateMany({
      where: { id, status: { in: [RunStatus.queued, RunStatus.running] } },
      data: { status: RunStatus.failed, error, engineVersion, finishedAt: new Date() },
    });
  }

  /** Puts a run back in the queue's hands (its job was lost). */
  requeue(id: string) {
    return this.prisma.simulationRun.updateMany({
      where: { id, status: { in: [RunStatus.queued, RunStatus.running] } },
      data: { status: RunStatus.queued },
    });
  }

  /** Unfinished runs not touched since `before`: candidates for the reconciler. */
  findStale(before: Date, take = 100) {
    return this.prisma.simulationRun.findMany({
      where: { status: { in: [RunStatus.queued, RunStatus.running] }, updatedAt: { lt: before } },
      select: { id: true, status: true, priority: true },
      orderBy: { updatedAt: 'asc' },
      take,
    });
  }
}
