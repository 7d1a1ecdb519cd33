import { Module } from '@nestjs/common';
import { GradingModule } from '../grading/grading.module';
import { LtiModule } from './lti.module';
import { LtiPassbackConsumer } from './lti-passback.consumer';

/** Imported only by the worker process: grade passback's listener, queue, consumer and reconciler. */
@Module({ imports: [LtiModule, GradingModule], providers: [LtiPassbackConsumer] })
export class LtiWorkerModule {}
