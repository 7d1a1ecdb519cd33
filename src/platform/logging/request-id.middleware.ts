import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ID_HEADER, requestIdFrom, runWithContext } from './request-context';

/** Probes and scrapes come every few seconds; their lines would drown the rest. */
const QUIET = /^\/(health|metrics)(\/|$)/;

/**
 * Gives every HTTP request an id (the caller's `X-Request-Id`, or a new one), returns it in
 * the response header, and makes it the context of everything the request does: its log
 * lines, and the simulation jobs it enqueues (the worker logs under the same id).
 */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  use(request: Request, response: Response, next: NextFunction): void {
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    response.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    runWithContext({ requestId }, () => {
      response.on('finish', () => {
        if (QUIET.test(request.originalUrl.split('?')[0])) return;
        const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
        this.logger.log({ msg: `${request.method} ${request.originalUrl} ${response.statusCode}`, requestId, method: request.method, path: request.originalUrl, status: response.statusCode, durationMs });
      });
      next();
    });
  }
}
