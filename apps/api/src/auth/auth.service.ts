import { Inject, Injectable } from '@nestjs/common';
import type { ChangePassword, Session } from '@minga/contracts';
import { decoyPasswordHash, verifyPassword } from '../common/password-hasher';
import { Problem } from '../common/problem';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { PrincipalResolverService } from './principal-resolver.service';
import { RefreshTokensService, type IssuedRefreshToken } from './refresh-tokens.service';

export interface IssuedSession {
  session: Session;
  refresh: IssuedRefreshToken;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly principals: PrincipalResolverService,
    private readonly refreshTokens: RefreshTokensService,
  ) {}

  /** Checks a password, counting failures; too many in a row lock the account for SIGN_IN_LOCK_MINUTES. */
  async verifyCredentials(email: string, password: string): Promise<UserEntity> {
    const user = await this.users.findWithPasswordHash(email);
    if (!user) {
      await verifyPassword(await decoyPasswordHash(), password);
      throw invalidCredentials();
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) throw locked(user.lockedUntil);
    if (!(await verifyPassword(user.passwordHash, password))) {
      const { lockedUntil } = await this.users.recordFailedSignIn(user.id, this.config.SIGN_IN_LOCK_THRESHOLD, this.config.SIGN_IN_LOCK_MINUTES);
      throw lockedUntil ? locked(lockedUntil) : invalidCredentials();
    }
    if (user.failedSignIns > 0 || user.lockedUntil) await this.users.recordSuccessfulSignIn(user.id);
    return user;
  }

  async startSession(userId: string, userAgent: string | undefined): Promise<IssuedSession> {
    const refresh = await this.refreshTokens.issue(userId, userAgent);
    return { session: await this.sessionFor(userId), refresh };
  }

  async refresh(refreshToken: string | undefined, userAgent: string | undefined): Promise<IssuedSession> {
    if (!refreshToken) throw new Problem('invalid_refresh_token', 'Your session has ended; sign in again');
    const refresh = await this.refreshTokens.rotate(refreshToken, userAgent);
    return { session: await this.sessionFor(refresh.userId), refresh };
  }

  async signOut(refreshToken: string | undefined): Promise<void> {
    if (refreshToken) await this.refreshTokens.revokeFamilyOf(refreshToken);
  }

  /** Changing the password signs out every other device. */
  async changePassword(userId: string, input: ChangePassword, currentRefreshToken: string | undefined): Promise<void> {
    const hash = await this.users.passwordHashOf(userId);
    if (!hash || !(await verifyPassword(hash, input.currentPassword))) {
      throw new Problem('invalid_credentials', 'The current password is not right', [
        { path: 'currentPassword', message: 'Not your current password' },
      ]);
    }
    await this.users.setPassword(userId, input.newPassword);
    await this.refreshTokens.revokeAllForUser(userId, currentRefreshToken);
  }

  private async sessionFor(userId: string): Promise<Session> {
    const principal = await this.principals.load(userId);
    if (!principal) throw new Problem('invalid_refresh_token', 'This account no longer exists');
    const accessToken = await this.principals.sign(userId);
    const expiresAt = new Date(Date.now() + this.config.ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString();
    return { accessToken, expiresAt, user: await this.users.view(userId, principal) };
  }
}

function invalidCredentials(): Problem {
  return new Problem('invalid_credentials', 'Email or password is not right');
}

function locked(until: Date): Problem {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new Problem('account_locked', `Too many failed sign-ins; try again after ${until.toISOString()}`, undefined, {
    'Retry-After': String(seconds),
  });
}
