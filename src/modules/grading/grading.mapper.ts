import type { GradeView, GradingService, SubmissionViews } from './grading.service';
import type { SubmissionRecord } from './grading.repository';
import type { GradeInfo, Gradebook, Submission, SubmissionStatus } from './models/grading.model';

export function toGradeInfo(view: GradeView): GradeInfo {
  return { ...view, status: view.status as SubmissionStatus };
}

export function toSubmission(record: SubmissionRecord, views: SubmissionViews): Submission {
  return {
    ...toGradeInfo(views.current),
    id: record.id,
    labId: record.labId,
    studentId: record.userId,
    student: record.user.email,
    classroomId: record.classroomId,
    submittedAt: record.submittedAt,
    attempt: views.attempt,
    manifests: record.content,
    grades: views.history.map(toGradeInfo),
  };
}

/** The gradebook's rows, `score` being the best score (the one that counts). */
export function toGradebook(labId: string, book: Awaited<ReturnType<GradingService['gradebook']>>): Gradebook {
  return { labId, title: book.lab.definition.title, maxScore: book.maxScore, rows: book.rows.map((r) => ({ ...r, score: r.best })) };
}
