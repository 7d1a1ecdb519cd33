import { Injectable, Logger } from '@nestjs/common';
import { checkProbes, ENGINE_VERSION, type Probes } from '../../engine';
import type { Prisma } from '../../generated/prisma/client';
import { AppConfig } from '../../platform/config/app-config';
import { InvalidInputError, NotFoundError, RateLimitedError } from '../../platform/errors/domain-errors';
import type { RunPriority } from '../../platform/queue/queue.constants';
import { SimulationQueue } from '../../platform/queue/queue.module';
import { isUuid } from '../../platform/util/uuid';
import type { Caller } from '../auth/permissions';
import { scopeOf, ScenariosService } from '../scenarios/scenarios.service';
import { SimulationsRepository } from './simulations.repository';

@Injectable()
export class SimulationsService {
  private readonly logger = new Logger(SimulationsService.name);

  constructor(
    private readonly repository: SimulationsRepository,
    private readonly scenarios: ScenariosService,
    private readonly queue: SimulationQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records a queued run of a scenario version (the latest when none is named) and hands
   * it to the queue — unless a run of the same version and probes on this engine version
   * exists (finished or under way): that run is returned, and nothing is computed twice. The run is stored first: if Redis is unreachable the run stays
   * queued and the worker's reconciler enqueues it later, so no request is lost.
   * A new run is refused (RATE_LIMITED) when the organization already has its cap of
   * unfinished runs; a reused run costs nothing, so it is never refused.
   */
  async start(caller: Caller, scenarioId: string, versionNumber?: number, probes: Probes = {}, priority?: RunPriority) {
    const problems = checkProbes(probes);
    if (problems.length > 0) throw new InvalidInputError(`invalid probes: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, [], { problems });
    const scenario = await this.scenarios.get(caller, scenarioId);
    this.scenarios.assertActive(scenario, 'queue a run');
    const version =
      versionNumber === undefined ? scenario.versions[0] : await this.scenarios.getVersion(caller, scenarioId, versionNumber);
    const asked = plainProbes(probes);
    // Identical work is done once: the same version, probes and engine version share one run
    // (a version belongs to one scenario, so to the caller's organization).
    const effective = priority ?? defaultPriority(caller, this.config);
    const reusable = await this.repository.findReusableRun(version.id, asked, ENGINE_VERSION);
    if (reusable) return this.raiseIfWaiting(reusable, effective);
    // Counted, then created: requests racing each other may pass the cap by a few runs.
    const active = await this.repository.countActiveRuns(caller.organizationId);
    const cap = this.config.orgMaxActiveRuns;
    if (active >= cap) {
      throw new RateLimitedError(`too many unfinished runs: your organization has ${active} queued or running (at most ${cap}); try again when some finish`, 30, {
        limit: cap,
        active,
      });
    }
    const run = await this.repository.createRun(version.id, asked, effective);
    try {
      await this.queue.enqueue(run.id, effective);
    } catch (error) {
      this.logger.warn(`run ${run.id} stored but not enqueued yet: ${(error as Error).message}`);
    }
    return run;
  }

  /**
   * Someone waiting asks for work a batch run will do: that run is raised to interactive
   * while it is still queued, so reusing it never makes a person wait behind a batch.
   */
  private async raiseIfWaiting<T extends { id: string; status: string; priority: RunPriority }>(run: T, wanted: RunPriority): Promise<T> {
    if (wanted !== 'interactive' || run.priority !== 'batch' || run.status !== 'queued') return run;
    if (!(await this.repository.promote(run.id))) return run;
    try {
      await this.queue.promote(run.id);
    } catch (error) {
      this.logger.warn(`run ${run.id} raised to interactive but its job not yet: ${(error as Error).message}`);
    }
    return { ...run, priority: 'interactive' };
  }

  async get(caller: Caller, id: string) {
    const run = isUuid(id) ? await this.repository.findRun(scopeOf(caller), id) : null;
    if (!run) throw new NotFoundError('SimulationRun', id);
    return run;
  }
}

/** A person waiting gets interactive; an integration's key (grading, imports) gets API_KEY_DEFAULT_PRIORITY. */
function defaultPriority(caller: Caller, config: AppConfig): RunPriority {
  return caller.apiKeyId ? config.apiKeyDefaultPriority : 'interactive';
}

/** Probes as stored: plain JSON, only the kinds asked for. */
function plainProbes(probes: Probes): Prisma.InputJsonObject {
  const asked = Object.fromEntries(Object.entries(probes).filter(([, list]) => Array.isArray(list) && list.length > 0));
  return JSON.parse(JSON.stringify(asked)) as Prisma.InputJsonObject;
}
