import { Module } from '@nestjs/common';
import { GradingModule } from '../grading/grading.module';
import { SimulationConsumer } from './simulation.consumer';
import { SimulationsModule } from './simulations.module';

/** Imported only by the worker process: starts the queue's consumer (simulation runs and grading). */
@Module({ imports: [SimulationsModule, GradingModule], providers: [SimulationConsumer] })
export class SimulationWorkerModule {}
