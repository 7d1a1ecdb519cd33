import { retryDelayMs } from './webhook-retry';

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
