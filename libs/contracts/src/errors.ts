// Stable error codes: the API sends them in problem details; the web app translates them.
export const ERROR_CODES = {
  validation_failed: 400,
  malformed_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_refresh_token: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  /** The text a suggestion or a selection covered has changed since the client saw it. */
  text_changed: 409,
  invitation_invalid: 410,
  account_locked: 423,
  payload_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export function problemTypeUri(code: ErrorCode): string {
  return `https://minga.dev/problems/${code.replace(/_/g, '-')}`;
}
