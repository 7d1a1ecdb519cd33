import { Module } from '@nestjs/common';
import { ClassroomsModule } from '../classrooms/classrooms.module';
import { LabsModule } from '../labs/labs.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { SimulationsModule } from '../simulations/simulations.module';
import { GradeHooks } from './grade-hooks';
import { GradeWebhooks } from './grade-webhooks';
import { GradingController } from './grading.controller';
import { GradingProcessor } from './grading.processor';
import { GradingRepository } from './grading.repository';
import { GradingResolver } from './grading.resolver';
import { GradingService } from './grading.service';

@Module({
  imports: [ClassroomsModule, LabsModule, ScenariosModule, SimulationsModule],
  providers: [GradingRepository, GradingService, GradingResolver, GradingProcessor, GradeHooks, GradeWebhooks],
  controllers: [GradingController],
  exports: [GradingProcessor, GradingRepository, GradingService, GradeHooks],
})
export class GradingModule {}
