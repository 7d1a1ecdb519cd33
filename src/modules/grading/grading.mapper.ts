import type { GradeView, SubmissionViews } from './grading.service';
import type { SubmissionRecord } from './grading.repository';
import type { GradeInfo, Submission, SubmissionStatus } from './models/grading.model';

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
