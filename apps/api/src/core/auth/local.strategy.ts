import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import type { UserEntity } from '../users/user.entity';
import { AuthService } from './auth.service';
import { DEVICE_COOKIE } from './known-devices.service';
import { cookieOf } from './request-cookie';
import { clientAddressOf } from './sign-in-lockout.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, email: string, password: string): Promise<UserEntity> {
    return this.auth.verifyCredentials({ email, password, client: clientAddressOf(req), deviceCookie: cookieOf(req, DEVICE_COOKIE) });
  }
}
