import type { AuthPrincipal } from './principal';

/**
 * Turns an access token into the caller with their current roles. Declared here and provided by the auth
 * module, so HTTP guards and socket middleware share it without infrastructure importing a domain.
 */
export const PRINCIPAL_RESOLVER = Symbol('PRINCIPAL_RESOLVER');

/** An access token checked in full: signature, expiry, and that its session is still signed in. */
export interface VerifiedAccessToken {
  principal: AuthPrincipal;
  /** When the token expires (ms since the epoch). */
  expiresAt: number;
  /** The sign-in the token was issued for, or null for a token that names none. */
  sessionId: string | null;
}

export interface PrincipalResolver {
  /**
   * For long-lived connections: null when the token is invalid, expired or its session ended; throws when that cannot
   * be told now (the database is unreachable), which a caller must not report as a refusal.
   */
  verifyAccessToken(token: string): Promise<VerifiedAccessToken | null>;
  fromAccessToken(token: string): Promise<AuthPrincipal | null>;
  /** The person a token names, read without verifying it (only to turn a known flooder away cheaply), or null. */
  subjectOf(token: string): string | null;
  /** The sign-in a token already verified names (its `sid`), or null. */
  sessionIdOf(token: string): string | null;
  /** The person with their roles as they are now (after a role change). */
  load(userId: string): Promise<AuthPrincipal | null>;
}
