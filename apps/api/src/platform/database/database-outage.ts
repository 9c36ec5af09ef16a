// Tells a database outage (nothing to do but wait and retry) from a failed query (a bug or a conflict).

/** Socket errors of a connection that could not be made or was lost. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is there but will not serve: class 08 (connection exception) is matched by prefix;
 * 57P01-57P03 are an administrator's or a crash's shutdown and a server still starting; 53300 is too many connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres reports a lost or impossible connection with these messages and no code. */
const PG_CONNECTION_MESSAGES = [
  /^Connection terminated/, // unexpectedly, or due to connection timeout
  /timeout exceeded when trying to connect/, // the pool's connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable/,
];

/**
 * True when an error means that the database cannot be reached or will not serve right now, so the request may
 * succeed when retried a little later (HTTP 503 with Retry-After; a socket's "try again"). Looks through the
 * wrappers TypeORM and Node put around the driver's error (`driverError`, `cause`, AggregateError's `errors`).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [err];
  while (pending.length) {
    const current = pending.pop();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, message, driverError, cause, errors } = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
      return true;
    if (typeof message === 'string' && PG_CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return true;
    pending.push(driverError, cause, ...(Array.isArray(errors) ? errors : []));
  }
  return false;
}

/** How long a client is told to wait before retrying during an outage (the Retry-After header, in seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
