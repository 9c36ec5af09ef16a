// What every socket.io namespace shares: the handshake's refusals, renewing a connection's rights, connection errors.
import { z } from 'zod';
import type { ErrorCode } from './errors';

/** The per-person live channel. */
export const EVENTS_NAMESPACE = '/events';

export const REALTIME_EVENTS = {
  /**
   * client -> server, with ack: (accessToken, ack(ReauthResult)). A connection's rights end when the access token it
   * was opened with expires; the client sends a fresh token of the same person before that.
   */
  reauth: 'reauth',
} as const;

/**
 * Why the handshake was refused: socket.io's `connect_error` carries it as `message`, and as `data.code` with
 * `data.retryable`. Only `unavailable` (the server cannot check the token now, e.g. its database is unreachable) is
 * worth retrying with the same token; socket.io does not retry a refused handshake by itself.
 */
export const HANDSHAKE_ERRORS = ['unauthenticated', 'unavailable', 'too_many_connections'] as const satisfies readonly ErrorCode[];
export type HandshakeError = (typeof HANDSHAKE_ERRORS)[number];
export interface HandshakeErrorData {
  code: HandshakeError;
  retryable: boolean;
}

/**
 * Errors every namespace may send on its error event, besides its own: the connection is closed after
 * `session_expired`, `session_ended` and `slow_consumer`.
 */
export const REALTIME_ERROR_CODES = [
  'session_expired',
  'session_ended',
  'slow_consumer',
  /** Too many messages, bytes, joins or sync requests; a client that keeps on is disconnected. */
  'rate_limited',
  'unavailable',
] as const satisfies readonly ErrorCode[];
export type RealtimeErrorCode = (typeof REALTIME_ERROR_CODES)[number];

export const reauthTokenSchema = z.string().min(1).max(4096);
export type ReauthResult = { ok: true; expiresAt: string } | { ok: false; code: 'unauthenticated' | 'unavailable'; message: string };

/** Seconds before an access token's expiry at which clients renew their connections' rights (web sessions refresh 60 s ahead). */
export const REAUTH_AHEAD_SECONDS = 30;
