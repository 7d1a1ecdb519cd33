import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { ConflictError, InvalidInputError } from '../../platform/errors/domain-errors';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { IdempotencyRepository } from './idempotency.repository';

/** Keys are client-chosen tokens (a UUID, say): printable, at most 255 characters. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on REST POSTs: the first request with a key is answered and its
 * response kept (per organization); a retry with the same key and the same request gets that
 * response again, marked `Idempotent-Replayed: true`, without doing the work twice. The same
 * key with a different request is refused (400); while the first is still being answered, a
 * second is refused with 409. A request that fails is forgotten, so its retry does the work.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly repository: IdempotencyRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.caller) return next.handle();
    return from(this.answer(request, context.switchToHttp().getResponse<Response>(), key, request.caller.organizationId, next));
  }

  private async answer(request: Request, response: Response, key: string, organizationId: string, next: CallHandler): Promise<unknown> {
    if (!KEY.test(key)) throw new InvalidInputError('Idempotency-Key must be 1 to 255 printable ASCII characters');
    const requestHash = createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex');
    const claim = { organizationId, key, method: request.method, path: request.originalUrl, requestHash };
    const earlier = await this.repository.claim(claim);
    if (earlier) {
      if (earlier.method !== claim.method || earlier.path !== claim.path || earlier.requestHash !== requestHash) {
        throw new InvalidInputError(`Idempotency-Key ${key} was used for a different request (${earlier.method} ${earlier.path}); use a new key`);
      }
      if (earlier.status === null) throw new ConflictError(`a request with Idempotency-Key ${key} is still being answered; retry shortly`);
      response.status(earlier.status).setHeader('Idempotent-Replayed', 'true');
      return earlier.response;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.repository.complete(organizationId, key, response.statusCode, (body ?? null) as never);
      return body;
    } catch (error) {
      await this.repository.release(organizationId, key);
      throw error;
    }
  }
}

