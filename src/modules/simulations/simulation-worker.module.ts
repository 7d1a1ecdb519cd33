import { Module } from '@nestjs/common';
import { SimulationConsumer } from './simulation.consumer';
import { SimulationsModule } from './simulations.module';

/** Imported only by the worker process: starts the simulation queue's consumer. */
@Module({ imports: [SimulationsModule], providers: [SimulationConsumer] })
export class SimulationWorkerModule {}
