import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { InvalidInputError } from '../../platform/errors/domain-errors';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { CreateScenarioInput, EditScenarioInput, ImportScenarioInput } from './dto/create-scenario.input';
import { ImportScenarioResult } from './models/scenario-import.model';
import { ScenarioDiff } from './models/scenario-diff.model';
import { ScenarioConnection } from './models/scenario-connection.model';
import { Scenario, ScenarioVersion } from './models/scenario.model';
import { toScenario, toScenarioConnection, toScenarioVersion } from './scenario.mapper';
import { ScenariosService } from './scenarios.service';

@Controller('scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @Requires('write')
  async create(@CurrentCaller() caller: Caller, @Body() input: CreateScenarioInput): Promise<Scenario> {
    return toScenario(await this.scenarios.create(caller, input.name, input.manifests));
  }

  /** `{name, kubectlOutput}` → 201 `{scenario, objects, dropped}`. */
  @Post('import')
  @Requires('write')
  async import(@CurrentCaller() caller: Caller, @Body() input: ImportScenarioInput): Promise<ImportScenarioResult> {
    const imported = await this.scenarios.importKubectl(caller, input.name, input.kubectlOutput);
    return { ...imported, scenario: toScenario(imported.scenario) };
  }

  /** The same page shape as the GraphQL connection: `?first=&after=&includeArchived=true`. */
  @Get()
  @Requires('read')
  async list(
    @CurrentCaller() caller: Caller,
    @Query('first') first?: string,
    @Query('after') after?: string,
    @Query('includeArchived') includeArchived?: string,
  ): Promise<ScenarioConnection> {
    const size = first === undefined || first === '' ? undefined : /^\d+$/.test(first) ? Number(first) : NaN;
    return toScenarioConnection(await this.scenarios.list(caller, size, after || undefined, includeArchived === 'true'));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Requires('write')
  async archive(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Scenario> {
    return toScenario(await this.scenarios.setArchived(caller, id, true));
  }

  @Post(':id/unarchive')
  @HttpCode(200)
  @Requires('write')
  async unarchive(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Scenario> {
    return toScenario(await this.scenarios.setArchived(caller, id, false));
  }

  /** `?from=1&to=2`: the same shape as GraphQL's scenarioDiff. */
  @Get(':id/diff')
  @Requires('read')
  async diff(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('from') from: string, @Query('to') to: string): Promise<ScenarioDiff> {
    const number = (value: string | undefined, name: string) => {
      if (!value || !/^\d+$/.test(value)) throw new InvalidInputError(`${name} must be a version number; got ${JSON.stringify(value ?? null)}`);
      return Number(value);
    };
    return (await this.scenarios.diff(caller, id, number(from, 'from'), number(to, 'to'))) as ScenarioDiff;
  }

  @Get(':id')
  @Requires('read')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Scenario> {
    return toScenario(await this.scenarios.get(caller, id));
  }

  @Post(':id/versions')
  @Requires('write')
  async edit(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() input: EditScenarioInput): Promise<Scenario> {
    return toScenario(await this.scenarios.edit(caller, id, input.manifests));
  }

  @Get(':id/versions')
  @Requires('read')
  async versions(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ScenarioVersion[]> {
    return (await this.scenarios.listVersions(caller, id)).map(toScenarioVersion);
  }
}
