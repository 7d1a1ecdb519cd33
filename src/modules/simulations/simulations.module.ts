import { Module } from '@nestjs/common';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { SimulationProcessor } from './simulation.processor';
import { SimulationsController } from './simulations.controller';
import { SimulationsRepository } from './simulations.repository';
import { SimulationsResolver } from './simulations.resolver';
import { SimulationsService } from './simulations.service';

@Module({
  imports: [ScenariosModule],
  providers: [SimulationsRepository, SimulationsService, SimulationsResolver, SimulationProcessor],
  controllers: [SimulationsController],
  exports: [SimulationProcessor, SimulationsRepository],
})
export class SimulationsModule {}
