import { Module } from '@nestjs/common';
import { ClassroomsController } from './classrooms.controller';
import { ClassroomsRepository } from './classrooms.repository';
import { ClassroomsResolver } from './classrooms.resolver';
import { ClassroomsService } from './classrooms.service';

@Module({
  providers: [ClassroomsRepository, ClassroomsService, ClassroomsResolver],
  controllers: [ClassroomsController],
  exports: [ClassroomsService],
})
export class ClassroomsModule {}
