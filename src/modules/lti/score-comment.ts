import { currentGrade, type CheckOutcome, type SubmissionLike } from '../grading/gradebook';
import type { Lab } from '../labs/models/lab.model';

/** "8/10 (best of 2 attempts). Failed checks: endpoints." Hidden checks are left out: students may not see them yet. */
export function scoreComment(submissions: SubmissionLike[], best: number, maxScore: number, lab: Pick<Lab, 'checks'>): string {
  const graded = submissions.map((s) => currentGrade(s.grades)).filter((g) => g?.status === 'graded');
  const bestGrade = graded.find((g) => g!.score === best);
  const hidden = new Set(lab.checks.filter((c) => c.hidden).map((c) => c.id));
  const failed = ((bestGrade?.checks as CheckOutcome[] | null) ?? []).filter((c) => !c.passed && !hidden.has(c.id)).map((c) => c.id);
  const attempts = graded.length === 1 ? '1 attempt' : `${graded.length} attempts`;
  return `${best}/${maxScore} (best of ${attempts}).${failed.length > 0 ? ` Failed checks: ${failed.join(', ')}.` : ''}`;
}
