import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { CreateScenarioInput, EditScenarioInput } from './dto/create-scenario.input';
import { Scenario, ScenarioVersion } from './models/scenario.model';
import { toScenario, toScenarioVersion } from './scenario.mapper';
import { ScenariosService } from './scenarios.service';

@Controller('scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @Requires('write')
  async create(@CurrentCaller() caller: Caller, @Body() input: CreateScenarioInput): Promise<Scenario> {
    return toScenario(await this.scenarios.create(caller, input.name, input.manifests));
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
