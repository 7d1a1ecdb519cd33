import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { CreateScenarioInput, EditScenarioInput, ImportScenarioInput } from './dto/create-scenario.input';
import { ImportScenarioResult } from './models/scenario-import.model';
import { ScenarioDiff } from './models/scenario-diff.model';
import { ScenarioConnection } from './models/scenario-connection.model';
import { Scenario, ScenarioVersion } from './models/scenario.model';
import { toScenario, toScenarioConnection, toScenarioVersion } from './scenario.mapper';
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

  @Requires('read')
  @Query(() => ScenarioConnection, { name: 'scenarios', description: "The organization's scenarios, newest first (Relay connection); archived ones only with includeArchived." })
  async scenarioList(
    @CurrentCaller() caller: Caller,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100; 20 when omitted.' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('includeArchived', { type: () => Boolean, defaultValue: false }) includeArchived?: boolean,
  ): Promise<ScenarioConnection> {
    return toScenarioConnection(await this.scenarios.list(caller, first ?? undefined, after ?? undefined, includeArchived ?? false));
  }

  @Requires('write')
  @Mutation(() => Scenario, { description: 'Archives a scenario: hidden from lists, no new versions or runs; reads still work.' })
  async archiveScenario(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Scenario> {
    return toScenario(await this.scenarios.setArchived(caller, id, true));
  }

  @Requires('write')
  @Mutation(() => Scenario, { description: 'Makes an archived scenario active again.' })
  async unarchiveScenario(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Scenario> {
    return toScenario(await this.scenarios.setArchived(caller, id, false));
  }

  @Requires('read')
  @Query(() => ScenarioDiff, { description: "The difference between two versions of a scenario (archived ones too)." })
  async scenarioDiff(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('from', { type: () => Int }) from: number,
    @Args('to', { type: () => Int }) to: number,
  ): Promise<ScenarioDiff> {
    return (await this.scenarios.diff(caller, id, from, to)) as ScenarioDiff;
  }

  @Requires('write')
  @Mutation(() => ImportScenarioResult, { description: 'A new scenario from `kubectl get ... -o yaml` output, server-side fields dropped and reported.' })
  async importScenario(@CurrentCaller() caller: Caller, @Args('input') input: ImportScenarioInput): Promise<ImportScenarioResult> {
    const imported = await this.scenarios.importKubectl(caller, input.name, input.kubectlOutput);
    return { ...imported, scenario: toScenario(imported.scenario) };
  }
}
