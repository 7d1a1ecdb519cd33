import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Request } from 'express';
import type { Caller, Permission } from './permissions';

export { Public, PUBLIC_KEY } from '../../platform/http/public';
export const REQUIRES_KEY = 'auth:requires';

/** The permission a caller's role or key scopes must include (FORBIDDEN otherwise). */
export const Requires = (permission: Permission) => SetMetadata(REQUIRES_KEY, permission);

export type AuthenticatedRequest = Request & { caller?: Caller };

/** The HTTP request behind a REST route or a GraphQL operation. */
export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

/** The authenticated caller (set by AuthGuard); only on non-public routes. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = requestOf(context).caller;
  if (!caller) throw new Error('CurrentCaller used on a route the AuthGuard did not authenticate');
  return caller;
});
