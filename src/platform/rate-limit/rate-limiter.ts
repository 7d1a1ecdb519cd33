import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { withTimeout } from '../metrics/with-timeout';
import { SimulationQueue } from '../queue/queue.module';
import { windowOf } from './window';

/** A limiter that cannot reach Redis quickly lets the request through (see README). */
const REDIS_TIMEOUT_MS = 500;

export interface RateDecision {
  allowed: boolean;
  /** Requests counted in the current window, this one included. */
  count: number;
  limit: number;
  windowSeconds: number;
  /** Whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

/**
 * A fixed-window request counter per scope (an organization, or an IP before sign-in) in
 * Redis, over the queue's own connection: INCR and EXPIRE in one MULTI on a key that
 * names the window, so every API process shares the count and a lost EXPIRE leaks one
 * key rather than blocking a scope for good.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimit');

  constructor(
    private readonly queue: SimulationQueue,
    private readonly config: AppConfig,
  ) {}

  /** Counts one request of `scope`; undefined when the limit is off or Redis is away (fail open). */
  async hit(scope: string, now = Date.now()): Promise<RateDecision | undefined> {
    const limit = this.config.rateLimitRequests;
    if (limit === 0) return undefined;
    const windowSeconds = this.config.rateLimitWindowSeconds;
    const { index, secondsLeft } = windowOf(now, windowSeconds * 1000);
    const key = `kube-netlab:rate:${windowSeconds}:${scope}:${index}`;
    try {
      const client = await this.queue.queue.getBackend().client;
      // ioredis queues commands while disconnected; no request should wait for that.
      const status = (client as { status?: unknown }).status;
      if (typeof status === 'string' && status !== 'ready') return undefined;
      const counted = client
        .multi()
        .runCommand('incr', [key])
        .runCommand('expire', [key, 2 * windowSeconds])
        .exec();
      counted.catch(() => undefined); // settles late when the timeout won
      const replies = await withTimeout(counted, REDIS_TIMEOUT_MS, 'redis');
      const [error, value] = replies?.[0] ?? [new Error('no reply'), 0];
      if (error) throw error;
      const count = Number(value);
      return { allowed: count <= limit, count, limit, windowSeconds, retryAfterSeconds: secondsLeft };
    } catch (error) {
      this.logger.warn(`request not counted (${(error as Error).message}); let through`);
      return undefined;
    }
  }
}
