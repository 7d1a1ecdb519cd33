/**
 * A lab's submission rules at a given instant: the window (opens, due, late, closed), late
 * credit, attempts and rate limit, and what a student may see of a check's result. The
 * clock is the caller's `at`.
 */
import type { CheckResult } from './checks';
import type { LabCheck, LabRules } from './lab';

export type SubmissionWindow = 'not-open' | 'open' | 'late' | 'closed';

/**
 * Where `at` falls: before `opensAt` 'not-open'; up to and including `dueAt` 'open' (no
 * `dueAt`: open for good); then up to and including `lateUntil` 'late'; after that 'closed'.
 */
export function submissionWindow(rules: LabRules, at: Date): SubmissionWindow {
  const t = at.getTime();
  if (rules.opensAt !== undefined && t < Date.parse(rules.opensAt)) return 'not-open';
  if (!pastDue(rules, at)) return 'open';
  if (rules.lateUntil !== undefined && t <= Date.parse(rules.lateUntil)) return 'late';
  return 'closed';
}

/**
 * Whether `at` is after `dueAt` (never without one): from then on students see hidden checks.
 * At `dueAt` itself a submission is still on time, so the hidden results stay hidden.
 */
export function pastDue(rules: LabRules, at: Date): boolean {
  return rules.dueAt !== undefined && at.getTime() > Date.parse(rules.dueAt);
}

/**
 * The score a submission made at `at` keeps: all of it on time, `latePercent` (100 when
 * unset) percent of it when late, rounded half up to 2 decimals, and 0 once closed.
 * `late` says whether it came after `dueAt`.
 */
export function applyLateRule(rules: LabRules, at: Date, score: number): { score: number; late: boolean } {
  const window = submissionWindow(rules, at);
  if (window === 'late') {
    // score × percent is the result in hundredths; toPrecision drops binary noise (1.15 × 50 = 57.4999…) before rounding.
    const hundredths = Math.round(Number((score * (rules.latePercent ?? 100)).toPrecision(12)));
    return { score: hundredths / 100, late: true };
  }
  if (window === 'closed') return { score: 0, late: true };
  return { score, late: false };
}

/** What the service knows of a student's earlier submissions. */
export interface SubmissionHistory {
  /** Graded submissions so far (not gradable ones do not count). */
  gradedAttempts: number;
  /** When the last submission of any kind was made. */
  lastSubmittedAt?: Date;
}

/**
 * Whether a student may submit at `at`: the window, then `maxAttempts`, then
 * `minSecondsBetween`. A refusal's `reason` is shown to the student as is;
 * `retryAfterSeconds` (whole seconds, rounded up) when waiting helps.
 */
export function canSubmit(rules: LabRules, at: Date, history: SubmissionHistory): { ok: true } | { ok: false; reason: string; retryAfterSeconds?: number } {
  const window = submissionWindow(rules, at);
  if (window === 'not-open') return { ok: false, reason: `This lab opens at ${rules.opensAt}.`, retryAfterSeconds: secondsUntil(Date.parse(rules.opensAt!), at) };
  if (window === 'closed') return { ok: false, reason: `This lab closed at ${rules.lateUntil ?? rules.dueAt}; no more submissions are accepted.` };
  if (rules.maxAttempts !== undefined && history.gradedAttempts >= rules.maxAttempts) {
    return { ok: false, reason: `You have used all ${rules.maxAttempts} graded attempt${rules.maxAttempts === 1 ? '' : 's'} of this lab.` };
  }
  if (rules.minSecondsBetween !== undefined && history.lastSubmittedAt !== undefined) {
    const wait = secondsUntil(history.lastSubmittedAt.getTime() + rules.minSecondsBetween * 1000, at);
    if (wait > 0) return { ok: false, reason: `Please wait ${wait} more second${wait === 1 ? '' : 's'} before submitting again (one submission every ${rules.minSecondsBetween} seconds).`, retryAfterSeconds: wait };
  }
  return { ok: true };
}

function secondsUntil(time: number, at: Date): number {
  return Math.ceil((time - at.getTime()) / 1000);
}

/** A check's result as a student sees it. */
export interface StudentCheckView {
  id: string;
  /** null: a hidden check before the due date. */
  passed: boolean | null;
  points: number | null;
  maxPoints: number;
  /** The result's feedback, or "hidden". */
  feedback: string;
  /** Texts of the hints revealed so far, in the file's order. */
  hints: string[];
}

/**
 * What a student sees of `result`: a hidden check before the due date shows only its
 * maximum and "hidden" (no hints); otherwise the result, with every hint whose `after` ≤
 * `failedAttempts` (graded submissions on which this check failed, this one included).
 */
export function studentView(check: LabCheck, result: CheckResult, opts: { afterDue: boolean; failedAttempts: number }): StudentCheckView {
  if (check.hidden && !opts.afterDue) return { id: result.id, passed: null, points: null, maxPoints: result.maxPoints, feedback: 'hidden', hints: [] };
  const hints = (check.hints ?? []).filter((h) => h.after <= opts.failedAttempts).map((h) => h.text);
  return { id: result.id, passed: result.passed, points: result.points, maxPoints: result.maxPoints, feedback: result.feedback, hints };
}
