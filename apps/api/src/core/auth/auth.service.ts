import { Inject, Injectable } from '@nestjs/common';
import type { ChangePassword, Session } from '@minga/contracts';
import { decoyPasswordHash, verifyPassword } from '../../platform/common/password-hasher';
import { Problem } from '../../platform/common/problem';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import type { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { KnownDevicesService } from './known-devices.service';
import { PrincipalResolverService } from './principal-resolver.service';
import { RefreshTokensService, type IssuedRefreshToken } from './refresh-tokens.service';
import { SignInLockoutService } from './sign-in-lockout.service';

interface SignInAttempt {
  email: string;
  password: string;
  /** The client address, as `clientAddressOf` gives it. */
  client: string;
  deviceCookie: string | undefined;
}

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
    private readonly lockout: SignInLockoutService,
    private readonly knownDevices: KnownDevicesService,
  ) {}

  /**
   * Checks a password, counting failures per address and per email (SignInLockoutService). A known email and an
   * unknown one take the same steps, so neither the answer nor its timing tells whether an account exists.
   */
  async verifyCredentials(attempt: SignInAttempt): Promise<UserEntity> {
    const { email, password, client } = attempt;
    const user = await this.users.findWithPasswordHash(email);
    const knownDevice = user !== null && this.knownDevices.recognises(attempt.deviceCookie, user);
    const lockedUntil = await this.lockout.lockedUntil(email, client, knownDevice);
    if (lockedUntil) throw locked(lockedUntil);
    const passwordRight = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !passwordRight) {
      const lockedNow = await this.lockout.recordFailure(email, client, knownDevice);
      throw lockedNow ? locked(lockedNow) : invalidCredentials();
    }
    await this.lockout.recordSuccess(email, client);
    return user;
  }

  async startSession(userId: string, userAgent: string | undefined): Promise<IssuedSession> {
    const refresh = await this.refreshTokens.issue(userId, userAgent);
    return { session: await this.sessionFor(userId, refresh.familyId), refresh };
  }

  async refresh(refreshToken: string | undefined, userAgent: string | undefined): Promise<IssuedSession> {
    if (!refreshToken) throw new Problem('invalid_refresh_token', 'Your session has ended; sign in again');
    const refresh = await this.refreshTokens.rotate(refreshToken, userAgent);
    return { session: await this.sessionFor(refresh.userId, refresh.familyId), refresh };
  }

  async signOut(refreshToken: string | undefined): Promise<void> {
    if (refreshToken) await this.refreshTokens.revokeFamilyOf(refreshToken);
  }

  /** Changing the password signs out every other device: every session but the caller's (`currentSessionId`). */
  async changePassword(userId: string, input: ChangePassword, currentSessionId: string | null): Promise<void> {
    const hash = await this.users.passwordHashOf(userId);
    if (!hash || !(await verifyPassword(hash, input.currentPassword))) {
      throw new Problem('invalid_credentials', 'The current password is not right', [
        { path: 'currentPassword', message: 'Not your current password' },
      ]);
    }
    await this.users.setPassword(userId, input.newPassword);
    await this.refreshTokens.revokeAllForUser(userId, currentSessionId);
  }

  private async sessionFor(userId: string, sessionId: string): Promise<Session> {
    const principal = await this.principals.load(userId);
    if (!principal) throw new Problem('invalid_refresh_token', 'This account no longer exists');
    const accessToken = await this.principals.sign(userId, sessionId);
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
