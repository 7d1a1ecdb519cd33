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
