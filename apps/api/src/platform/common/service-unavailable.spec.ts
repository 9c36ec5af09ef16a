// While the database cannot be reached, REST says so (503, Retry-After) instead of failing (500), and recovers by itself.
import { bearer, createPerson, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { TcpProxy } from '../../../test/tcp-proxy';

describe('REST during a database outage', () => {
  const proxy = new TcpProxy();
  let t: TestApp;
  let person: TestPerson;

  beforeAll(async () => {
    const database = new URL(process.env['MINGA_TEST_DATABASE_URL'] ?? '');
    const port = await proxy.start(database.hostname, Number(database.port || 5432));
    const throughProxy = new URL(database);
    throughProxy.hostname = '127.0.0.1';
    throughProxy.port = String(port);
    // No principal cache: every request reads the database, as a first request after the cache expired does.
    t = await startTestApp({
      DATABASE_URL: throughProxy.toString(),
      PRINCIPAL_CACHE_SECONDS: '0',
    });
    person = await createPerson(t);
  });
  afterAll(async () => {
    proxy.restore();
    await t.close();
    await proxy.close();
  });
  afterEach(() => proxy.restore());

  const expectUnavailable = (res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }) => {
    expect({
      status: res.status,
      code: res.body['code'],
      retryAfter: res.headers['retry-after'],
    }).toEqual({
      status: 503,
      code: 'service_unavailable',
      retryAfter: '5',
    });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: expect.stringContaining('service-unavailable'),
      title: expect.any(String),
      status: 503,
      instance: '/api/me',
    });
  };

  it('answers 503 with Retry-After while the database refuses connections, and 200 again once it is back', async () => {
    await t.http().get('/api/me').set(bearer(person)).expect(200);
    proxy.cut();
    expectUnavailable(await t.http().get('/api/me').set(bearer(person)));
    expectUnavailable(await t.http().get('/api/me').set(bearer(person)));
    proxy.restore();
    const res = await t.http().get('/api/me').set(bearer(person)).expect(200);
    expect(res.body.email).toBe(person.email);
  });

  it('answers 503 when the database stops answering at all, once connecting times out, instead of hanging', async () => {
    proxy.cut({ silent: true });
    expectUnavailable(await t.http().get('/api/me').set(bearer(person)));
    proxy.restore();
    await t.http().get('/api/me').set(bearer(person)).expect(200);
  });
});
