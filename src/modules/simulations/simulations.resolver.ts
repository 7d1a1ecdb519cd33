import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ProbesInput } from './dto/probes.input';
import { SimulationRun } from './models/simulation-run.model';
import { toSimulationRun } from './simulation.mapper';
import { SimulationsService } from './simulations.service';

@Resolver(() => SimulationRun)
export class SimulationsResolver {
  constructor(private readonly simulations: SimulationsService) {}

  @Mutation(() => SimulationRun, { description: "Queues a simulation of a scenario's latest (or given) version." })
  async runSimulation(
    @Args('scenarioId', { type: () => ID }) scenarioId: string,
    @Args('versionNumber', { type: () => Int, nullable: true }) versionNumber?: number,
    @Args('probes', { type: () => ProbesInput, nullable: true, description: 'Traces and terminal commands to answer from the simulated cluster.' }) probes?: ProbesInput,
  ): Promise<SimulationRun> {
    return toSimulationRun(await this.simulations.start(scenarioId, versionNumber ?? undefined, probes ?? undefined));
  }

  @Query(() => SimulationRun)
  async simulationRun(@Args('id', { type: () => ID }) id: string): Promise<SimulationRun> {
    return toSimulationRun(await this.simulations.get(id));
  }
}
