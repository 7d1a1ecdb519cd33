import { Module } from '@nestjs/common';
import { TokenService } from '../auth/token.service';
import { ClassroomsModule } from '../classrooms/classrooms.module';
import { GradingModule } from '../grading/grading.module';
import { LabsModule } from '../labs/labs.module';
import { LtiAdminController } from './lti-admin.controller';
import { LtiAdminService } from './lti-admin.service';
import { LtiController } from './lti.controller';
import { LtiKeysService } from './lti-keys.service';
import { LtiLaunchService } from './lti-launch.service';
import { LtiPassbackService } from './lti-passback.service';
import { LtiRepository } from './lti.repository';
import { LtiResolver } from './lti.resolver';
import { LtiRosterService } from './lti-roster.service';

/**
 * LTI 1.3: the LMS-facing endpoints (/lti/...), administration, roster sync and the
 * passback outbox's reads. Sending scores is the worker's (LtiWorkerModule).
 * TokenService is stateless (config only): provided here too, so launches can sign users in.
 */
@Module({
  imports: [ClassroomsModule, LabsModule, GradingModule],
  providers: [LtiRepository, LtiKeysService, LtiLaunchService, LtiPassbackService, LtiRosterService, LtiAdminService, LtiResolver, TokenService],
  controllers: [LtiController, LtiAdminController],
  exports: [LtiPassbackService, LtiRepository],
})
export class LtiModule {}
