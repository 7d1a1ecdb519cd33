import { Args, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { AppConfig } from '../../platform/config/app-config';
import { RunEvents } from '../../platform/events/run-events';
import { CurrentCaller, Requires } from '../auth/auth.decorators';
import type { Caller } from '../auth/permissions';
import { classroomTopic } from '../classrooms/classrooms.service';
import { toGradebook, toSubmission } from './grading.mapper';
import { GradingService, submissionTopic } from './grading.service';
import { Gradebook, LiveSession, Regrade, Submission } from './models/grading.model';

@Resolver(() => Submission)
export class GradingResolver {
  constructor(
    private readonly grading: GradingService,
    private readonly events: RunEvents,
    private readonly config: AppConfig,
  ) {}

  @Requires('read')
  @Mutation(() => Submission, {
    description:
      "Hands in manifests (or a scenario's latest version; default: the caller's lab workspace) for grading. Waits for the grade up to GRADE_WAIT_MS unless wait: false; a submission still queued then is followed with submission or submissionUpdated.",
  })
  async submitLab(
    @CurrentCaller() caller: Caller,
    @Args('labId', { type: () => ID }) labId: string,
    @Args('manifests', { nullable: true }) manifests?: string,
    @Args('scenarioId', { type: () => ID, nullable: true }) scenarioId?: string,
    @Args('classroomId', { type: () => ID, nullable: true }) classroomId?: string,
    @Args('wait', { nullable: true }) wait?: boolean,
  ): Promise<Submission> {
    const submitted = await this.grading.submit(caller, labId, { manifests: manifests ?? undefined, scenarioId: scenarioId ?? undefined, classroomId: classroomId ?? undefined });
    const record = wait === false ? submitted : await this.grading.waitForGrade(caller, submitted.id, this.config.gradeWaitMs);
    return toSubmission(record, (await this.grading.views(caller, [record]))[0]);
  }

  @Requires('read')
  @Query(() => Submission, { description: 'A submission: the caller’s own, or (staff) one of their classroom’s.' })
  async submission(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Submission> {
    const record = await this.grading.getSubmission(caller, id);
    return toSubmission(record, (await this.grading.views(caller, [record]))[0]);
  }

  @Requires('read')
  @Query(() => [Submission], { description: "A lab's submissions, oldest first: a student's own; staff everyone's, or one student's." })
  async submissions(@CurrentCaller() caller: Caller, @Args('labId', { type: () => ID }) labId: string, @Args('studentId', { type: () => ID, nullable: true }) studentId?: string): Promise<Submission[]> {
    const records = await this.grading.listSubmissions(caller, labId, studentId ?? undefined);
    const views = await this.grading.views(caller, records);
    return records.map((r, i) => toSubmission(r, views[i]));
  }

  @Requires('read')
  @Query(() => Gradebook, { description: "Each student's best (score) and latest score, with the deadline rule applied (staff). CSV: GET /api/labs/{id}/gradebook.csv." })
  async gradebook(@CurrentCaller() caller: Caller, @Args('labId', { type: () => ID }) labId: string, @Args('classroomId', { type: () => ID, nullable: true }) classroomId?: string): Promise<Gradebook> {
    const book = await this.grading.gradebook(caller, labId, classroomId ?? undefined);
    return toGradebook(labId, book);
  }

  @Requires('read')
  @Mutation(() => Regrade, { description: "Grades every submission of the lab again against its latest version; old grades are kept (staff)." })
  regradeLab(@CurrentCaller() caller: Caller, @Args('labId', { type: () => ID }) labId: string): Promise<Regrade> {
    return this.grading.regrade(caller, labId);
  }

  @Requires('read')
  @Query(() => Regrade)
  regrade(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Regrade> {
    return this.grading.regradeReport(caller, id);
  }

  @Requires('read')
  @Query(() => LiveSession, { description: "A classroom's live view of a lab (its current lab by default): staff." })
  liveSession(@CurrentCaller() caller: Caller, @Args('classroomId', { type: () => ID }) classroomId: string, @Args('labId', { type: () => ID, nullable: true }) labId?: string): Promise<LiveSession> {
    return this.grading.liveSession(caller, classroomId, labId ?? undefined);
  }

  @Requires('read')
  @Subscription(() => LiveSession, {
    description: 'The live view now, then again each time a student joins or a submission is graded (graphql-ws; staff).',
    resolve: (view: LiveSession) => view,
  })
  async liveSessionUpdated(@CurrentCaller() caller: Caller, @Args('classroomId', { type: () => ID }) classroomId: string, @Args('labId', { type: () => ID, nullable: true }) labId?: string): Promise<AsyncIterableIterator<LiveSession>> {
    await this.grading.liveSession(caller, classroomId, labId ?? undefined); // refusals before anything is streamed
    return this.events.follow(classroomTopic(classroomId), () => this.grading.liveSession(caller, classroomId, labId ?? undefined), {
      key: (view) => JSON.stringify({ ...view, updatedAt: undefined }),
      done: () => false,
      pauseMs: 500,
    });
  }

  @Requires('read')
  @Subscription(() => Submission, { description: 'A submission now, then as its grade changes, until graded (graphql-ws).', resolve: (s: Submission) => s })
  async submissionUpdated(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AsyncIterableIterator<Submission>> {
    await this.grading.getSubmission(caller, id);
    return this.events.follow(
      submissionTopic(id),
      async () => {
        const record = await this.grading.getSubmission(caller, id);
        return toSubmission(record, (await this.grading.views(caller, [record]))[0]);
      },
      { done: (s) => !['queued', 'grading'].includes(s.status) },
    );
  }
}
