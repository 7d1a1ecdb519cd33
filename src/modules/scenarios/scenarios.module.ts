import { Module } from '@nestjs/common';
import { ScenariosController } from './scenarios.controller';
import { ScenariosRepository } from './scenarios.repository';
import { ScenariosResolver } from './scenarios.resolver';
import { ScenariosService } from './scenarios.service';

@Module({
  providers: [ScenariosRepository, ScenariosService, ScenariosResolver],
  controllers: [ScenariosController],
  exports: [ScenariosService],
})
export class ScenariosModule {}
