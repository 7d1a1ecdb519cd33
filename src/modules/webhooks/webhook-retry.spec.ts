import { judgeAttempt, retryDelayMs } from './webhook-retry';

describe('webhook retry delays', () => {
  it('double from the base delay after each failed attempt', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 200, noJitter))).toEqual([200, 400, 800, 1600]);
  });

  it('add at most 10 % jitter and stop growing at a day', () => {
    expect(retryDelayMs(1, 1000, () => 0.999)).toBe(1100);
    expect(retryDelayMs(3, 1000, () => 1)).toBe(4400);
    expect(retryDelayMs(30, 60_000, () => 0)).toBe(24 * 3600 * 1000);
  });
});

describe('what an attempt leads to', () => {
  const noJitter = () => 0;
  const answered = (status: number) => ({ responseStatus: status, error: status < 300 ? null : `the receiver answered ${status}` });

  it('a 2xx succeeds, on any attempt', () => {
    expect(judgeAttempt(answered(204), 3, 3, 1000)).toEqual({ status: 'succeeded' });
  });

  it('a 500, a redirect or a timeout with attempts left is retried after the backoff delay', () => {
    expect(judgeAttempt(answered(500), 1, 3, 1000, noJitter)).toEqual({ status: 'pending', delayMs: 1000 });
    expect(judgeAttempt(answered(301), 2, 3, 1000, noJitter)).toEqual({ status: 'pending', delayMs: 2000 });
    expect(judgeAttempt({ responseStatus: null, error: 'no answer within 10000 ms' }, 2, 3, 1000, noJitter)).toEqual({ status: 'pending', delayMs: 2000 });
  });

  it('the last attempt failing fails the delivery', () => {
    expect(judgeAttempt(answered(500), 3, 3, 1000)).toEqual({ status: 'failed', disable: false });
  });

  it('410 Gone fails it at once and disables the webhook (Standard Webhooks)', () => {
    expect(judgeAttempt(answered(410), 1, 3, 1000)).toEqual({ status: 'failed', disable: true });
  });
});
