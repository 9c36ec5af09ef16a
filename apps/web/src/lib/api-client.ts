// The one way the web app talks to the API: JSON in and out, the access token as a Bearer header,
// one silent refresh on a 401, and every failure thrown as an ApiError carrying RFC 9457 problem details.
import { problemDetailsSchema, type ProblemDetails, type Session } from '@minga/contracts';
import { hasSessionHint, setSessionHint } from './session-hint';

/** Code for failures that never reached the API (offline, DNS, CORS); not one of the API's ERROR_CODES. */
export const NETWORK_ERROR_CODE = 'network_error';

/** Renew the access token this long before it expires, so a request never starts with a stale one. */
const REFRESH_AHEAD_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;
const REFRESH_PATH = '/api/auth/session/refresh';

export class ApiError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  /** Field-level messages keyed by the field's path (e.g. `email`, `workingHours.end`). */
  get fieldErrors(): Record<string, string> {
    const byPath: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) byPath[error.path] ??= error.message;
    return byPath;
  }
}

type QueryValue = string | number | boolean | null | undefined;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** What the answer may be; JSON (or problem details) unless a file is asked for. */
  accept?: string;
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Sign-in and sign-up answer 401 for wrong credentials: refreshing would not help there. */
  refreshOnUnauthorized?: boolean;
}

export interface DownloadedFile {
  blob: Blob;
  /** The suggested file name, or null when the answer named none. */
  filename: string | null;
}

type SessionListener = (session: Session | null) => void;
type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export class ApiClient {
  private accessToken: string | null = null;
  private refreshInFlight: Promise<Session | null> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<SessionListener>();

  // Looked up on each call, so tests can stub the global fetch after the client exists.
  constructor(private readonly fetchFn: FetchFn = (input, init) => fetch(input, init)) {}

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.read<T>(await this.sendAuthorized(path, options));
  }

  /** A file the API sends as an attachment (an export), with the name its Content-Disposition gives. */
  async requestFile(path: string, options: RequestOptions = {}): Promise<DownloadedFile> {
    const response = await this.sendAuthorized(path, { accept: '*/*', ...options });
    if (!response.ok) throw new ApiError(await readProblem(response));
    return { blob: await response.blob(), filename: filenameOf(response.headers.get('Content-Disposition')) };
  }

  /** Renews the session from the refresh cookie; concurrent callers share one request. */
  refreshSession(): Promise<Session | null> {
    this.refreshInFlight ??= this.fetchRefreshedSession().finally(() => {
      this.refreshInFlight = null;
    });
    return this.refreshInFlight;
  }

  /** The session a page load starts with: renewed from the refresh cookie, unless this browser holds none to renew. */
  restoreSession(): Promise<Session | null> {
    return hasSessionHint() ? this.refreshSession() : Promise.resolve(null);
  }

  /** The token for connections that are not fetch calls (the collaboration socket's handshake). */
  currentAccessToken(): string | null {
    return this.accessToken;
  }

  startSession(session: Session): void {
    this.accessToken = session.accessToken;
    setSessionHint(true);
    this.scheduleRefresh(session.expiresAt);
    this.notify(session);
  }

  endSession(): void {
    this.accessToken = null;
    setSessionHint(false);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.notify(null);
  }

  onSessionChange(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async fetchRefreshedSession(): Promise<Session | null> {
    try {
      const session = await this.request<Session>(REFRESH_PATH, { method: 'POST', refreshOnUnauthorized: false });
      this.startSession(session);
      return session;
    } catch (error) {
      // Only a refused refresh ends the session; a network blip or a 5xx leaves the next 401 to try again.
      if (error instanceof ApiError && error.status === 401) this.endSession();
      return null;
    }
  }

  private scheduleRefresh(expiresAt: string): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    const delay = Math.max(new Date(expiresAt).getTime() - Date.now() - REFRESH_AHEAD_MS, MIN_REFRESH_DELAY_MS);
    this.refreshTimer = setTimeout(() => void this.refreshSession(), delay);
  }

  private notify(session: Session | null): void {
    for (const listener of this.listeners) listener(session);
  }

  private async sendAuthorized(path: string, options: RequestOptions): Promise<Response> {
    const response = await this.send(path, options);
    if (response.status !== 401 || options.refreshOnUnauthorized === false) return response;
    const problem = await readProblem(response);
    // A wrong current password is a 401 too, and a new token would not make it right.
    if (problem.code === 'invalid_credentials') throw new ApiError(problem);
    const session = await this.refreshSession();
    if (!session) throw new ApiError(problem);
    return this.send(path, options);
  }

  private async send(path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Accept: options.accept ?? 'application/json, application/problem+json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.accessToken) headers['Authorization'] = `Bearer ${this.accessToken}`;
    try {
      return await this.fetchFn(withQuery(path, options.query), {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'include',
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: NETWORK_ERROR_CODE });
    }
  }

  private async read<T>(response: Response): Promise<T> {
    if (response.ok) {
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    }
    throw new ApiError(await readProblem(response));
  }
}

function withQuery(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The file name of a Content-Disposition header, preferring the UTF-8 `filename*` form (RFC 6266). */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8'[^']*'([^;]+)/i.exec(disposition);
  const encoded = extended?.[1];
  if (encoded !== undefined) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  return (plain?.[1] ?? plain?.[2])?.trim() || null;
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = problemDetailsSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  // A proxy or a crashed server may answer without problem details: keep the status, invent nothing else.
  return { type: 'about:blank', title: response.statusText, status: response.status, code: codeForStatus(response.status) };
}

function codeForStatus(status: number): string {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'service_unavailable';
  return 'internal_error';
}

export const apiClient = new ApiClient();
