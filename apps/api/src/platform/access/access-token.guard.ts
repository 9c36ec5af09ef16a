import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Problem } from '../common/problem';
import { IS_PUBLIC } from './public.decorator';
import { PRINCIPAL_RESOLVER, type PrincipalResolver } from './principal-resolver';

/** Global guard: every route needs a valid access token unless it is marked @Public(). */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PRINCIPAL_RESOLVER) private readonly resolver: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const token = bearerToken(req.headers.authorization);
    const principal = token ? await this.resolver.fromAccessToken(token) : null;
    if (!principal) throw new Problem('unauthenticated', 'Sign in to continue', undefined, { 'WWW-Authenticate': 'Bearer' });
    Object.assign(req, { user: principal, sessionId: this.resolver.sessionIdOf(token as string) });
    return true;
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}
