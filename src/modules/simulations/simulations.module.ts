import { Module } from '@nestjs/common';
import { AppConfig } from '../../platform/config/app-config';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { SimulationSandbox } from './engine-sandbox';
import { SimulationProcessor } from './simulation.processor';
import { SimulationsController } from './simulations.controller';
import { SimulationsRepository } from './simulations.repository';
import { SimulationsResolver } from './simulations.resolver';
import { SimulationsService } from './simulations.service';

@Module({
  imports: [ScenariosModule],
  providers: [
    SimulationsRepository,
    SimulationsService,
    SimulationsResolver,
    SimulationProcessor,
    // One pool of engine threads per process, shared by simulation and grading jobs.
    {
      provide: SimulationSandbox,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new SimulationSandbox({ timeoutMs: config.simulationTimeoutMs, memoryMb: config.simulationMemoryMb }),
    },
  ],
  controllers: [SimulationsController],
  exports: [SimulationProcessor, SimulationsRepository, SimulationSandbox],
})
export class SimulationsModule {}
