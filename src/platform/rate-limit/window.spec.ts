import { windowOf } from './window';

describe('windowOf: fixed rate-limit windows', () => {
  it('puts instants of one window together and restarts at the boundary', () => {
    expect(windowOf(120_000, 60_000)).toEqual({ index: 2, secondsLeft: 60 });
    expect(windowOf(179_999, 60_000)).toEqual({ index: 2, secondsLeft: 1 });
    expect(windowOf(180_000, 60_000)).toEqual({ index: 3, secondsLeft: 60 });
  });

  it('rounds the seconds left up and never answers 0 (Retry-After: 0 would invite an instant retry)', () => {
    expect(windowOf(120_500, 60_000).secondsLeft).toBe(60);
    expect(windowOf(179_001, 60_000).secondsLeft).toBe(1);
    expect(windowOf(1_999, 2_000)).toEqual({ index: 0, secondsLeft: 1 });
  });
});
