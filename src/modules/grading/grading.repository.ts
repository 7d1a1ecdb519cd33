import { Injectable } from '@nestjs/common';
import { ClassroomRole, GradeStatus, Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../platform/prisma/prisma.service';

/** A grade that is done: graded, not gradable, or failed for good. */
export const FINAL_GRADE: GradeStatus[] = [GradeStatus.graded, GradeStatus.not_gradable, GradeStatus.failed];

const submissionWithGrades = {
  grades: { orderBy: { queuedAt: 'asc' as const } },
  user: { select: { id: true, email: true } },
  lab: { select: { id: true, organizationId: true } },
};

export type SubmissionRecord = NonNullable<Awaited<ReturnType<GradingRepository['findSubmission']>>>;
export type GradeRecord = SubmissionRecord['grades'][number];

/** What a student has used of a lab's limits: submissions that were (or will be) graded. */
export interface SubmissionHistory {
  gradedAttempts: number;
  /** The last submission of any kind. */
  lastSubmittedAt?: Date;
}

export interface NewSubmission {
  organizationId: string;
  labId: string;
  userId: string;
  classroomId: string | null;
  content: string;
  contentSha256: string;
  scenarioVersionId: string | null;
  /** The instant the lab's rules were checked at: the late rule later applies to this same instant. */
  submittedAt: Date;
}

export interface NewGrade {
  labVersionId: string;
  inputSha256: string;
  status?: GradeStatus;
  errors?: Prisma.InputJsonValue;
}

/**
 * The only file of the grading feature that touches Prisma. Submissions are never changed
 * after they are stored; every grading, first or regrade, is a grade row of its own.
 */
@Injectable()
export class GradingRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores a submission and its first grade. The student's submissions to this lab are
   * serialised by an advisory lock, so `admit` sees a history no concurrent submission can
   * change: two clicks cannot both take the last attempt. Not gradable ones are admitted
   * too: they use no attempt, but the window and the pace apply to them.
   */
  submit(submission: NewSubmission, grade: NewGrade, admit: (history: SubmissionHistory) => void) {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${submission.labId}:${submission.userId}`}))`;
      admit(await this.history(tx, submission.labId, submission.userId));
      return tx.submission.create({ data: { ...submission, grades: { create: grade } }, include: submissionWithGrades });
    });
  }

  private async history(tx: Prisma.TransactionClient, labId: string, userId: string): Promise<SubmissionHistory> {
    const counted = { labId, userId, grades: { some: { regradeId: null, status: { not: GradeStatus.not_gradable } } } };
    // One after the other: a transaction is one connection, which runs one query at a time.
    const gradedAttempts = await tx.submission.count({ where: counted });
    // The pace counts submissions of any kind, not gradable ones included.
    const last = await tx.submission.findFirst({ where: { labId, userId }, orderBy: { submittedAt: 'desc' }, select: { submittedAt: true } });
    return { gradedAttempts, ...(last ? { lastSubmittedAt: last.submittedAt } : {}) };
  }

  findSubmission(organizationId: string, id: string) {
    return this.prisma.submission.findFirst({ where: { id, organizationId }, include: submissionWithGrades });
  }

  /** A lab's submissions, oldest first: one student's, or (staff) everyone's, or those of some students. */
  listSubmissions(labId: string, userIds?: string[]) {
    return this.prisma.submission.findMany({
      where: { labId, ...(userIds ? { userId: { in: userIds } } : {}) },
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      include: submissionWithGrades,
    });
  }

  /** The students of the classrooms a lab is assigned to (or of one of them), with the classroom they are in. */
  studentsOfLab(labId: string, classroomId?: string) {
    return this.prisma.classroomMember.findMany({
      where: { role: ClassroomRole.student, classroom: { labs: { some: { labId } }, ...(classroomId ? { id: classroomId } : {}) } },
      orderBy: { joinedAt: 'asc' },
      include: { user: { select: { id: true, email: true } }, classroom: { select: { id: true, name: true } } },
    });
  }

  latestLabVersion(labId: string) {
    return this.prisma.labVersion.findFirst({ where: { labId }, orderBy: { number: 'desc' } });
  }

  findLabVersions(ids: string[]) {
    return this.prisma.labVersion.findMany({ where: { id: { in: ids } } });
  }

  findLabVersion(id: string) {
    return this.prisma.labVersion.findUnique({ where: { id } });
  }

  // --- grading, for the worker -------------------------------------------------------

  /** The grade with what grading reads. */
  findGradeForWork(id: string) {
    return this.prisma.grade.findUnique({
      where: { id },
      include: { submission: { select: { id: true, content: true, contentSha256: true, userId: true, labId: true, classroomId: true, organizationId: true, submittedAt: true } }, labVersion: true },
    });
  }

  /** A finished grade of exactly the same input (lab version, manifests, parameters): its answer is this one's. */
  findReusableGrade(inputSha256: string, exceptId: string) {
    return this.prisma.grade.findFirst({
      where: { inputSha256, id: { not: exceptId }, status: { in: [GradeStatus.graded, GradeStatus.not_gradable] } },
      select: { status: true, rawScore: true, maxScore: true, checks: true, errors: true },
    });
  }

  async startAttempt(id: string): Promise<boolean> {
    const { count } = await this.prisma.grade.updateMany({
      where: { id, status: { in: [GradeStatus.queued, GradeStatus.grading] } },
      data: { status: GradeStatus.grading, attempts: { increment: 1 } },
    });
    return count === 1;
  }

  finish(id: string, data: { status: GradeStatus; rawScore?: number; score?: number; maxScore?: number; late?: boolean; checks?: Prisma.InputJsonValue; errors?: Prisma.InputJsonValue; durationMs: number }) {
    return this.prisma.grade.update({ where: { id }, data: { ...data, gradedAt: new Date() } });
  }

  fail(id: string, error: string) {
    return this.prisma.grade.updateMany({
      where: { id, status: { in: [GradeStatus.queued, GradeStatus.grading] } },
      data: { status: GradeStatus.failed, errors: [error], gradedAt: new Date() },
    });
  }

  requeue(id: string) {
    return this.prisma.grade.updateMany({ where: { id, status: { in: [GradeStatus.queued, GradeStatus.grading] } }, data: { status: GradeStatus.queued } });
  }

  findStale(before: Date, take = 100) {
    return this.prisma.grade.findMany({
      where: { status: { in: [GradeStatus.queued, GradeStatus.grading] }, updatedAt: { lt: before } },
      select: { id: true, regradeId: true },
      orderBy: { updatedAt: 'asc' },
      take,
    });
  }

  // --- regrades ----------------------------------------------------------------------

  /** A regrade and a queued grade per submission, in one transaction. */
  createRegrade(labId: string, labVersionId: string, requestedById: string | null, grades: { submissionId: string; inputSha256: string }[]) {
    return this.prisma.regrade.create({
      data: { labId, labVersionId, requestedById, grades: { create: grades.map((g) => ({ ...g, labVersionId })) } },
      include: { grades: { select: { id: true } } },
    });
  }

  findRegrade(organizationId: string, id: string) {
    return this.prisma.regrade.findFirst({ where: { id, lab: { organizationId } } });
  }

  /**
   * Marks a regrade finished when none of its grades is left to do; true for exactly one
   * caller (the update is conditional on it not being finished yet), so two workers finishing
   * its last grades together announce it once.
   */
  async finishRegrade(id: string): Promise<boolean> {
    // One statement: a second worker's update waits for the first's row lock, then finds finished_at set.
    const count = await this.prisma.$executeRaw`
      UPDATE regrades SET finished_at = now()
      WHERE id = ${id}::uuid AND finished_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM grades WHERE regrade_id = ${id}::uuid AND status IN ('queued', 'grading'))`;
    return count === 1;
  }

  regradeProgress(id: string) {
    return this.prisma.grade.groupBy({ by: ['status'], where: { regradeId: id }, _count: true });
  }
}
