import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Subscription } from 'rxjs';
import { AccessChanges } from '../access/access-changes';
import type { AuthPrincipal } from '../access/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { PrincipalResolver } from '../access/principal-resolver';
import { RolesService } from '../roles/roles.service';
import { UsersService } from '../users/users.service';

interface AccessTokenClaims {
  sub: string;
  typ: 'access';
}

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

  sign(userId: string): Promise<string> {
    const claims: AccessTokenClaims = { sub: userId, typ: 'access' };
    return this.jwt.signAsync(claims);
  }

  async fromAccessToken(token: string): Promise<AuthPrincipal | null> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') return null;
    return this.loadRecent(claims.sub);
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
