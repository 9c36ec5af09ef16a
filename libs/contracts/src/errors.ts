// The one catalogue of errors. Every code the API answers over HTTP or sends on a socket is here, with its HTTP status
// and its English detail; the API builds problem details and socket errors from it, the OpenAPI document lists it, and
// the web app translates each code as errors.<code>, with the same {{parameters}}.

interface ErrorSpec {
  /** The HTTP status of the answer; null for codes only sent on sockets. */
  status: number | null;
  /** English detail; `{{name}}` marks a parameter, which the error carries in `params` for translations. */
  detail: string;
}

export const ERRORS = {
  validation_failed: { status: 400, detail: 'The request is not valid' },
  malformed_request: { status: 400, detail: 'The request could not be understood' },
  unauthenticated: { status: 401, detail: 'Sign in first' },
  invalid_credentials: { status: 401, detail: 'The email or password is not correct' },
  invalid_refresh_token: { status: 401, detail: 'The session has ended; sign in again' },
  forbidden: { status: 403, detail: 'You may not do this' },
  not_found: { status: 404, detail: 'No such resource' },
  /** A unique value taken by a request that raced another. */
  already_exists: { status: 409, detail: 'This already exists' },
  email_taken: { status: 409, detail: 'An account with this email exists' },
  /** The text a suggestion or a selection covered has changed since the client saw it. */
  text_changed: { status: 409, detail: 'The text changed since you saw it' },
  hub_key_taken: { status: 409, detail: 'A hub with this key exists' },
  city_name_taken: { status: 409, detail: 'A city with this name exists in this country' },
  plan_exists: { status: 409, detail: '{{city}} already has an action plan for {{policy}}' },
  plan_ambiguous: { status: 409, detail: 'This city has several action plans: choose one (actionPlanId)' },
  plan_missing: { status: 409, detail: 'This city has no action plan yet; create it first' },
  kpi_limit_reached: { status: 409, detail: 'A plan holds at most {{max}} KPIs' },
  kpi_name_taken: { status: 409, detail: 'This plan already has a KPI named {{name}}' },
  measurement_exists: { status: 409, detail: 'This KPI already has a measurement on {{date}}' },
  milestone_limit_reached: { status: 409, detail: 'A plan holds at most {{max}} milestones' },
  cohort_has_no_members: { status: 409, detail: 'The cohort has no members yet: add cities or experts first' },
  cohort_has_meetings: { status: 409, detail: 'The cohort has meetings; it cannot be deleted' },
  meeting_cancelled: { status: 409, detail: 'The meeting is cancelled' },
  meeting_over: { status: 409, detail: 'The meeting is over' },
  action_item_in_plan: { status: 409, detail: 'This action item is in an action plan already' },
  minutes_not_draft: { status: 409, detail: 'Only draft minutes can be changed or approved' },
  minutes_not_approved: { status: 409, detail: 'Only approved minutes can be published' },
  draft_transition_invalid: {
    status: 409,
    detail: 'A draft in {{from}} cannot move to {{to}}; allowed next statuses: {{allowed}}',
  },
  comment_deleted: { status: 409, detail: 'A deleted comment cannot be edited' },
  suggestion_resolved: { status: 409, detail: 'This suggestion was already {{state}}' },
  invitation_accepted: { status: 409, detail: 'This invitation was already accepted' },
  feed_limit_reached: { status: 409, detail: 'At most {{max}} active feeds: revoke one first' },
  invitation_invalid: { status: 410, detail: 'This invitation is no longer valid' },
  payload_too_large: { status: 413, detail: 'The request is too large' },
  account_locked: { status: 423, detail: 'Too many failed sign-ins; try again later' },
  rate_limited: { status: 429, detail: 'Too many requests; try again shortly' },
  internal_error: { status: 500, detail: 'Something went wrong on our side' },
  service_unavailable: { status: 503, detail: 'The service is unavailable; try again shortly' },

  // Sent on sockets only.
  /** The server cannot reach its database now; retry later (the socket form of service_unavailable). */
  unavailable: { status: null, detail: 'The server cannot do this right now; retrying' },
  too_many_connections: { status: null, detail: 'Too many connections for this person' },
  /** The access token expired and no `reauth` renewed it. */
  session_expired: { status: null, detail: 'The session expired' },
  /** The person signed out, or changed their password on another device. */
  session_ended: { status: null, detail: 'The session ended' },
  /** The client does not read what the server sends it; its backlog passed the limit. */
  slow_consumer: { status: null, detail: 'The connection fell too far behind' },
  not_joined: { status: null, detail: 'Join first' },
  unknown_document: { status: null, detail: 'No such document' },
  read_only: { status: null, detail: 'You may read this document but not change it' },
  malformed_message: { status: null, detail: 'The message could not be understood' },
  message_too_large: { status: null, detail: 'The message is larger than the server accepts' },
  /** The update would not integrate completely (it depends on changes the document does not have): nothing of it was kept. */
  invalid_update: { status: null, detail: 'The update was refused' },
  /** The update adds content the editor does not have (another root, an unknown node or mark): nothing of it was kept. */
  unsupported_content: { status: null, detail: 'The update adds content the editor does not have' },
  /** A presence update named another connection's client, or more clients than one connection may have. */
  presence_not_yours: { status: null, detail: 'The presence update is not this connection’s' },
  host_only: { status: null, detail: 'Only the host may do this' },
  unknown_agenda_item: { status: null, detail: 'No such agenda item' },
  unknown_poll: { status: null, detail: 'No such poll' },
  unknown_option: { status: null, detail: 'Choose options of this poll' },
  poll_closed: { status: null, detail: 'The poll is closed' },
  /** A single-choice poll got several options. */
  too_many_options: { status: null, detail: 'This poll takes one option' },
  /** Ending a meeting that has not started or is already over. */
  not_live: { status: null, detail: 'The meeting is not under way' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

type ParamNames<Detail extends string> = Detail extends `${string}{{${infer Name}}}${infer Rest}` ? Name | ParamNames<Rest> : never;
/** The parameters a code's detail names, e.g. `{ max: number }` for kpi_limit_reached. */
export type ErrorParams<Code extends ErrorCode> = { [Name in ParamNames<(typeof ERRORS)[Code]['detail']>]: string | number };
/** Whether a code's detail takes parameters (then the error must carry them). */
export type HasErrorParams<Code extends ErrorCode> = [ParamNames<(typeof ERRORS)[Code]['detail']>] extends [never] ? false : true;

/** The codes answered over HTTP with a given status. */
export function errorCodesWithStatus(status: number): ErrorCode[] {
  return ERROR_CODES.filter((code) => ERRORS[code].status === status);
}

/** The English detail of a code with its parameters filled in. */
export function errorDetail(code: ErrorCode, params: Readonly<Record<string, string | number>> = {}): string {
  return ERRORS[code].detail.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
}

export function problemTypeUri(code: ErrorCode): string {
  return `https://minga.dev/problems/${code.replace(/_/g, '-')}`;
}
