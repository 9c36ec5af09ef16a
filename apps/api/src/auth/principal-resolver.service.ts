import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthPrincipal } from '../access/principal';
import type { PrincipalResolver } from '../access/principal-resolver';
import { RolesService } from '../roles/roles.service';
import { UsersService } from '../users/users.service';

interface AccessTokenClaims {
  sub: string;
  typ: 'access';
}

/** Roles are read on every request, not baked into the token, so a revoked role stops working at once. */
@Injectable()
export class PrincipalResolverService implements PrincipalResolver {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly roles: RolesService,
  ) {}

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
    return this.load(claims.sub);
  }

  async load(userId: string): Promise<AuthPrincipal | null> {
    const [user, roles] = await Promise.all([this.users.findEntity(userId), this.roles.principalRolesFor(userId)]);
    return user ? { id: user.id, name: user.name, email: user.email, roles } : null;
  }
}
