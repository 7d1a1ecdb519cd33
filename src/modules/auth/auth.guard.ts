import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '../../platform/errors/domain-errors';
import { PUBLIC_KEY, requestOf, REQUIRES_KEY } from './auth.decorators';
import { AuthService } from './auth.service';
import type { Permission } from './permissions';

/**
 * The API's one gate (registered globally): every REST route and GraphQL resolver needs a
 * valid `Authorization: Bearer <token or API key>` unless marked @Public(), and the
 * permission it names with @Requires(). The caller is put on the request for
 * @CurrentCaller().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = requestOf(context);
    const caller = await this.auth.authenticate(request.headers.authorization);
    request.caller = caller;
    const needed = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRES_KEY, targets);
    if (needed && !caller.permissions.has(needed)) throw new ForbiddenError(needed);
    return true;
  }
}
