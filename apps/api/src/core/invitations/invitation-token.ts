import { createHash, randomBytes } from 'node:crypto';

/** The link carries the token; the database keeps only its hash, so a leaked table cannot be used to sign up. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
