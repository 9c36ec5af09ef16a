import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { AccessChanges } from '../../platform/access/access-changes';
import { Problem } from '../../platform/common/problem';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { RefreshTokenEntity } from './refresh-token.entity';

export interface IssuedRefreshToken {
  token: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
}

/**
 * Rotating refresh tokens: each use replaces the token; presenting a replaced token after the grace window
 * means it was stolen, so its whole family (every descendant of one sign-in) is revoked.
 */
@Injectable()
export class RefreshTokensService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accessChanges: AccessChanges,
  ) {}

  /** Whether a sign-in (a family of refresh tokens) is still signed in: its open connections keep their rights. */
  async isSessionActive(familyId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      'SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL AND expires_at > now() LIMIT 1',
      [familyId],
    );
    return rows.length > 0;
  }

  issue(userId: string, userAgent: string | undefined, familyId: string = randomUUID()): Promise<IssuedRefreshToken> {
    return this.insert(this.db.manager.getRepository(RefreshTokenEntity), userId, userAgent, familyId);
  }

  async rotate(token: string, userAgent: string | undefined): Promise<IssuedRefreshToken> {
    return this.db.transaction(async (em) => {
      const repo = em.getRepository(RefreshTokenEntity);
      const current = await repo.findOne({ where: { tokenHash: hashToken(token) }, lock: { mode: 'pessimistic_write' } });
      const invalid = new Problem('invalid_refresh_token', 'Your session has ended; sign in again');
      if (!current || current.expiresAt <= new Date()) throw invalid;
      if (current.revokedAt) {
        // Two tabs refreshing at the same moment both present the old token: within the grace window that is not theft.
        const benignRace = current.replacedAt && Date.now() - current.replacedAt.getTime() < this.config.REFRESH_REUSE_GRACE_SECONDS * 1000;
        if (!benignRace) {
          // The revocation must survive the error below, so it is committed on its own connection.
          await this.revokeFamily(current.familyId);
          this.accessChanges.endSessions({ userId: current.userId, sessionId: current.familyId });
          throw invalid;
        }
        const familyAlive = await repo.exists({ where: { familyId: current.familyId, revokedAt: IsNull() } });
        if (!familyAlive) throw invalid;
      } else {
        await repo.update({ id: current.id }, { revokedAt: new Date(), replacedAt: new Date() });
      }
      return this.insert(repo, current.userId, userAgent, current.familyId);
    });
  }

  /** Signs one device out: its session's tokens are revoked and its open connections closed. */
  async revokeFamilyOf(token: string): Promise<void> {
    const [session]: { user_id: string; family_id: string }[] = await this.db.query(
      'SELECT user_id, family_id FROM refresh_tokens WHERE token_hash = $1',
      [hashToken(token)],
    );
    if (!session) return;
    await this.revokeFamily(session.family_id);
    this.accessChanges.endSessions({ userId: session.user_id, sessionId: session.family_id });
  }

  /** Signs every other device out (a password change): all sessions of the person but `exceptSessionId`. */
  async revokeAllForUser(userId: string, exceptSessionId: string | null): Promise<void> {
    await this.db.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND family_id IS DISTINCT FROM $2::uuid`,
      [userId, exceptSessionId],
    );
    this.accessChanges.endSessions({ userId, exceptSessionId });
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);
  }

  private async insert(
    repo: Repository<RefreshTokenEntity>,
    userId: string,
    userAgent: string | undefined,
    familyId: string,
  ): Promise<IssuedRefreshToken> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await repo.insert({ userId, familyId, tokenHash: hashToken(token), expiresAt, userAgent: userAgent?.slice(0, 300) ?? null });
    return { token, userId, familyId, expiresAt };
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
