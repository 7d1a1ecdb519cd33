import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { canSubmit, checkSyntax, drawParameters, pastDue, studentView, type CheckResult, type LabCheck, type LabDefinition } from '../../engine';
import { GradeStatus } from '../../generated/prisma/client';
import { AppConfig } from '../../platform/config/app-config';
import { ForbiddenError, InvalidInputError, NotFoundError, RateLimitedError } from '../../platform/errors/domain-errors';
import { RunEvents } from '../../platform/events/run-events';
import { SimulationQueue } from '../../platform/queue/queue.module';
import { isUuid } from '../../platform/util/uuid';
import type { Caller } from '../auth/permissions';
import { ClassroomsService } from '../classrooms/classrooms.service';
import { LabsService, parameterSeed, type LabView } from '../labs/labs.service';
import { ScenariosService } from '../scenarios/scenarios.service';
import { GradeHooks } from './grade-hooks';
import { byStudent, checkStates, currentGrade, regradeScores, studentScore, toCsv, usedAttempt, type CheckState } from './gradebook';
import { GradingRepository, type GradeRecord, type SubmissionRecord } from './grading.repository';

/** The file name a submission's errors carry. */
export const SUBMISSION_SOURCE_NAME = 'submission.yaml';

export const submissionTopic = (id: string) => `submission:${id}`;
export const regradeTopic = (id: string) => `regrade:${id}`;

/** sha-256 of what grading reads: identical inputs get one grading. */
export function gradeInputSha(labVersionId: string, contentSha256: string, values: Record<string, string | number>): string {
  return createHash('sha256').update(`${labVersionId}\n${contentSha256}\n${JSON.stringify(values)}`).digest('hex');
}

export interface SubmissionViews {
  current: GradeView;
  history: GradeView[];
  /** Which graded attempt it is; null when not gradable. */
  attempt: number | null;
}

/** A grade as one caller may see it: hidden checks hidden from students before the due date, hints revealed by failures. */
export interface GradeView {
  status: string;
  score: number | null;
  rawScore: number | null;
  maxScore: number | null;
  late: boolean;
  labVersion: number | null;
  checks: { id: string; passed: boolean | null; points: number | null; maxPoints: number; feedback: string; hints: string[] }[];
  errors: string[];
  regradeId: string | null;
  queuedAt: Date;
  gradedAt: Date | null;
}

@Injectable()
export class GradingService {
  private readonly logger = new Logger(GradingService.name);

  constructor(
    private readonly repository: GradingRepository,
    private readonly labs: LabsService,
    private readonly classrooms: ClassroomsService,
    private readonly scenarios: ScenariosService,
    private readonly queue: SimulationQueue,
    private readonly events: RunEvents,
    private readonly config: AppConfig,
    private readonly hooks: GradeHooks,
  ) {}

  /**
   * Hands in manifests (or the latest version of one of the caller's scenarios, by default
   * their lab workspace) for grading. The lab's rules (window, attempts, pace) are checked
   * at one instant, stored as the submission's time. Manifests that cannot be simulated are
   * stored as not gradable at once, with the errors, and use no attempt; otherwise a grade
   * is queued below interactive runs.
   */
  async submit(caller: Caller, labId: string, input: { manifests?: string; scenarioId?: string; classroomId?: string }): Promise<SubmissionRecord> {
    if (!caller.userId) throw new ForbiddenError('read', 'not allowed: submissions are made by people (students), not API keys');
    const view = await this.labs.get(caller, labId);
    const classroomId = await this.classroomFor(caller, labId, input.classroomId);
    const { content, scenarioVersionId } = await this.contentOf(caller, labId, input);
    const size = Buffer.byteLength(content, 'utf8');
    if (size > this.config.maxScenarioBytes) throw new InvalidInputError(`the manifests are ${size} bytes; the limit is ${this.config.maxScenarioBytes} bytes`);

    const version = view.record.versions[0];
    const values = drawParameters(view.definition, parameterSeed(labId, caller.userId));
    const contentSha256 = createHash('sha256').update(content).digest('hex');
    const problems = notGradable(content);
    const now = new Date();
    const submission = await this.repository.submit(
      { organizationId: caller.organizationId, labId, userId: caller.userId, classroomId, content, contentSha256, scenarioVersionId, submittedAt: now },
      {
        labVersionId: version.id,
        inputSha256: gradeInputSha(version.id, contentSha256, values),
        ...(problems.length > 0 ? { status: GradeStatus.not_gradable, errors: problems } : {}),
      },
      (history) => {
        const verdict = canSubmit(view.definition.rules, now, history);
        if (verdict.ok) return;
        if (verdict.retryAfterSeconds !== undefined) throw new RateLimitedError(verdict.reason, verdict.retryAfterSeconds);
        throw new InvalidInputError(verdict.reason, [], { rule: 'lab' });
      },
    );
    const grade = submission.grades[0];
    if (grade.status === GradeStatus.queued) {
      await this.enqueue(grade.id, 'submission');
    } else {
      this.announce(submission, null);
      await this.hooks.gradeFinished({ gradeId: grade.id, submissionId: submission.id, organizationId: submission.organizationId, labId, userId: caller.userId, classroomId, regradeId: null, status: 'not_gradable', score: null, maxScore: null });
    }
    return submission;
  }

  /** Waits (up to `ms`) until the submission's current grade is done; returns it as it is then. */
  async waitForGrade(caller: Caller, id: string, ms: number): Promise<SubmissionRecord> {
    const stop = new AbortController();
    const watch = this.events.watch(submissionTopic(id), stop.signal);
    const deadline = Date.now() + ms;
    try {
      for (;;) {
        const submission = await this.getSubmission(caller, id);
        const grade = currentGrade(submission.grades)!;
        if (!['queued', 'grading'].includes(grade.status) || Date.now() >= deadline) return submission;
        await watch.changed(Math.min(1000, deadline - Date.now()));
      }
    } finally {
      stop.abort();
    }
  }

  /** A submission the caller may see: their own, or any in a classroom they teach or assist. */
  async getSubmission(caller: Caller, id: string): Promise<SubmissionRecord> {
    const submission = isUuid(id) ? await this.repository.findSubmission(caller.organizationId, id) : null;
    if (!submission || !(await this.maySee(caller, submission))) throw new NotFoundError('Submission', id);
    return submission;
  }

  /** A lab's submissions: a student's own; staff those of the students they may see (or of one of them: none for anyone else). */
  async listSubmissions(caller: Caller, labId: string, userId?: string): Promise<SubmissionRecord[]> {
    const view = await this.labs.get(caller, labId);
    if (!view.staff) return this.repository.listSubmissions(labId, [caller.userId!]);
    const visible = await this.visibleStudents(caller, labId);
    if (userId === undefined) return this.repository.listSubmissions(labId, visible);
    if (!isUuid(userId) || (visible !== undefined && !visible.includes(userId))) return [];
    return this.repository.listSubmissions(labId, [userId]);
  }

  /**
   * Submissions of one lab shaped for this caller (see GradeView), in the order given: one read
   * of the lab, one of the students' submissions (for attempts and hints), none per grade.
   */
  async views(caller: Caller, records: SubmissionRecord[]): Promise<SubmissionViews[]> {
    if (records.length === 0) return [];
    const labId = records[0].labId;
    const view = await this.labs.get(caller, labId);
    const histories = byStudent(await this.repository.listSubmissions(labId, [...new Set(records.map((r) => r.userId))]));
    await this.loadVersions(records.flatMap((r) => r.grades.map((g) => g.labVersionId)));
    const afterDue = view.staff || pastDue(view.definition.rules, new Date());
    return records.map((submission) => {
      const own = histories.get(submission.userId) ?? [submission];
      const index = own.findIndex((s) => s.id === submission.id);
      // Failures of each check on this and the earlier graded submissions reveal its hints.
      const earlier = own.slice(0, index + 1).map((s) => currentGrade(s.grades)).filter((g) => g?.status === 'graded');
      const failures = (checkId: string) => earlier.filter((g) => ((g!.checks as CheckResult[] | null) ?? []).some((c) => c.id === checkId && !c.passed)).length;
      const shape = (grade: GradeRecord): GradeView => {
        const version = this.versions.get(grade.labVersionId);
        const results = (grade.checks as CheckResult[] | null) ?? [];
        return {
          status: grade.status,
          score: grade.score,
          rawScore: grade.rawScore,
          maxScore: grade.maxScore,
          late: grade.late,
          labVersion: version?.number ?? null,
          checks: results.map((r) => {
            const check = version?.checks.get(r.id);
            return check ? studentView(check, r, { afterDue, failedAttempts: failures(r.id) }) : { ...r, hints: [] };
          }),
          errors: (grade.errors as string[] | null) ?? [],
          regradeId: grade.regradeId,
          queuedAt: grade.queuedAt,
          gradedAt: grade.gradedAt,
        };
      };
      const attempt = usedAttempt(submission) ? own.slice(0, index + 1).filter(usedAttempt).length : null;
      return { current: shape(currentGrade(submission.grades)!), history: submission.grades.map(shape), attempt };
    });
  }

  /** Lab versions are immutable: their number and checks (what studentView reads: hidden, hints) are cached by id. */
  private readonly versions = new Map<string, { number: number; checks: Map<string, LabCheck> }>();

  private async loadVersions(ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.versions.has(id));
    for (const version of missing.length ? await this.repository.findLabVersions(missing) : []) {
      // Templates differ from checks only in placeholders, which studentView does not read.
      const checks = (version.definition as unknown as LabDefinition).checks as unknown as LabCheck[];
      this.versions.set(version.id, { number: version.number, checks: new Map(checks.map((c) => [c.id, c])) });
    }
  }

  /** Each student's best and latest score (the late rule applied), for a lab and optionally one classroom (staff). */
  async gradebook(caller: Caller, labId: string, classroomId?: string) {
    const view = await this.staffView(caller, labId);
    if (classroomId) await this.classrooms.getAsStaff(caller, classroomId);
    const students = await this.repository.studentsOfLab(labId, classroomId);
    const allowed = await this.visibleStudents(caller, labId);
    const roster = students.filter((m) => allowed === undefined || allowed.includes(m.userId));
    const submissions = byStudent(await this.repository.listSubmissions(labId, roster.map((m) => m.userId)));
    const maxScore = view.definition.checks.reduce((sum, c) => sum + c.points, 0);
    const seen = new Set<string>();
    const rows = roster
      .filter((m) => !seen.has(m.userId) && seen.add(m.userId))
      .map((m) => ({ studentId: m.userId, student: m.user.email, classroom: m.classroom.name, ...studentScore(submissions.get(m.userId) ?? []) }));
    return { lab: view, maxScore, rows };
  }

  /** The gradebook as CSV for an LMS import: one row per student, matched by email address. */
  async gradebookCsv(caller: Caller, labId: string, classroomId?: string): Promise<string> {
    const { lab, maxScore, rows } = await this.gradebook(caller, labId, classroomId);
    const header = ['Email address', 'Student', 'Section', `${lab.definition.title} (out of ${maxScore})`, 'Latest', 'Attempts', 'Late', 'Last submitted (UTC)'];
    return toCsv([header, ...rows.map((r) => [r.student, r.student, r.classroom, r.best, r.latest, r.attempts, r.late ? 'yes' : 'no', r.lastSubmittedAt?.toISOString() ?? null])]);
  }

  /**
   * Grades every submission of the lab again against its latest version (an instructor of
   * some classrooms: their students' submissions). Each gets a new grade; the old ones stay,
   * so each student's old and new scores can be compared.
   */
  async regrade(caller: Caller, labId: string) {
    await this.staffView(caller, labId);
    if (!caller.permissions.has('teach') && !(await this.classrooms.membershipsForLab(caller, labId)).some((m) => m.role === 'instructor')) {
      throw new ForbiddenError('teach', "not allowed: only the lab's instructors regrade (assistants see grades, read-only)");
    }
    const version = (await this.repository.latestLabVersion(labId))!;
    const definition = version.definition as unknown as LabDefinition;
    const submissions = (await this.repository.listSubmissions(labId, await this.visibleStudents(caller, labId))).filter(usedAttempt);
    const regrade = await this.repository.createRegrade(
      labId,
      version.id,
      caller.userId,
      submissions.map((s) => ({ submissionId: s.id, inputSha256: gradeInputSha(version.id, s.contentSha256, drawParameters(definition, parameterSeed(labId, s.userId))) })),
    );
    for (const grade of regrade.grades) await this.enqueue(grade.id, 'regrade');
    return this.regradeReport(caller, regrade.id);
  }

  /** A regrade's progress and, per student the caller may see, the best score before it and under it. */
  async regradeReport(caller: Caller, id: string) {
    const regrade = isUuid(id) ? await this.repository.findRegrade(caller.organizationId, id) : null;
    if (!regrade) throw new NotFoundError('Regrade', id);
    await this.staffView(caller, regrade.labId);
    const version = await this.repository.findLabVersion(regrade.labVersionId);
    const visible = await this.visibleStudents(caller, regrade.labId);
    const submissions = (await this.repository.listSubmissions(regrade.labId, visible)).filter((s) => s.grades.some((g) => g.regradeId === regrade.id));
    const emails = new Map(submissions.map((s) => [s.userId, s.user.email]));
    const rows = [...byStudent(submissions)].map(([userId, list]) => ({ studentId: userId, student: emails.get(userId)!, ...regradeScores(list, regrade.id) }));
    const counts = Object.fromEntries((await this.repository.regradeProgress(regrade.id)).map((g) => [g.status, g._count]));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const pending = (counts.queued ?? 0) + (counts.grading ?? 0);
    return { id: regrade.id, labId: regrade.labId, version: version?.number ?? 0, createdAt: regrade.createdAt, total, done: total - pending, finished: pending === 0, rows };
  }

  /**
   * The live session of a classroom: every student and every check of the lab (the current
   * one by default), not started / failing / passing, and the class-wide counts per check.
   */
  async liveSession(caller: Caller, classroomId: string, labId?: string) {
    const classroom = await this.classrooms.getAsStaff(caller, classroomId);
    const lab = labId ?? classroom.currentLabId ?? classroom.labs.at(-1)?.labId;
    if (!lab) throw new InvalidInputError('the classroom has no lab yet: assign one with assignLab', [], { field: 'labId' });
    const view = await this.labs.get(caller, lab);
    const checkIds = view.definition.checks.map((c) => c.id);
    const students = (await this.repository.studentsOfLab(lab, classroomId)).filter((m, i, all) => all.findIndex((x) => x.userId === m.userId) === i);
    const submissions = byStudent(await this.repository.listSubmissions(lab, students.map((s) => s.userId)));
    const rows = students.map((m) => {
      const list = submissions.get(m.userId) ?? [];
      const states = checkStates(list, checkIds);
      const score = studentScore(list);
      return { studentId: m.userId, student: m.user.email, submissions: list.length, score: score.latest, best: score.best, pending: score.pending > 0, checks: checkIds.map((id) => ({ id, state: states[id] })) };
    });
    const count = (id: string, state: CheckState) => rows.filter((r) => r.checks.find((c) => c.id === id)!.state === state).length;
    return {
      classroomId,
      labId: lab,
      title: view.definition.title,
      students: rows,
      checks: view.definition.checks.map((c) => ({ id: c.id, message: c.message, points: c.points, passing: count(c.id, 'passing'), failing: count(c.id, 'failing'), notStarted: count(c.id, 'not_started') })),
      updatedAt: new Date(),
    };
  }

  /** Tells subscribers (the submission's, its classroom's live view) that a grade changed. */
  announce(submission: { id: string; classroomId: string | null }, regradeId: string | null): void {
    this.events.publish({ topic: submissionTopic(submission.id), status: 'graded' });
    if (submission.classroomId) this.events.publish({ topic: `classroom:${submission.classroomId}`, status: 'graded' });
    if (regradeId) this.events.publish({ topic: regradeTopic(regradeId), status: 'graded' });
  }

  private async enqueue(gradeId: string, priority: 'submission' | 'regrade'): Promise<void> {
    try {
      await this.queue.enqueueGrade(gradeId, priority);
    } catch (error) {
      // Stored: the worker's reconciler enqueues it once Redis answers again.
      this.logger.warn(`grade ${gradeId} stored but not enqueued yet: ${(error as Error).message}`);
    }
  }

  private async staffView(caller: Caller, labId: string): Promise<LabView> {
    const view = await this.labs.get(caller, labId);
    if (!view.staff) throw new ForbiddenError('teach', "not allowed: only the lab's instructors and assistants see everyone's grades");
    return view;
  }

  /** Whose work staff may see: everyone (teach), or the students of the classrooms they teach or assist; undefined means everyone. */
  private async visibleStudents(caller: Caller, labId: string): Promise<string[] | undefined> {
    if (caller.permissions.has('teach')) return undefined;
    const ids = (await this.classrooms.membershipsForLab(caller, labId)).filter((m) => m.role !== 'student').map((m) => m.classroomId);
    const members = await Promise.all(ids.map((id) => this.repository.studentsOfLab(labId, id)));
    return members.flat().map((m) => m.userId);
  }

  private async maySee(caller: Caller, submission: SubmissionRecord): Promise<boolean> {
    if (submission.userId === caller.userId || caller.permissions.has('teach')) return true;
    if (!submission.classroomId) return false;
    const access = await this.classrooms.accessOf(caller, submission.classroomId);
    return access === 'manage' || access === 'view';
  }

  /** The classroom a submission counts in: the one named, else the caller's first with the lab. */
  private async classroomFor(caller: Caller, labId: string, named?: string): Promise<string | null> {
    const mine = (await this.classrooms.membershipsForLab(caller, labId)).map((m) => m.classroomId);
    if (named) {
      if (!mine.includes(named)) throw new InvalidInputError(`you are not in classroom ${named}, or the lab is not assigned to it`, [], { field: 'classroomId' });
      return named;
    }
    return mine[0] ?? null;
  }

  private async contentOf(caller: Caller, labId: string, input: { manifests?: string; scenarioId?: string }): Promise<{ content: string; scenarioVersionId: string | null }> {
    if (input.manifests !== undefined && input.scenarioId !== undefined) throw new InvalidInputError('give manifests or scenarioId, not both');
    if (input.manifests !== undefined) return { content: input.manifests, scenarioVersionId: null };
    const scenarioId = input.scenarioId ?? (await this.labs.workspace(caller, labId)).scenario.id;
    const scenario = await this.scenarios.get(caller, scenarioId);
    return { content: scenario.versions[0].content, scenarioVersionId: scenario.versions[0].id };
  }
}

/** Why manifests cannot be graded before any simulation: YAML errors (located), or no objects at all. */
function notGradable(content: string): string[] {
  const diagnostics = checkSyntax([{ name: SUBMISSION_SOURCE_NAME, content }]);
  if (diagnostics.length > 0) return diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
  return [];
}
