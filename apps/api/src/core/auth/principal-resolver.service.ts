import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Subscription } from 'rxjs';
import { AccessChanges } from '../../platform/access/access-changes';
import type { AuthPrincipal } from '../../platform/access/principal';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import type { PrincipalResolver, VerifiedAccessToken } from '../../platform/access/principal-resolver';
import { RolesService } from '../roles/roles.service';
import { UsersService } from '../users/users.service';
import { RefreshTokensService } from './refresh-tokens.service';

interface AccessTokenClaims {
  sub: string;
  typ: 'access';
  /** The sign-in (refresh token family) the token was issued for. */
  sid?: string;
  exp?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Bounds the memory of the principal cache; the oldest entries go first. */
const MAX_CACHED_PRINCIPALS = 10_000;
/**
 * A grant inside a larger transaction (accepting an invitation) is announced before that transaction commits: for
 * this long after a change, a person's roles are read but not kept, so a read from before the commit never sticks.
 */
const SETTLE_AFTER_CHANGE_MS = 2_000;

/**
 * Roles are read from the database, not baked into the token. A request reuses the principal of the same person's
 * requests of the last few seconds (PRINCIPAL_CACHE_SECONDS): the two queries behind it were most of the cost of a
 * cached read. A grant or revocation in this process drops the entry at once, so a revoked role stops working at
 * once here; another instance sees it when its entry expires.
 */
@Injectable()
export class PrincipalResolverService implements PrincipalResolver, OnModuleDestroy {
  private readonly recent = new Map<string, { principal: AuthPrincipal; until: number }>();
  private readonly changedAt = new Map<string, number>();
  /** Bumped by every access change, so a load that raced with one is not cached. */
  private generation = 0;
  private readonly subscription: Subscription;

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly roles: RolesService,
    private readonly refreshTokens: RefreshTokensService,
    accessChanges: AccessChanges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.subscription = accessChanges.userChanged$.subscribe((userId) => {
      this.generation += 1;
      this.recent.delete(userId);
      this.changedAt.set(userId, Date.now());
      for (const [id, at] of this.changedAt) if (Date.now() - at > SETTLE_AFTER_CHANGE_MS) this.changedAt.delete(id);
    });
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** An access token of a sign-in (`sessionId`: its refresh token family), so ending that sign-in can end its sockets. */
  sign(userId: string, sessionId: string): Promise<string> {
    const claims: AccessTokenClaims = { sub: userId, typ: 'access', sid: sessionId };
    return this.jwt.signAsync(claims);
  }

  async fromAccessToken(token: string): Promise<AuthPrincipal | null> {
    const claims = await this.claimsOf(token);
    return claims ? this.loadRecent(claims.sub) : null;
  }

  async verifyAccessToken(token: string): Promise<VerifiedAccessToken | null> {
    const claims = await this.claimsOf(token);
    if (!claims || typeof claims.exp !== 'number') return null;
    const sessionId = typeof claims.sid === 'string' && UUID.test(claims.sid) ? claims.sid : null;
    const [principal, active] = await Promise.all([
      this.loadRecent(claims.sub),
      sessionId ? this.refreshTokens.isSessionActive(sessionId) : Promise.resolve(true),
    ]);
    return principal && active ? { principal, expiresAt: claims.exp * 1000, sessionId } : null;
  }

  subjectOf(token: string): string | null {
    const claims = this.jwt.decode<Partial<AccessTokenClaims> | null>(token);
    return typeof claims?.sub === 'string' && UUID.test(claims.sub) ? claims.sub : null;
  }

  sessionIdOf(token: string): string | null {
    const claims = this.jwt.decode<Partial<AccessTokenClaims> | null>(token);
    return typeof claims?.sid === 'string' && UUID.test(claims.sid) ? claims.sid : null;
  }

  /** The claims of a valid, unexpired access token; a subject that is not a user id is no user. */
  private async claimsOf(token: string): Promise<AccessTokenClaims | null> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !UUID.test(claims.sub)) return null;
    return claims;
  }

  private async loadRecent(userId: string): Promise<AuthPrincipal | null> {
    const ttlMs = this.config.PRINCIPAL_CACHE_SECONDS * 1000;
    const hit = this.recent.get(userId);
    if (hit && hit.until > Date.now()) return hit.principal;
    const generation = this.generation;
    const principal = await this.load(userId);
    const settled = Date.now() - (this.changedAt.get(userId) ?? 0) > SETTLE_AFTER_CHANGE_MS;
    if (principal && ttlMs > 0 && generation === this.generation && settled) {
      this.recent.delete(userId);
      this.recent.set(userId, { principal, until: Date.now() + ttlMs });
      if (this.recent.size > MAX_CACHED_PRINCIPALS) this.recent.delete(this.recent.keys().next().value as string);
    }
    return principal;
  }

  /** Always from the database: used where a change must be seen at once (re-deciding open connections). */
  async load(userId: string): Promise<AuthPrincipal | null> {
    const [user, roles] = await Promise.all([this.users.findEntity(userId), this.roles.principalRolesFor(userId)]);
    return user ? { id: user.id, name: user.name, email: user.email, roles } : null;
  }
}
