import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreateScenarioInput, EditScenarioInput } from './dto/create-scenario.input';
import { Scenario, ScenarioVersion } from './models/scenario.model';
import { toScenario, toScenarioVersion } from './scenario.mapper';
import { ScenariosService } from './scenarios.service';

@Resolver(() => Scenario)
export class ScenariosResolver {
  constructor(private readonly scenarios: ScenariosService) {}

  @Mutation(() => Scenario, { description: 'Stores a scenario; refused with located errors when the YAML is invalid.' })
  async createScenario(@Args('input') input: CreateScenarioInput): Promise<Scenario> {
    return toScenario(await this.scenarios.create(input.name, input.manifests));
  }

  @Mutation(() => Scenario, { description: "Edits a scenario's manifests: a new version, earlier ones kept." })
  async editScenario(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: EditScenarioInput,
  ): Promise<Scenario> {
    return toScenario(await this.scenarios.edit(id, input.manifests));
  }

  @Query(() => Scenario)
  async scenario(@Args('id', { type: () => ID }) id: string): Promise<Scenario> {
    return toScenario(await this.scenarios.get(id));
  }

  @Query(() => [ScenarioVersion], { description: "A scenario's versions, oldest first." })
  async scenarioVersions(@Args('scenarioId', { type: () => ID }) scenarioId: string): Promise<ScenarioVersion[]> {
    return (await this.scenarios.listVersions(scenarioId)).map(toScenarioVersion);
  }
}
