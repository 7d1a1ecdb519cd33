/**
 * Errors the service raises on purpose. Each carries a stable code; one filter
 * (exception.filter.ts) turns them into HTTP statuses and GraphQL `extensions.code`.
 * Ordinary negative outcomes of a simulation are results, never these.
 */
import type { Diagnostic } from '../../engine';

export type ErrorCode = 'NOT_FOUND' | 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'SERVICE_UNAVAILABLE' | 'RATE_LIMITED';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra, machine-readable detail sent to the client with the message. */
  readonly details: Record<string, unknown> = {};
}

/** Asked for something that does not exist. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(kind: string, id: string) {
    super(`${kind} ${id} not found`);
    this.details.kind = kind;
    this.details.id = id;
  }
}

/** Input refused before anything was stored: each diagnostic names file, line and column. */
export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string, diagnostics: Diagnostic[] = [], details: Record<string, unknown> = {}) {
    super(message);
    if (diagnostics.length) this.details.diagnostics = diagnostics;
    Object.assign(this.details, details);
  }
}

/** No credentials, or credentials that prove nothing (bad token, revoked key, wrong password). */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'authentication required: send Authorization: Bearer <token or API key>') {
    super(message);
  }
}

/** A known caller whose role or key scopes do not allow the operation. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(permission: string, message = `not allowed: this operation needs the "${permission}" permission`) {
    super(message);
    this.details.permission = permission;
  }
}

/** A dependency (Postgres, Redis) cannot be reached; the same request works once it is back. */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(dependency: string) {
    super(`${dependency} is unavailable; try again shortly`);
    this.details.dependency = dependency;
  }
}

/** The request clashes with one under way (the same Idempotency-Key still being answered). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

/**
 * Too many requests or too many unfinished runs for the caller's organization. Answered
 * 429 with Retry-After (seconds); the same request works once the window or a run ends.
 */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    Object.assign(this.details, details, { retryAfterSeconds });
  }
}
