// Every operation the OpenAPI document lists, called with no credentials, a broken body and an empty body:
// whatever the route, errors come back as problem details and never as a 5xx.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { bearer, createPerson, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type Method = (typeof METHODS)[number];

interface Operation {
  method: Method;
  path: string;
  secured: boolean;
}

interface OpenApiDoc {
  openapi: string;
  security?: unknown[];
  paths: Record<string, Partial<Record<Method, { security?: unknown[] }>>>;
}

function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      method,
      path,
      secured: (item[method]?.security ?? doc.security ?? []).length > 0,
    })),
  );
}

/** A concrete URL for a templated path: random but well-formed values, so routes get past parameter parsing. */
function urlOf(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'token' ? randomBytes(30).toString('base64url').slice(0, 40) : randomUUID(),
  );
}

/** What is wrong with an answer, or null: an unexpected status, or an error that is not RFC 9457 problem details. */
function flaw(res: Response, allowed: (status: number) => boolean, expectedCode?: string): string | null {
  if (!allowed(res.status)) return `status ${res.status}`;
  if (res.status < 400) return null;
  if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) return `content-type ${res.headers['content-type']}`;
  const { type, title, status, code } = res.body ?? {};
  if (typeof type !== 'string' || typeof title !== 'string' || typeof code !== 'string' || status !== res.status) {
    return `body ${JSON.stringify(res.body)}`;
  }
  if (expectedCode && code !== expectedCode) return `code ${code}`;
  return null;
}

const isClientError = (status: number) => status >= 400 && status < 500;
const isNotServerError = (status: number) => status >= 200 && status < 500;

describe('OpenAPI contract', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  let operations: Operation[];
  let observer: TestPerson;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http().get('/api/openapi.json').expect(200)).body;
    operations = operationsOf(doc);
    observer = await createPerson(t, [{ role: 'observer' }]);
  });
  afterAll(() => t.close());

  /** Calls every operation and returns the ones whose answer has a flaw, as readable lines. */
  async function flawsOf(
    call: (op: Operation) => Promise<Response>,
    allowed: (op: Operation) => (status: number) => boolean,
    expectedCode?: string,
  ): Promise<string[]> {
    const found: string[] = [];
    for (const op of operations) {
      const problem = flaw(await call(op), allowed(op), expectedCode);
      if (problem) found.push(`${op.method.toUpperCase()} ${op.path}: ${problem}`);
    }
    return found;
  }

  it('publishes an OpenAPI 3.1 document with every route, and its HTML viewer', async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(operations.length).toBeGreaterThanOrEqual(20);
    expect(operations.filter((op) => op.secured).length).toBeGreaterThan(operations.length / 2);
    const viewer = await t.http().get('/api/docs').expect(200);
    expect(viewer.headers['content-type']).toMatch(/^text\/html/);
  });

  it('asks for credentials on every secured route, and never fails on a public one called without them', async () => {
    const flaws = await flawsOf(
      (op) => t.http()[op.method](urlOf(op.path)),
      (op) => (op.secured ? (status) => status === 401 : isNotServerError),
    );
    expect(flaws).toEqual([]);
  });

  it('answers a malformed JSON body on every route with a 4xx malformed_request problem', async () => {
    const flaws = await flawsOf(
      (op) => t.http()[op.method](urlOf(op.path)).set(bearer(observer)).set('Content-Type', 'application/json').send('{"x":'),
      () => isClientError,
      'malformed_request',
    );
    expect(flaws).toEqual([]);
  });

  it('answers an empty object body on every route without a server error, and any refusal as a problem', async () => {
    const flaws = await flawsOf(
      (op) => t.http()[op.method](urlOf(op.path)).set(bearer(observer)).send({}),
      () => isNotServerError,
    );
    expect(flaws).toEqual([]);
  });
});
