import { Args, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { RunEvents } from '../../platform/events/run-events';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { ProbesInput } from './dto/probes.input';
import { SimulationPriority, SimulationRun, SimulationStatus } from './models/simulation-run.model';
import { toSimulationRun } from './simulation.mapper';
import { SimulationsService } from './simulations.service';

@Resolver(() => SimulationRun)
export class SimulationsResolver {
  constructor(
    private readonly simulations: SimulationsService,
    private readonly events: RunEvents,
  ) {}

  @Requires('simulate')
  @Mutation(() => SimulationRun, { description: "Queues a simulation of a scenario's latest (or given) version." })
  async runSimulation(
    @CurrentCaller() caller: Caller,
    @Args('scenarioId', { type: () => ID }) scenarioId: string,
    @Args('versionNumber', { type: () => Int, nullable: true }) versionNumber?: number,
    @Args('probes', { type: () => ProbesInput, nullable: true, description: 'Traces and terminal commands to answer from the simulated cluster.' }) probes?: ProbesInput,
    @Args('priority', { type: () => SimulationPriority, nullable: true, description: 'Default: interactive for people, API_KEY_DEFAULT_PRIORITY (batch) for API keys.' })
    priority?: SimulationPriority,
  ): Promise<SimulationRun> {
    return toSimulationRun(await this.simulations.start(caller, scenarioId, versionNumber ?? undefined, probes ?? undefined, priority ?? undefined));
  }

  @Requires('read')
  @Query(() => SimulationRun)
  async simulationRun(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<SimulationRun> {
    return toSimulationRun(await this.simulations.get(caller, id));
  }

  @Requires('read')
  @Subscription(() => SimulationRun, {
    description: "A run as it is now, then each time its status changes, until it succeeds or fails (graphql-ws; send the credential as connectionParams.authorization: 'Bearer ...').",
    resolve: (run: SimulationRun) => run,
  })
  async simulationRunUpdated(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AsyncIterableIterator<SimulationRun>> {
    await this.simulations.get(caller, id); // NOT_FOUND before anything is streamed
    const finished = new Set<string>([SimulationStatus.succeeded, SimulationStatus.failed]);
    return this.events.follow(`run:${id}`, async () => toSimulationRun(await this.simulations.get(caller, id)), {
      key: (run) => run.status,
      done: (run) => finished.has(run.status),
      recheckMs: 5000,
    });
  }
}
