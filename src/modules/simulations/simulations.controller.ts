import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { RunSimulationBody } from './dto/run-simulation.input';
import { SimulationRun } from './models/simulation-run.model';
import { toSimulationRun } from './simulation.mapper';
import { SimulationsService } from './simulations.service';

@Controller()
export class SimulationsController {
  constructor(private readonly simulations: SimulationsService) {}

  @Post('scenarios/:id/simulations')
  @HttpCode(HttpStatus.ACCEPTED)
  @Requires('simulate')
  async run(@CurrentCaller() caller: Caller, @Param('id') scenarioId: string, @Body() body: RunSimulationBody = {}): Promise<SimulationRun> {
    return toSimulationRun(await this.simulations.start(caller, scenarioId, body?.versionNumber, body?.probes, body?.priority));
  }

  @Get('simulations/:id')
  @Requires('read')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<SimulationRun> {
    return toSimulationRun(await this.simulations.get(caller, id));
  }
}
