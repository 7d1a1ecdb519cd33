import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { GqlArgumentsHost, GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { DomainError, RateLimitedError, ServiceUnavailableError } from './domain-errors';
import { dependencyOf } from './unavailable';

const HTTP_STATUS: Record<string, number> = {
  NOT_FOUND: HttpStatus.NOT_FOUND,
  BAD_USER_INPUT: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  CONFLICT: HttpStatus.CONFLICT,
  INTERNAL_SERVER_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
};

/** What every error looks like on the wire: a stable code, a message, optional details. */
interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * The one place errors are translated: domain errors keep their code; validation
 * failures from the global pipe become BAD_USER_INPUT; anything else is logged and
 * answered as INTERNAL_SERVER_ERROR without internals.
 */
@Catch()
export class AllExceptionsFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost) {
    const body = this.toBody(exception);
    if (host.getType<GqlContextType>() === 'graphql') {
      GqlArgumentsHost.create(host);
      return new GraphQLError(body.message, { extensions: { code: body.code, ...body.details } });
    }
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : isClientHttpError(exception)
          ? exception.status
          : (HTTP_STATUS[body.code] ?? HttpStatus.INTERNAL_SERVER_ERROR);
    const response = host.switchToHttp().getResponse<Response>();
    // RFC 6750 §3: a 401 names the scheme the client should use.
    if (body.code === 'UNAUTHENTICATED') response.setHeader('WWW-Authenticate', 'Bearer realm="kube-netlab"');
    if (status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '5');
    // RFC 6585 §4: a 429 may say how long to wait.
    if (exception instanceof RateLimitedError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(status).json({ error: body });
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return { code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse() as string | { message?: string | string[] };
      const messages = typeof response === 'string' ? [response] : [response.message ?? exception.message].flat();
      if (status === HttpStatus.BAD_REQUEST || status === HttpStatus.PAYLOAD_TOO_LARGE) {
        return { code: 'BAD_USER_INPUT', message: messages.join('; '), details: { problems: messages } };
      }
      if (status === HttpStatus.NOT_FOUND) return { code: 'NOT_FOUND', message: messages.join('; ') };
      return { code: HttpStatus[status] ?? 'ERROR', message: messages.join('; ') };
    }
    if (isClientHttpError(exception)) {
      // body-parser's errors (malformed JSON, payload too large) are http-errors with `expose`.
      return { code: 'BAD_USER_INPUT', message: exception.message, details: { status: exception.status } };
    }
    if (exception instanceof GraphQLError) {
      return { code: String(exception.extensions?.code ?? 'BAD_USER_INPUT'), message: exception.message };
    }
    const dependency = dependencyOf(exception);
    if (dependency) {
      this.logger.warn(`${dependency} unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      return this.toBody(new ServiceUnavailableError(dependency));
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' };
  }
}

function isClientHttpError(error: unknown): error is Error & { status: number } {
  const candidate = error as { status?: unknown; expose?: unknown };
  return (
    error instanceof Error &&
    candidate.expose === true &&
    typeof candidate.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500
  );
}
