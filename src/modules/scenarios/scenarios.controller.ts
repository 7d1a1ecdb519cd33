import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CreateScenarioInput, EditScenarioInput } from './dto/create-scenario.input';
import { Scenario, ScenarioVersion } from './models/scenario.model';
import { toScenario, toScenarioVersion } from './scenario.mapper';
import { ScenariosService } from './scenarios.service';

@Controller('scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  async create(@Body() input: CreateScenarioInput): Promise<Scenario> {
    return toScenario(await this.scenarios.create(input.name, input.manifests));
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<Scenario> {
    return toScenario(await this.scenarios.get(id));
  }

  @Post(':id/versions')
  async edit(@Param('id') id: string, @Body() input: EditScenarioInput): Promise<Scenario> {
    return toScenario(await this.scenarios.edit(id, input.manifests));
  }

  @Get(':id/versions')
  async versions(@Param('id') id: string): Promise<ScenarioVersion[]> {
    return (await this.scenarios.listVersions(id)).map(toScenarioVersion);
  }
}
