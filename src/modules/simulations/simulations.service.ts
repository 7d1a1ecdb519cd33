import { Injectable, Logger } from '@nestjs/common';
import { checkProbes, ENGINE_VERSION, type Probes } from '../../engine';
import type { Prisma } from '../../generated/prisma/client';
import { InvalidInputError, NotFoundError } from '../../platform/errors/domain-errors';
import { SimulationQueue } from '../../platform/queue/queue.module';
import { isUuid } from '../../platform/util/uuid';
import type { Caller } from '../auth/permissions';
import { ScenariosService } from '../scenarios/scenarios.service';
import { SimulationsRepository } from './simulations.repository';

@Injectable()
export class SimulationsService {
  private readonly logger = new Logger(SimulationsService.name);

  constructor(
    private readonly repository: SimulationsRepository,
    private readonly scenarios: ScenariosService,
    private readonly queue: SimulationQueue,
  ) {}

  /**
   * Records a queued run of a scenario version (the latest when none is named) and hands
   * it to the queue — unless a run of the same version and probes on this engine version
   * exists (finished or under way): that run is returned, and nothing is computed twice. The run is stored first: if Redis is unreachable the run stays
   * queued and the worker's reconciler enqueues it later, so no request is lost.
   */
  async start(caller: Caller, scenarioId: string, versionNumber?: number, probes: Probes = {}) {
    const problems = checkProbes(probes);
    if (problems.length > 0) throw new InvalidInputError(`invalid probes: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, [], { problems });
    const scenario = await this.scenarios.get(caller, scenarioId);
    this.scenarios.assertActive(scenario, 'queue a run');
    const version =
      versionNumber === undefined ? scenario.versions[0] : await this.scenarios.getVersion(caller, scenarioId, versionNumber);
    const asked = plainProbes(probes);
    // Identical work is done once: the same version, probes and engine version share one run
    // (a version belongs to one scenario, so to the caller's organization).
    const reusable = await this.repository.findReusableRun(version.id, asked, ENGINE_VERSION);
    if (reusable) return reusable;
    const run = await this.repository.createRun(version.id, asked);
    try {
      await this.queue.enqueue(run.id);
    } catch (error) {
      this.logger.warn(`run ${run.id} stored but not enqueued yet: ${(error as Error).message}`);
    }
    return run;
  }

  async get(caller: Caller, id: string) {
    const run = isUuid(id) ? await this.repository.findRun(caller.organizationId, id) : null;
    if (!run) throw new NotFoundError('SimulationRun', id);
    return run;
  }
}

/** Probes as stored: plain JSON, only the kinds asked for. */
function plainProbes(probes: Probes): Prisma.InputJsonObject {
  const asked = Object.fromEntries(Object.entries(probes).filter(([, list]) => Array.isArray(list) && list.length > 0));
  return JSON.parse(JSON.stringify(asked)) as Prisma.InputJsonObject;
}
