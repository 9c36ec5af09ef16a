import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ZodValidationException } from 'nestjs-zod';
import type { Request } from 'express';
import { signInSchema } from '@minga/contracts';

/** Guards run before pipes: validate the body first so a malformed sign-in is a 400, not a 401. */
@Injectable()
export class SignInBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const parsed = signInSchema.safeParse(req.body);
    if (!parsed.success) throw new ZodValidationException(parsed.error);
    req.body = parsed.data;
    return true;
  }
}

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {}

export const SIGN_IN_ROUTE = 'minga:sign-in-route';
/** Marks the routes that try passwords; the stricter `sign-in` rate limit applies only to them. */
export const SignInRoute = () => SetMetadata(SIGN_IN_ROUTE, true);
