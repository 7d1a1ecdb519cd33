import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../../platform/config/app-config';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { SubmitLabBody } from './dto/submit-lab.input';
import { toGradebook, toSubmission } from './grading.mapper';
import { GradingService } from './grading.service';
import { Gradebook, LiveSession, Regrade, Submission } from './models/grading.model';

/** REST twin of the grading operations. */
@ApiTags('grading')
@Controller()
export class GradingController {
  constructor(
    private readonly grading: GradingService,
    private readonly config: AppConfig,
  ) {}

  @Post('labs/:id/submissions')
  @HttpCode(HttpStatus.CREATED)
  @Requires('read')
  async submit(@CurrentCaller() caller: Caller, @Param('id') labId: string, @Body() body: SubmitLabBody = {}): Promise<Submission> {
    const submitted = await this.grading.submit(caller, labId, body);
    const record = body.wait === false ? submitted : await this.grading.waitForGrade(caller, submitted.id, this.config.gradeWaitMs);
    return toSubmission(record, (await this.grading.views(caller, [record]))[0]);
  }

  @Get('labs/:id/submissions')
  @Requires('read')
  async list(@CurrentCaller() caller: Caller, @Param('id') labId: string, @Query('studentId') studentId?: string): Promise<Submission[]> {
    const records = await this.grading.listSubmissions(caller, labId, studentId);
    const views = await this.grading.views(caller, records);
    return records.map((r, i) => toSubmission(r, views[i]));
  }

  @Get('submissions/:id')
  @Requires('read')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Submission> {
    const record = await this.grading.getSubmission(caller, id);
    return toSubmission(record, (await this.grading.views(caller, [record]))[0]);
  }

  @Get('labs/:id/gradebook')
  @Requires('read')
  async gradebook(@CurrentCaller() caller: Caller, @Param('id') labId: string, @Query('classroomId') classroomId?: string): Promise<Gradebook> {
    const book = await this.grading.gradebook(caller, labId, classroomId);
    return toGradebook(labId, book);
  }

  @Get('labs/:id/gradebook.csv')
  @Requires('read')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="gradebook.csv"')
  gradebookCsv(@CurrentCaller() caller: Caller, @Param('id') labId: string, @Query('classroomId') classroomId?: string): Promise<string> {
    return this.grading.gradebookCsv(caller, labId, classroomId);
  }

  @Post('labs/:id/regrades')
  @Requires('read')
  regrade(@CurrentCaller() caller: Caller, @Param('id') labId: string): Promise<Regrade> {
    return this.grading.regrade(caller, labId);
  }

  @Get('regrades/:id')
  @Requires('read')
  regradeReport(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Regrade> {
    return this.grading.regradeReport(caller, id);
  }

  @Get('classrooms/:id/live')
  @Requires('read')
  live(@CurrentCaller() caller: Caller, @Param('id') classroomId: string, @Query('labId') labId?: string): Promise<LiveSession> {
    return this.grading.liveSession(caller, classroomId, labId);
  }
}
