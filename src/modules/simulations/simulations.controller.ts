import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { RunSimulationBody } from './dto/run-simulation.input';
import { SimulationRun } from './models/simulation-run.model';
import { toSimulationRun } from './simulation.mapper';
import { SimulationsService } from './simulations.service';

@Controller()
export class SimulationsController {
  constructor(private readonly simulations: SimulationsService) {}

  @Post('scenarios/:id/simulations')
  @HttpCode(HttpStatus.ACCEPTED)
  async run(@Param('id') scenarioId: string, @Body() body: RunSimulationBody = {}): Promise<SimulationRun> {
    return toSimulationRun(await this.simulations.start(scenarioId, body?.versionNumber, body?.probes));
  }

  @Get('simulations/:id')
  async get(@Param('id') id: string): Promise<SimulationRun> {
    return toSimulationRun(await this.simulations.get(id));
  }
}
