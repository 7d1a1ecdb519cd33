import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { CreateLtiRegistrationInput } from './dto/lti.input';
import { LtiAdminService } from './lti-admin.service';
import { LtiPassbackService } from './lti-passback.service';
import { LtiRosterService } from './lti-roster.service';
import { toLtiPassback, toLtiRefusedLaunch, toLtiRegistration, toLtiToolKey } from './lti.mapper';
import { LtiPassback, LtiRefusedLaunch, LtiRegistration, LtiRosterSync, LtiToolConfiguration, LtiToolKey } from './models/lti.model';

/** REST twin of the LTI GraphQL operations (under /api/lti). */
@ApiTags('lti')
@Controller('lti')
export class LtiAdminController {
  constructor(
    private readonly admin: LtiAdminService,
    private readonly passbacks: LtiPassbackService,
    private readonly rosters: LtiRosterService,
  ) {}

  @Get('configuration')
  @Requires('admin')
  @ApiOkResponse({ type: LtiToolConfiguration })
  configuration(@CurrentCaller() caller: Caller): Promise<LtiToolConfiguration> {
    return this.admin.toolConfiguration(caller);
  }

  @Get('registrations')
  @Requires('admin')
  @ApiOkResponse({ type: [LtiRegistration] })
  async registrations(@CurrentCaller() caller: Caller): Promise<LtiRegistration[]> {
    return (await this.admin.listRegistrations(caller)).map(toLtiRegistration);
  }

  @Post('registrations')
  @Requires('admin')
  async createRegistration(@CurrentCaller() caller: Caller, @Body() body: CreateLtiRegistrationInput): Promise<LtiRegistration> {
    return toLtiRegistration(await this.admin.createRegistration(caller, body));
  }

  @Delete('registrations/:id')
  @Requires('admin')
  deleteRegistration(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<boolean> {
    return this.admin.deleteRegistration(caller, id);
  }

  @Get('refused-launches')
  @Requires('admin')
  @ApiOkResponse({ type: [LtiRefusedLaunch] })
  async refusedLaunches(@CurrentCaller() caller: Caller, @Query('limit') limit?: string): Promise<LtiRefusedLaunch[]> {
    return (await this.admin.refusedLaunches(caller, limit ? Number(limit) || 100 : 100)).map(toLtiRefusedLaunch);
  }

  @Get('tool-keys')
  @Requires('admin')
  @ApiOkResponse({ type: [LtiToolKey] })
  async toolKeys(): Promise<LtiToolKey[]> {
    const { keys, signingKid } = await this.admin.toolKeys();
    return keys.map((k) => toLtiToolKey(k, signingKid));
  }

  @Post('tool-keys')
  @Requires('admin')
  @ApiOkResponse({ type: [LtiToolKey] })
  async rotateToolKey(): Promise<LtiToolKey[]> {
    const { keys, signingKid } = await this.admin.rotateToolKey();
    return keys.map((k) => toLtiToolKey(k, signingKid));
  }

  @Get('labs/:labId/passbacks')
  @Requires('teach')
  @ApiOkResponse({ type: [LtiPassback] })
  async labPassbacks(@CurrentCaller() caller: Caller, @Param('labId') labId: string): Promise<LtiPassback[]> {
    return (await this.passbacks.list(caller, labId)).map(toLtiPassback);
  }

  @Post('passbacks/:id/retry')
  @HttpCode(HttpStatus.OK)
  @Requires('teach')
  retryPassback(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<boolean> {
    return this.passbacks.retry(caller, id);
  }

  @Post('classrooms/:classroomId/roster-sync')
  @HttpCode(HttpStatus.OK)
  @Requires('teach')
  @ApiOkResponse({ type: LtiRosterSync })
  syncRoster(@CurrentCaller() caller: Caller, @Param('classroomId') classroomId: string): Promise<LtiRosterSync> {
    return this.rosters.sync(caller, classroomId);
  }
}
