import { Module } from '@nestjs/common';
import { ClassroomsModule } from '../classrooms/classrooms.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { LabsController } from './labs.controller';
import { LabsRepository } from './labs.repository';
import { LabsResolver } from './labs.resolver';
import { LabsService } from './labs.service';

@Module({
  imports: [ClassroomsModule, ScenariosModule],
  providers: [LabsRepository, LabsService, LabsResolver],
  controllers: [LabsController],
  exports: [LabsService],
})
export class LabsModule {}
