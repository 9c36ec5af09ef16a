import type { AuthPrincipal } from './principal';

/**
 * Turns an access token into the caller with their current roles. Declared here and provided by the auth
 * module, so HTTP guards and socket middleware share it without infrastructure importing a domain.
 */
export const PRINCIPAL_RESOLVER = Symbol('PRINCIPAL_RESOLVER');

export interface PrincipalResolver {
  fromAccessToken(token: string): Promise<AuthPrincipal | null>;
  /** The person with their roles as they are now (after a role change). */
  load(userId: string): Promise<AuthPrincipal | null>;
}
