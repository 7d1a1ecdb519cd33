/** Submission rules at boundary instants, late credit, attempts, rate limit, and what students see. */
import { applyLateRule, canSubmit, pastDue, studentView, submissionWindow, type CheckResult, type LabCheck, type LabRules } from '../../../src/engine';

const rules: LabRules = { opensAt: '2026-09-01T08:00:00Z', dueAt: '2026-09-08T23:59:00Z', lateUntil: '2026-09-10T23:59:00Z', latePercent: 50, maxAttempts: 3, minSecondsBetween: 60 };
const at = (iso: string) => new Date(iso);

describe('submissionWindow', () => {
  it.each([
    ['2026-09-01T07:59:59.999Z', 'not-open'],
    ['2026-09-01T08:00:00Z', 'open'],
    ['2026-09-08T23:59:00Z', 'open'], // exactly at dueAt is on time
    ['2026-09-08T23:59:00.001Z', 'late'],
    ['2026-09-10T23:59:00Z', 'late'],
    ['2026-09-10T23:59:00.001Z', 'closed'],
  ])('%s is %s', (when, window) => {
    expect(submissionWindow(rules, at(when))).toBe(window);
  });

  it('time zones in the rules are honoured', () => {
    const cet = { dueAt: '2026-09-09T01:59:00+02:00' };
    expect(submissionWindow(cet, at('2026-09-08T23:59:00Z'))).toBe('open');
    expect(submissionWindow(cet, at('2026-09-08T23:59:01Z'))).toBe('closed');
  });

  it('without dates a lab is always open; without lateUntil it closes at dueAt', () => {
    expect(submissionWindow({}, at('1999-01-01T00:00:00Z'))).toBe('open');
    expect(submissionWindow({ dueAt: rules.dueAt }, at('2026-09-08T23:59:01Z'))).toBe('closed');
  });
});

describe('pastDue', () => {
  it.each([
    ['2026-09-08T23:59:00Z', false], // at dueAt a submission is still on time: hidden checks stay hidden
    ['2026-09-08T23:59:00.001Z', true],
  ])('%s: %s', (when, past) => {
    expect(pastDue(rules, at(when))).toBe(past);
  });

  it('a lab without dueAt is never past due', () => {
    expect(pastDue({}, at('2999-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('applyLateRule', () => {
  it.each([
    ['on time keeps the score', '2026-09-08T23:59:00Z', 7, { score: 7, late: false }],
    ['late keeps latePercent of it', '2026-09-09T00:00:00Z', 7, { score: 3.5, late: true }],
    ['half a hundredth rounds up', '2026-09-09T00:00:00Z', 1.15, { score: 0.58, late: true }],
    ['closed earns nothing', '2026-09-11T00:00:00Z', 7, { score: 0, late: true }],
  ])('%s', (_what, when, score, expected) => {
    expect(applyLateRule(rules, at(when), score)).toEqual(expected);
  });

  it('two decimals: 33% of 7 is 2.31; without latePercent late costs nothing', () => {
    expect(applyLateRule({ ...rules, latePercent: 33 }, at('2026-09-09T00:00:00Z'), 7)).toEqual({ score: 2.31, late: true });
    expect(applyLateRule({ ...rules, latePercent: 100 / 3 }, at('2026-09-09T00:00:00Z'), 10)).toEqual({ score: 3.33, late: true });
    expect(applyLateRule({ dueAt: rules.dueAt, lateUntil: rules.lateUntil }, at('2026-09-09T00:00:00Z'), 7)).toEqual({ score: 7, late: true });
  });
});

describe('canSubmit', () => {
  const none = { gradedAttempts: 0 };
  it.each([
    ['before opensAt, with the wait', '2026-09-01T07:59:00.5Z', none, { ok: false, reason: 'This lab opens at 2026-09-01T08:00:00Z.', retryAfterSeconds: 60 }],
    ['on time', '2026-09-05T12:00:00Z', none, { ok: true }],
    ['late is still accepted', '2026-09-09T12:00:00Z', none, { ok: true }],
    ['after lateUntil', '2026-09-11T00:00:00Z', none, { ok: false, reason: 'This lab closed at 2026-09-10T23:59:00Z; no more submissions are accepted.' }],
    ['all attempts used', '2026-09-05T12:00:00Z', { gradedAttempts: 3 }, { ok: false, reason: 'You have used all 3 graded attempts of this lab.' }],
    ['too soon after the last one', '2026-09-05T12:00:30Z', { gradedAttempts: 1, lastSubmittedAt: at('2026-09-05T12:00:00Z') }, { ok: false, reason: 'Please wait 30 more seconds before submitting again (one submission every 60 seconds).', retryAfterSeconds: 30 }],
    ['exactly minSecondsBetween later', '2026-09-05T12:01:00Z', { gradedAttempts: 1, lastSubmittedAt: at('2026-09-05T12:00:00Z') }, { ok: true }],
  ])('%s', (_what, when, history, expected) => {
    expect(canSubmit(rules, at(when), history)).toEqual(expected);
  });

  it('the window is checked before the attempts', () => {
    expect(canSubmit(rules, at('2026-09-11T00:00:00Z'), { gradedAttempts: 3 })).toMatchObject({ reason: expect.stringContaining('closed') });
  });
});

describe('studentView', () => {
  const check: LabCheck = {
    id: 'eps',
    kind: 'endpoints',
    service: 'shop/web',
    ready: 3,
    points: 3,
    message: 'web has 3 endpoints',
    hidden: true,
    hints: [
      { after: 0, text: 'Start with kubectl get endpoints.' },
      { after: 2, text: "Compare the selector with the Pods' labels." },
      { after: 4, text: 'The selector says app=wbe.' },
    ],
  };
  const failed: CheckResult = { id: 'eps', passed: false, points: 0, maxPoints: 3, feedback: 'web has 3 endpoints: no ready endpoint' };

  it('a hidden check before the due date shows only its maximum', () => {
    expect(studentView(check, failed, { afterDue: false, failedAttempts: 5 })).toEqual({ id: 'eps', passed: null, points: null, maxPoints: 3, feedback: 'hidden', hints: [] });
  });

  it('after the due date it shows everything, with the hints earned', () => {
    expect(studentView(check, failed, { afterDue: true, failedAttempts: 2 })).toEqual({
      id: 'eps',
      passed: false,
      points: 0,
      maxPoints: 3,
      feedback: 'web has 3 endpoints: no ready endpoint',
      hints: ['Start with kubectl get endpoints.', "Compare the selector with the Pods' labels."],
    });
  });

  it('a visible check shows its result before the due date; hints from `after` failures on', () => {
    const visible = { ...check, hidden: false };
    expect(studentView(visible, failed, { afterDue: false, failedAttempts: 1 }).hints).toEqual(['Start with kubectl get endpoints.']);
    expect(studentView(visible, failed, { afterDue: false, failedAttempts: 4 }).hints).toHaveLength(3);
    expect(studentView(visible, failed, { afterDue: false, failedAttempts: 1 })).toMatchObject({ passed: false, points: 0 });
  });
});
