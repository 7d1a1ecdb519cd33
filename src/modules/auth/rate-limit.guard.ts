import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RateLimitedError } from '../../platform/errors/domain-errors';
import { NO_RATE_LIMIT_KEY } from '../../platform/rate-limit/no-rate-limit';
import { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import { requestOf, type AuthenticatedRequest } from './auth.decorators';

/**
 * The request rate limit (registered globally after AuthGuard, so the caller is known):
 * an authenticated request counts against its organization, a public one (sign-up,
 * sign-in) against the client's IP. One HTTP request counts once, however many GraphQL
 * fields it resolves. Routes marked @NoRateLimit() (health, metrics) are not counted.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(NO_RATE_LIMIT_KEY, [context.getHandler(), context.getClass()])) return true;
    const request = requestOf(context) as AuthenticatedRequest & { rateLimited?: RateLimitedError | null };
    if (request.rateLimited === null) return true; // counted and allowed already
    if (request.rateLimited) throw request.rateLimited;
    const scope = request.caller ? `org:${request.caller.organizationId}` : `ip:${request.ip ?? 'unknown'}`;
    const decision = await this.limiter.hit(scope);
    if (decision && !decision.allowed) {
      const who = request.caller ? 'your organization' : 'this address';
      request.rateLimited = new RateLimitedError(
        `rate limit exceeded: ${who} may make ${decision.limit} requests per ${decision.windowSeconds} s; retry in ${decision.retryAfterSeconds} s`,
        decision.retryAfterSeconds,
        { limit: decision.limit, windowSeconds: decision.windowSeconds },
      );
      throw request.rateLimited;
    }
    request.rateLimited = null;
    return true;
  }
}
