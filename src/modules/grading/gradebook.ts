/**
 * What the grades of a lab add up to, from stored submissions and grades: the grade that
 * counts for a submission, each student's best and latest score, a regrade's old and new
 * scores, the live view's per-check states, and the gradebook as CSV. Pure functions.
 */

export interface GradeLike {
  id: string;
  status: string;
  regradeId: string | null;
  score: number | null;
  maxScore: number | null;
  late: boolean;
  checks: unknown;
  queuedAt: Date;
}

export interface SubmissionLike {
  id: string;
  userId: string;
  submittedAt: Date;
  grades: GradeLike[];
}

export interface CheckOutcome {
  id: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  feedback: string;
}

const ANSWERED = new Set(['graded', 'not_gradable']);

/**
 * The grade a submission shows: the newest answered grade (graded or not gradable; a regrade's
 * once it is done), else the newest grade (still queued, or failed). With `regradeId`, the
 * grade it had before that regrade.
 */
export function currentGrade<G extends GradeLike>(grades: G[], options: { before?: string } = {}): G | undefined {
  const relevant = options.before === undefined ? grades : grades.filter((g) => g.regradeId !== options.before && !isLaterRegrade(g, grades, options.before!));
  const answered = relevant.filter((g) => ANSWERED.has(g.status));
  return answered.at(-1) ?? relevant.at(-1);
}

/** A grade queued after the regrade's own grades started (a later regrade): not part of "before". */
function isLaterRegrade(grade: GradeLike, all: GradeLike[], regradeId: string): boolean {
  const first = all.find((g) => g.regradeId === regradeId);
  return first !== undefined && grade.queuedAt >= first.queuedAt;
}

/** Whether a submission used an attempt: its first grading found it gradable (or is still under way). */
export function usedAttempt(submission: SubmissionLike): boolean {
  const first = submission.grades.find((g) => g.regradeId === null);
  return first !== undefined && first.status !== 'not_gradable';
}

export interface StudentScore {
  /** Graded submissions (not-gradable ones excluded). */
  attempts: number;
  /** The highest score counted (after the late rule); null before any graded submission. */
  best: number | null;
  /** The score of the newest graded submission. */
  latest: number | null;
  maxScore: number | null;
  /** Whether the best score came from a late submission. */
  late: boolean;
  lastSubmittedAt: Date | null;
  /** Submissions still waiting for their grade. */
  pending: number;
}

/** One student's standing in a lab from their submissions (oldest first). */
export function studentScore(submissions: SubmissionLike[], pick: (s: SubmissionLike) => GradeLike | undefined = (s) => currentGrade(s.grades)): StudentScore {
  let best: GradeLike | undefined;
  let latest: GradeLike | undefined;
  let pending = 0;
  for (const submission of submissions) {
    const grade = pick(submission);
    if (!grade) continue;
    if (grade.status === 'queued' || grade.status === 'grading') pending += 1;
    if (grade.status !== 'graded' || grade.score === null) continue;
    latest = grade;
    if (!best || grade.score > best.score!) best = grade;
  }
  return {
    attempts: submissions.filter(usedAttempt).length,
    best: best?.score ?? null,
    latest: latest?.score ?? null,
    maxScore: (latest ?? best)?.maxScore ?? null,
    late: best?.late ?? false,
    lastSubmittedAt: submissions.at(-1)?.submittedAt ?? null,
    pending,
  };
}

/** Groups submissions by student, keeping their order. */
export function byStudent<S extends SubmissionLike>(submissions: S[]): Map<string, S[]> {
  const groups = new Map<string, S[]>();
  for (const s of submissions) groups.set(s.userId, [...(groups.get(s.userId) ?? []), s]);
  return groups;
}

/** A student's best score before a regrade and under it (null: no graded submission then). */
export function regradeScores(submissions: SubmissionLike[], regradeId: string): { oldScore: number | null; newScore: number | null; pending: number } {
  const before = studentScore(submissions, (s) => currentGrade(s.grades, { before: regradeId }));
  const under = studentScore(submissions, (s) => s.grades.find((g) => g.regradeId === regradeId));
  return { oldScore: before.best, newScore: under.best, pending: under.pending };
}

export type CheckState = 'not_started' | 'failing' | 'passing';

/** Per check of the lab, where the student stands: from their newest graded submission. */
export function checkStates(submissions: SubmissionLike[], checkIds: string[]): Record<string, CheckState> {
  const graded = submissions.map((s) => currentGrade(s.grades)).filter((g): g is GradeLike => g?.status === 'graded');
  const newest = graded.at(-1);
  const results = new Map(((newest?.checks as CheckOutcome[] | null) ?? []).map((c) => [c.id, c.passed]));
  return Object.fromEntries(checkIds.map((id) => [id, !results.has(id) ? 'not_started' : results.get(id) ? 'passing' : 'failing']));
}

/**
 * RFC 4180 CSV: CRLF line ends, fields with commas, quotes or line breaks quoted. Text that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe
 * (OWASP's CSV injection advice); numbers are written as they are.
 */
export function toCsv(rows: (string | number | null)[][]): string {
  const field = (v: string | number | null) => {
    const text = v === null ? '' : typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
