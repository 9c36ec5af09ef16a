// Keeps a socket.io connection's rights alive: renewal before the access token expires, retries while the server is unavailable.
import type { Socket } from 'socket.io-client';
import { REALTIME_EVENTS, REAUTH_AHEAD_SECONDS, type HandshakeErrorData, type ReauthResult } from '@minga/contracts';

/** An access token, or a function giving the current one (a web session refreshes it before it expires). */
export type AccessTokenSource = string | (() => string | Promise<string>);

interface SocketSessionOptions {
  /** Told when the server refuses the handshake as `unavailable` (true) and when a connection succeeds again (false). */
  onUnavailable?: (unavailable: boolean) => void;
  /** Backoff of handshake retries: first delay and ceiling in ms, with ±50 % jitter. */
  retryDelayMs?: number;
  retryDelayMaxMs?: number;
}

/** While the token has not changed yet, ask again this often (the session refresh may be a moment late). */
const RENEW_RETRY_MS = 5000;

/**
 * The server ends a connection's rights when the token it was opened with expires, and refuses a handshake it cannot
 * check (its database is unreachable) as `unavailable`. This sends `reauth` with the current token shortly before
 * expiry, and retries a handshake refused as `unavailable` with backoff and jitter: socket.io retries a dropped
 * connection by itself, never a refused handshake. Returns the function that stops it.
 */
export function keepSocketSignedIn(socket: Socket, token: AccessTokenSource, options: SocketSessionOptions = {}): () => void {
  let renewTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;
  const current = () => Promise.resolve(typeof token === 'function' ? token() : token);

  const scheduleRenewal = (delayMs: number) => {
    if (renewTimer) clearTimeout(renewTimer);
    renewTimer = setTimeout(() => void renew(), delayMs);
  };
  const renewAfter = (accessToken: string, previousExpiry: number | null) => {
    const expiry = expiryOf(accessToken);
    if (expiry === null) return;
    const due = expiry - REAUTH_AHEAD_SECONDS * 1000 - Date.now();
    // The same token again (not refreshed yet): look again shortly, until it is.
    scheduleRenewal(expiry === previousExpiry ? RENEW_RETRY_MS : Math.max(RENEW_RETRY_MS, due));
  };
  let lastExpiry: number | null = null;
  const renew = async () => {
    if (stopped || !socket.connected) return;
    const accessToken = await current();
    socket.emit(REALTIME_EVENTS.reauth, accessToken, (result: ReauthResult) => {
      if (stopped) return;
      if (result.ok) {
        renewAfter(accessToken, lastExpiry);
        lastExpiry = expiryOf(accessToken);
      } else if (result.code === 'unavailable') {
        scheduleRenewal(RENEW_RETRY_MS);
      }
      // Refused as unauthenticated: the server closes the connection at expiry, and the next one signs in afresh.
    });
  };

  const onConnect = () => {
    attempt = 0;
    options.onUnavailable?.(false);
    void current().then((accessToken) => {
      lastExpiry = expiryOf(accessToken);
      renewAfter(accessToken, null);
    });
  };
  const onConnectError = (error: Error & { data?: Partial<HandshakeErrorData> }) => {
    if (!error.data?.retryable || stopped) return;
    options.onUnavailable?.(true);
    const base = Math.min(options.retryDelayMaxMs ?? 10_000, (options.retryDelayMs ?? 500) * 2 ** attempt);
    attempt += 1;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(
      () => {
        if (!stopped && !socket.connected) socket.connect();
      },
      base * (0.5 + Math.random()),
    );
  };
  const onDisconnect = (reason: string) => {
    if (renewTimer) clearTimeout(renewTimer);
    // Closed on purpose by its owner: nothing to keep alive any more.
    if (reason === 'io client disconnect') stop();
  };
  socket.on('connect', onConnect);
  socket.on('connect_error', onConnectError);
  socket.on('disconnect', onDisconnect);
  function stop() {
    stopped = true;
    if (renewTimer) clearTimeout(renewTimer);
    if (retryTimer) clearTimeout(retryTimer);
    socket.off('connect', onConnect);
    socket.off('connect_error', onConnectError);
    socket.off('disconnect', onDisconnect);
  }
  return stop;
}

/** The expiry (ms) a JWT states, read without verifying it: only to know when to renew. */
function expiryOf(accessToken: string): number | null {
  const payload = accessToken.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp * 1000 : null;
  } catch {
    return null;
  }
}
