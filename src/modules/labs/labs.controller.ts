import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvalidInputError } from '../../platform/errors/domain-errors';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { toScenario } from '../scenarios/scenario.mapper';
import { CreateLabInput, UpdateLabInput } from './dto/lab.input';
import { toLab } from './lab.mapper';
import { LabsService } from './labs.service';
import { Lab } from './models/lab.model';

@ApiTags('labs')
@Controller('labs')
export class LabsController {
  constructor(private readonly labs: LabsService) {}

  @Post()
  @Requires('teach')
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateLabInput): Promise<Lab> {
    const record = await this.labs.create(caller, body.source, body.classroomId);
    return toLab(await this.labs.get(caller, record.id));
  }

  @Get()
  @Requires('read')
  async list(@CurrentCaller() caller: Caller): Promise<Lab[]> {
    return (await this.labs.list(caller)).map(toLab);
  }

  @Get(':id')
  @Requires('read')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Lab> {
    return toLab(await this.labs.get(caller, id));
  }

  @Put(':id')
  @Requires('teach')
  async update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: UpdateLabInput): Promise<Lab> {
    await this.labs.update(caller, id, body.source);
    return toLab(await this.labs.get(caller, id));
  }

  @Get(':id/export')
  @Requires('read')
  @Header('Content-Type', 'application/yaml; charset=utf-8')
  export(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query('version') version?: string): Promise<string> {
    if (version !== undefined && !/^\d+$/.test(version)) throw new InvalidInputError(`version must be a version number (1, 2, ...); got ${JSON.stringify(version)}`, [], { field: 'version' });
    return this.labs.export(caller, id, version === undefined ? undefined : Number(version));
  }

  @Post(':id/workspace')
  @HttpCode(HttpStatus.OK)
  @Requires('read')
  async workspace(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    const { view, scenario } = await this.labs.workspace(caller, id);
    return { lab: toLab(view), scenario: toScenario(scenario) };
  }
}
