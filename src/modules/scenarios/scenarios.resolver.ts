import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { CreateScenarioInput, EditScenarioInput } from './dto/create-scenario.input';
import { Scenario, ScenarioVersion } from './models/scenario.model';
import { toScenario, toScenarioVersion } from './scenario.mapper';
import { ScenariosService } from './scenarios.service';

@Resolver(() => Scenario)
export class ScenariosResolver {
  constructor(private readonly scenarios: ScenariosService) {}

  @Requires('write')
  @Mutation(() => Scenario, { description: 'Stores a scenario; refused with located errors when the YAML is invalid.' })
  async createScenario(@CurrentCaller() caller: Caller, @Args('input') input: CreateScenarioInput): Promise<Scenario> {
    return toScenario(await this.scenarios.create(caller, input.name, input.manifests));
  }

  @Requires('write')
  @Mutation(() => Scenario, { description: "Edits a scenario's manifests: a new version, earlier ones kept." })
  async editScenario(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: EditScenarioInput,
  ): Promise<Scenario> {
    return toScenario(await this.scenarios.edit(caller, id, input.manifests));
  }

  @Requires('read')
  @Query(() => Scenario)
  async scenario(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Scenario> {
    return toScenario(await this.scenarios.get(caller, id));
  }

  @Requires('read')
  @Query(() => [ScenarioVersion], { description: "A scenario's versions, oldest first." })
  async scenarioVersions(@CurrentCaller() caller: Caller, @Args('scenarioId', { type: () => ID }) scenarioId: string): Promise<ScenarioVersion[]> {
    return (await this.scenarios.listVersions(caller, scenarioId)).map(toScenarioVersion);
  }
}
