/**
 * Fixed rate-limit windows: time is cut into back-to-back windows of `windowMs`; a
 * request belongs to the window its timestamp falls in, and the count restarts at each
 * boundary. Pure, so it is unit-tested without Redis.
 */
export interface WindowPosition {
  /** The window's number since the epoch: part of the Redis key, so each window counts alone. */
  index: number;
  /** Whole seconds until the window ends, at least 1: the Retry-After of a refusal. */
  secondsLeft: number;
}

export function windowOf(now: number, windowMs: number): WindowPosition {
  const index = Math.floor(now / windowMs);
  return { index, secondsLeft: Math.max(1, Math.ceil(((index + 1) * windowMs - now) / 1000)) };
}
