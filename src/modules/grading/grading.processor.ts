import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { applyLateRule, drawParameters, instantiateLab, type CheckResult, type LabDefinition } from '../../engine';
import { GradeStatus, type Prisma } from '../../generated/prisma/client';
import { gradesFinished, gradeDuration } from '../../platform/metrics/metrics';
import { parameterSeed } from '../labs/labs.service';
import { SimulationSandbox } from '../simulations/engine-sandbox';
import { GradeHooks } from './grade-hooks';
import { GradingRepository } from './grading.repository';
import { GradingService, SUBMISSION_SOURCE_NAME } from './grading.service';

type WorkGrade = NonNullable<Awaited<ReturnType<GradingRepository['findGradeForWork']>>>;
type Graded = { gradable: true; score: number; maxScore: number; checks: CheckResult[] } | { gradable: false; errors: string[] };

/**
 * Grades one submission against one lab version, in the engine's worker threads. An answer
 * for exactly the same input (lab version, manifests, the student's parameters) is reused
 * instead of simulating again; the late rule is applied per submission. Like simulation runs,
 * an engine error or a limit fails the grade at once; infrastructure errors are retried.
 */
@Injectable()
export class GradingProcessor {
  private readonly logger = new Logger(GradingProcessor.name);

  constructor(
    private readonly repository: GradingRepository,
    private readonly sandbox: SimulationSandbox,
    private readonly grading: GradingService,
    private readonly hooks: GradeHooks,
  ) {}

  async process(gradeId: string): Promise<void> {
    const started = performance.now();
    if (!(await this.repository.startAttempt(gradeId))) return; // done already, or gone
    const grade = await this.repository.findGradeForWork(gradeId);
    if (!grade) return;
    const lab = grade.labVersion.definition as unknown as LabDefinition;
    const { submission } = grade;

    const reused = await this.repository.findReusableGrade(grade.inputSha256, grade.id);
    let answer: Graded;
    if (reused) {
      answer = reused.status === GradeStatus.graded ? { gradable: true, score: reused.rawScore!, maxScore: reused.maxScore!, checks: reused.checks as unknown as CheckResult[] } : { gradable: false, errors: reused.errors as string[] };
    } else {
      const { checks } = instantiateLab(lab, drawParameters(lab, parameterSeed(submission.labId, submission.userId)));
      // The traces' load-balancing draws follow the manifests, not the student: the same
      // manifests and checks get the same grade, whoever hands them in (and may reuse it).
      const seed = submission.contentSha256;
      const outcome = await this.sandbox.run({ kind: 'grade', sourceName: SUBMISSION_SOURCE_NAME, content: submission.content, checks, seed });
      if (!outcome.ok) {
        this.logger.warn(`grade ${gradeId} failed (${outcome.kind}): ${outcome.message}`);
        await this.repository.fail(gradeId, outcome.message);
        await this.done(grade, 'failed', started);
        return;
      }
      answer = outcome.result as Graded;
    }

    const durationMs = Math.round(performance.now() - started);
    if (!answer.gradable) {
      await this.repository.finish(gradeId, { status: GradeStatus.not_gradable, errors: answer.errors, durationMs });
      await this.done(grade, 'not_gradable', started);
      return;
    }
    const { score, late } = applyLateRule(lab.rules, submission.submittedAt, answer.score);
    await this.repository.finish(gradeId, {
      status: GradeStatus.graded,
      rawScore: answer.score,
      score,
      maxScore: answer.maxScore,
      late,
      checks: answer.checks as unknown as Prisma.InputJsonValue,
      durationMs,
    });
    await this.done(grade, reused ? 'reused' : 'graded', started, { score, maxScore: answer.maxScore });
    this.logger.log(`grade ${gradeId} ${score}/${answer.maxScore}${reused ? ' (same input graded before)' : ''} in ${durationMs} ms`);
  }

  /** The queue gave up on a grade (attempts used up). */
  async giveUp(gradeId: string, reason: string): Promise<void> {
    const { count } = await this.repository.fail(gradeId, `gave up after repeated failures: ${reason}`);
    const grade = await this.repository.findGradeForWork(gradeId);
    if (grade && count > 0) await this.done(grade, 'failed', performance.now());
    this.logger.error(`grade ${gradeId} gave up after repeated failures: ${reason}`);
  }

  /** Counts the grade, tells subscribers, then the features that act on grades; the last grade of a regrade finishes it. */
  private async done(grade: WorkGrade, outcome: 'graded' | 'reused' | 'not_gradable' | 'failed', started: number, scores?: { score: number; maxScore: number }): Promise<void> {
    gradeDuration.observe({ outcome }, (performance.now() - started) / 1000);
    gradesFinished.inc({ outcome });
    this.grading.announce(grade.submission, grade.regradeId);
    const { submission } = grade;
    await this.hooks.gradeFinished({
      gradeId: grade.id,
      submissionId: submission.id,
      organizationId: submission.organizationId,
      labId: submission.labId,
      userId: submission.userId,
      classroomId: submission.classroomId,
      regradeId: grade.regradeId,
      status: outcome === 'reused' ? 'graded' : outcome,
      score: scores?.score ?? null,
      maxScore: scores?.maxScore ?? null,
    });
    if (grade.regradeId && (await this.repository.finishRegrade(grade.regradeId))) {
      await this.hooks.regradeFinished({ regradeId: grade.regradeId, organizationId: submission.organizationId, labId: submission.labId });
    }
  }
}
