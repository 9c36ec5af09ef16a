// A stand-in for the network in unit tests: routes "METHOD /path" to handlers and records every call.
import type { ProblemDetails } from '@minga/contracts';

export interface RecordedCall {
  method: string;
  path: string;
  search: URLSearchParams;
  body: unknown;
  authorization: string | null;
}

type Handler = (call: RecordedCall) => Response | Promise<Response>;

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function problem(status: number, code: string, extra: Partial<ProblemDetails> = {}): Response {
  const details: ProblemDetails = { type: `https://minga.dev/problems/${code}`, title: code, status, code, ...extra };
  return new Response(JSON.stringify(details), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

export function fakeApi(routes: Record<string, Handler>) {
  const calls: RecordedCall[] = [];
  const fetchFn = vi.fn(async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input, 'http://minga.test');
    const headers = new Headers(init.headers);
    const call: RecordedCall = {
      method: init.method ?? 'GET',
      path: url.pathname,
      search: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      authorization: headers.get('Authorization'),
    };
    calls.push(call);
    const handler = routes[`${call.method} ${call.path}`];
    return handler ? handler(call) : problem(404, 'not_found');
  });
  return { fetchFn, calls };
}

/** Replaces the global fetch, which the app's shared api client uses, for the current test. */
export function stubGlobalApi(routes: Record<string, Handler>) {
  const api = fakeApi(routes);
  vi.stubGlobal('fetch', api.fetchFn);
  return api;
}
