import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from './metrics';

/**
 * Times every HTTP request. The route label is the matched template
 * (`/api/scenarios/:id`), never the raw path, so ids do not multiply the series; GraphQL
 * is `/graphql` (its operations have their own histogram); anything unmatched is `unmatched`.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const end = httpRequestDuration.startTimer();
    response.on('finish', () => {
      end({ method: request.method, route: routeOf(request), status_code: String(response.statusCode) });
    });
    next();
  }
}

function routeOf(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${request.baseUrl}${route.path}`;
  const path = request.originalUrl.split('?')[0];
  return path === '/graphql' ? '/graphql' : 'unmatched';
}
