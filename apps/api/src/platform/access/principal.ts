import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@minga/access';

/** Who is calling: set on the request by the auth guard from the access token and the user's current roles. */
export interface AuthPrincipal extends Principal {
  name: string;
  email: string;
}

/** The sign-in the caller's access token belongs to (null for a token that names none); set by the auth guard. */
export const CurrentSession = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | null => ctx.switchToHttp().getRequest().sessionId ?? null,
);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthPrincipal => ctx.switchToHttp().getRequest().user,
);
