import { ApiClient, ApiError, filenameOf, NETWORK_ERROR_CODE } from './api-client';
import { fakeApi, json, problem } from '../testing/fake-api';
import { session, user } from '../testing/fixtures';

const REFRESH = 'POST /api/auth/session/refresh';

function bearerOf(token: string) {
  return `Bearer ${token}`;
}

describe('ApiClient', () => {
  it('refreshes the session once on a 401 and retries the call with the new token', async () => {
    const api = fakeApi({
      'GET /api/hubs': (call) => (call.authorization === bearerOf('fresh') ? json(200, []) : problem(401, 'unauthenticated')),
      [REFRESH]: () => json(200, session(user(), 'fresh')),
    });
    const client = new ApiClient(api.fetchFn);
    client.startSession(session(user(), 'stale'));

    await expect(client.request('/api/hubs')).resolves.toEqual([]);

    expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/hubs', REFRESH, 'GET /api/hubs']);
    expect(api.calls[2]?.authorization).toBe(bearerOf('fresh'));
  });

  it('shares one refresh between requests that fail together', async () => {
    const api = fakeApi({
      'GET /api/hubs': (call) => (call.authorization === bearerOf('fresh') ? json(200, []) : problem(401, 'unauthenticated')),
      'GET /api/me': (call) => (call.authorization === bearerOf('fresh') ? json(200, user()) : problem(401, 'unauthenticated')),
      [REFRESH]: () => json(200, session(user(), 'fresh')),
    });
    const client = new ApiClient(api.fetchFn);

    await Promise.all([client.request('/api/hubs'), client.request('/api/me')]);

    expect(api.calls.filter((call) => `${call.method} ${call.path}` === REFRESH)).toHaveLength(1);
  });

  it('ends the session and throws the original problem when the refresh is refused', async () => {
    const api = fakeApi({
      'GET /api/hubs': () => problem(401, 'unauthenticated', { detail: 'Token expired' }),
      [REFRESH]: () => problem(401, 'invalid_refresh_token'),
    });
    const client = new ApiClient(api.fetchFn);
    const sessions: unknown[] = [];
    client.onSessionChange((next) => sessions.push(next));
    client.startSession(session(user(), 'stale'));

    const error = await client.request('/api/hubs').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated', message: 'Token expired' });
    expect(sessions.at(-1)).toBeNull();
    expect(api.calls.filter((call) => call.path === '/api/hubs')).toHaveLength(1);
  });

  it('does not refresh when the 401 says the credentials are wrong', async () => {
    const api = fakeApi({ 'PUT /api/me/password': () => problem(401, 'invalid_credentials') });
    const client = new ApiClient(api.fetchFn);

    await expect(client.request('/api/me/password', { method: 'PUT', body: {} })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(api.calls).toHaveLength(1);
  });

  it('exposes field errors of a problem by path', async () => {
    const api = fakeApi({
      'POST /api/invitations': () => problem(400, 'validation_failed', { errors: [{ path: 'email', message: 'Invalid email address' }] }),
    });
    const client = new ApiClient(api.fetchFn);

    const error = await client.request('/api/invitations', { method: 'POST', body: {} }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors).toEqual({ email: 'Invalid email address' });
  });

  it('turns a failed connection into a network_error problem', async () => {
    const client = new ApiClient(() => Promise.reject(new TypeError('Failed to fetch')));

    await expect(client.request('/api/hubs')).rejects.toMatchObject({ code: NETWORK_ERROR_CODE, status: 0 });
  });

  it('keeps the status of an error answer that carries no problem details', async () => {
    const client = new ApiClient(() => Promise.resolve(new Response('Bad gateway', { status: 502 })));

    await expect(client.request('/api/hubs')).rejects.toMatchObject({ status: 502, code: 'internal_error' });
  });

  it('sends JSON with credentials and leaves empty query values out of the URL', async () => {
    const api = fakeApi({ 'GET /api/users': () => json(200, { items: [], nextCursor: null }) });
    const client = new ApiClient(api.fetchFn);

    await client.request('/api/users', { query: { hubId: 'h1', role: undefined, q: '' } });

    expect(api.calls[0]?.search.toString()).toBe('hubId=h1');
    expect(api.fetchFn.mock.calls[0]?.[1]).toMatchObject({ credentials: 'include' });
  });

  it('returns nothing for 204 No Content', async () => {
    const client = new ApiClient(() => Promise.resolve(new Response(null, { status: 204 })));

    await expect(client.request('/api/auth/session', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('fetches a file with the token after one refresh, named by its Content-Disposition', async () => {
    const api = fakeApi({
      'GET /api/drafts/d-1/export': (call) =>
        call.authorization === bearerOf('fresh')
          ? new Response('# Plan', {
              status: 200,
              headers: {
                'Content-Type': 'text/markdown',
                'Content-Disposition': `attachment; filename="draft.md"; filename*=UTF-8''%E8%A8%88%E7%94%BB.md`,
              },
            })
          : problem(401, 'unauthenticated'),
      [REFRESH]: () => json(200, session(user(), 'fresh')),
    });
    const client = new ApiClient(api.fetchFn);
    client.startSession(session(user(), 'stale'));

    const file = await client.requestFile('/api/drafts/d-1/export', { query: { format: 'markdown' } });

    expect(file.filename).toBe('計画.md');
    await expect(file.blob.text()).resolves.toBe('# Plan');
    expect(api.calls.at(-1)?.search.get('format')).toBe('markdown');
  });

  it('throws the problem of a file request that fails', async () => {
    const client = new ApiClient(() => Promise.resolve(problem(403, 'forbidden')));

    await expect(client.requestFile('/api/drafts/d-1/export')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('filenameOf', () => {
  it.each([
    ['attachment; filename="plan.docx"', 'plan.docx'],
    ['attachment; filename=plan.txt', 'plan.txt'],
    ['attachment; filename="draft.md"; filename*=UTF-8\'\'Plan%20de%20datos.md', 'Plan de datos.md'],
    ["attachment; filename*=UTF-8'es'Plan.md", 'Plan.md'],
    ['attachment', null],
    [null, null],
  ])('reads %s as %s', (header, expected) => {
    expect(filenameOf(header)).toBe(expected);
  });
});
