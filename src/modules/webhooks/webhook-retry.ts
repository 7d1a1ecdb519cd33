const DAY_MS = 24 * 3600 * 1000;
/** Each delay gets up to this much more, so receivers coming back after an outage are not hit by every retry at once. */
const JITTER = 0.1;

/**
 * How long to wait after the `attemptsMade`-th failed attempt (1 for the first): the base
 * delay doubled for each earlier failure, at most a day, plus up to 10 % jitter (Standard
 * Webhooks, "Deliverability and reliability": exponential backoff with jitter).
 */
export function retryDelayMs(attemptsMade: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attemptsMade - 1), DAY_MS);
  return Math.round(exponential * (1 + JITTER * random()));
}

/** HTTP 410 Gone: the receiver wants no more webhooks. */
const GONE = 410;

/** Where a delivery stands after an attempt. */
export type AttemptVerdict = { status: 'succeeded' } | { status: 'failed'; disable: boolean } | { status: 'pending'; delayMs: number };

/**
 * Judges the `attempt`-th attempt (1 for the first) by Standard Webhooks' rules: no error
 * (a 2xx) succeeds; a 410 Gone fails at once and disables the webhook; anything else is
 * retried after retryDelayMs until `maxAttempts` are used up.
 */
export function judgeAttempt(
  outcome: { responseStatus: number | null; error: string | null },
  attempt: number,
  maxAttempts: number,
  baseMs: number,
  random: () => number = Math.random,
): AttemptVerdict {
  if (outcome.error === null) return { status: 'succeeded' };
  if (outcome.responseStatus === GONE) return { status: 'failed', disable: true };
  if (attempt >= maxAttempts) return { status: 'failed', disable: false };
  return { status: 'pending', delayMs: retryDelayMs(attempt, baseMs, random) };
}

/** Thrown by the processor after a failed attempt that will be retried; the worker's backoff reads the delay from it. */
export class RetryWebhookLater extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
    this.name = 'RetryWebhookLater';
  }
}
