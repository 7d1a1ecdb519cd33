import { Module } from '@nestjs/common';
import { ClassroomsModule } from './modules/classrooms/classrooms.module';
import { GradingModule } from './modules/grading/grading.module';
import { LabsModule } from './modules/labs/labs.module';
import { LtiModule } from './modules/lti/lti.module';
import { ScenariosModule } from './modules/scenarios/scenarios.module';
import { SimulationsModule } from './modules/simulations/simulations.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { ConfigModule } from './platform/config/config.module';
import { RunEventsModule } from './platform/events/run-events';
import { PrismaModule } from './platform/prisma/prisma.module';
import { QueueModule } from './platform/queue/queue.module';

/** The provider graph the API and the worker share. */
@Module({ imports: [ConfigModule, PrismaModule, QueueModule, RunEventsModule, ScenariosModule, SimulationsModule, WebhooksModule, ClassroomsModule, LabsModule, GradingModule, LtiModule] })
export class CoreModule {}
