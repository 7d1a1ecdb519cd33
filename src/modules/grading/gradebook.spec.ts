import { checkStates, currentGrade, regradeScores, studentScore, toCsv, usedAttempt, type GradeLike, type SubmissionLike } from './gradebook';

let clock = Date.UTC(2026, 8, 1);
function grade(status: string, score: number | null, extra: Partial<GradeLike> = {}): GradeLike {
  clock += 1000;
  return { id: `g${clock}`, status, regradeId: null, score, maxScore: score === null ? null : 10, late: false, checks: null, queuedAt: new Date(clock), ...extra };
}
function submission(...grades: GradeLike[]): SubmissionLike {
  clock += 1000;
  return { id: `s${clock}`, userId: 'u', submittedAt: new Date(clock), grades };
}

describe('gradebook', () => {
  it("a submission shows its newest answered grade; a regrade's pending grade does not hide the old one", () => {
    const first = grade('graded', 6);
    const pending = grade('queued', null, { regradeId: 'r1' });
    expect(currentGrade([first, pending])).toBe(first);
    const regraded = { ...pending, status: 'graded', score: 8 };
    expect(currentGrade([first, regraded])).toBe(regraded);
    expect(currentGrade([first, regraded], { before: 'r1' })).toBe(first);
    const queued = grade('queued', null);
    expect(currentGrade([queued])).toBe(queued);
  });

  it('counts attempts without the not-gradable hand-ins; best and latest from graded ones', () => {
    const subs = [submission(grade('not_gradable', null)), submission(grade('graded', 4)), submission(grade('graded', 10)), submission(grade('graded', 7, { late: true }))];
    expect(subs.map(usedAttempt)).toEqual([false, true, true, true]);
    expect(studentScore(subs)).toMatchObject({ attempts: 3, best: 10, latest: 7, maxScore: 10, late: false, pending: 0 });
    expect(studentScore([])).toMatchObject({ attempts: 0, best: null, latest: null, lastSubmittedAt: null });
  });

  it("a regrade's old and new best score per student", () => {
    const a = submission(grade('graded', 4), grade('graded', 5, { regradeId: 'r1' }));
    const b = submission(grade('graded', 9), grade('queued', null, { regradeId: 'r1' }));
    expect(regradeScores([a, b], 'r1')).toEqual({ oldScore: 9, newScore: 5, pending: 1 });
  });

  it('per check: passing or failing from the newest graded hand-in, not started without one', () => {
    const checks = [
      { id: 'svc', passed: true },
      { id: 'dns', passed: false },
    ];
    expect(checkStates([submission(grade('graded', 2, { checks })), submission(grade('not_gradable', null))], ['svc', 'dns', 'curl'])).toEqual({ svc: 'passing', dns: 'failing', curl: 'not_started' });
    expect(checkStates([], ['svc'])).toEqual({ svc: 'not_started' });
  });

  it('defuses text a spreadsheet would run as a formula, and leaves negative numbers alone', () => {
    expect(toCsv([['=HYPERLINK("http://x")', '+1', '-cmd', '@SUM(A1)', -2]])).toBe(`"'=HYPERLINK(""http://x"")",'+1,'-cmd,'@SUM(A1),-2\r\n`);
  });

  it('writes RFC 4180 CSV: CRLF, quotes around commas, quotes and line breaks', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', null, 3], ['x\ny', '', 'z', 1.5, 0]])).toBe('a,"b,c","say ""hi""",,3\r\n"x\ny",,z,1.5,0\r\n');
  });
});
