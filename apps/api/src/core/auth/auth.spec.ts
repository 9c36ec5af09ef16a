import { REFRESH_COOKIE } from '@minga/contracts';
import { bearer, createPerson, DEMO_PASSWORD, startTestApp, type TestApp } from '../../../test/test-app';
import { itemAt } from '../../../test/item-at';

function refreshCookieOf(res: { headers: Record<string, unknown> }): string {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const cookie = cookies.find((c) => c.startsWith(`${REFRESH_COOKIE}=`));
  if (!cookie) throw new Error('no refresh cookie set');
  return itemAt(cookie.split(';'));
}

describe('sign-in and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGN_IN_LOCK_THRESHOLD: '3', REFRESH_REUSE_GRACE_SECONDS: '0' });
  });
  afterAll(() => t.close());

  it('signs in a demo coordinator and returns their roles with an httpOnly refresh cookie', async () => {
    const res = await t
      .http()
      .post('/api/auth/session')
      .send({ email: 'Coordinator.Japan@demo.minga.dev', password: DEMO_PASSWORD })
      .expect(200);
    expect(res.body.user.email).toBe('coordinator.japan@demo.minga.dev');
    expect(res.body.user.roles).toEqual([expect.objectContaining({ role: 'coordinator', scopeName: 'Japan' })]);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith(REFRESH_COOKIE));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    const me = await t
      .http()
      .get('/api/me')
      .set(bearer({ token: res.body.accessToken }))
      .expect(200);
    expect(me.body.id).toBe(res.body.user.id);
  });

  it('answers a wrong password and an unknown email alike, with 401', async () => {
    const person = await createPerson(t);
    const wrong = await t.http().post('/api/auth/session').send({ email: person.email, password: 'not-the-password' }).expect(401);
    const unknown = await t.http().post('/api/auth/session').send({ email: 'nobody@example.test', password: 'whatever-pass' }).expect(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(unknown.body).toEqual({ ...wrong.body });
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('rejects a malformed sign-in with 400 and field messages', async () => {
    const res = await t.http().post('/api/auth/session').send({ email: 'not-an-email' }).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'password']);
  });

  it('locks an email at the address that failed repeatedly, even against the right password, then reports when', async () => {
    const person = await createPerson(t);
    for (let i = 0; i < 2; i++) {
      await t.http().post('/api/auth/session').send({ email: person.email, password: 'wrong-password' }).expect(401);
    }
    const third = await t.http().post('/api/auth/session').send({ email: person.email, password: 'wrong-password' }).expect(423);
    expect(third.body.code).toBe('account_locked');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    await t.http().post('/api/auth/session').send({ email: person.email, password: person.password }).expect(423);
  });

  it('rotates the refresh token, and a replayed old token ends the whole session family', async () => {
    const person = await createPerson(t);
    const signIn = await t.http().post('/api/auth/session').send({ email: person.email, password: person.password }).expect(200);
    const first = refreshCookieOf(signIn);
    const rotated = await t.http().post('/api/auth/session/refresh').set('Cookie', first).expect(200);
    const second = refreshCookieOf(rotated);
    expect(second).not.toBe(first);
    expect(rotated.body.user.id).toBe(person.id);

    const replay = await t.http().post('/api/auth/session/refresh').set('Cookie', first).expect(401);
    expect(replay.body.code).toBe('invalid_refresh_token');
    // The thief's replay also revoked the legitimate successor.
    await t.http().post('/api/auth/session/refresh').set('Cookie', second).expect(401);
  });

  it('signs out: the refresh token stops working', async () => {
    const person = await createPerson(t);
    const signIn = await t.http().post('/api/auth/session').send({ email: person.email, password: person.password }).expect(200);
    const cookie = refreshCookieOf(signIn);
    await t.http().delete('/api/auth/session').set('Cookie', cookie).expect(204);
    await t.http().post('/api/auth/session/refresh').set('Cookie', cookie).expect(401);
    await t.http().post('/api/auth/session/refresh').expect(401);
  });

  it('changes the password only with the current one, and signs out other devices', async () => {
    const person = await createPerson(t);
    const other = await t.http().post('/api/auth/session').send({ email: person.email, password: person.password }).expect(200);
    const bad = await t
      .http()
      .put('/api/me/password')
      .set(bearer(person))
      .send({ currentPassword: 'nope', newPassword: 'a-new-password-1' })
      .expect(401);
    expect(bad.body.errors[0].path).toBe('currentPassword');
    const short = await t
      .http()
      .put('/api/me/password')
      .set(bearer(person))
      .send({ currentPassword: person.password, newPassword: 'short' })
      .expect(400);
    expect(short.body.errors[0].path).toBe('newPassword');

    await t
      .http()
      .put('/api/me/password')
      .set(bearer(person))
      .send({ currentPassword: person.password, newPassword: 'a-new-password-1' })
      .expect(204);
    await t.http().post('/api/auth/session').send({ email: person.email, password: person.password }).expect(401);
    await t.http().post('/api/auth/session').send({ email: person.email, password: 'a-new-password-1' }).expect(200);
    await t.http().post('/api/auth/session/refresh').set('Cookie', refreshCookieOf(other)).expect(401);
  });

  it('refuses a forged or expired access token', async () => {
    await t.http().get('/api/me').set('Authorization', 'Bearer not.a.token').expect(401);
    const forged = Buffer.from(JSON.stringify({ sub: '00000000-0000-0000-0000-000000000000', typ: 'access' })).toString('base64url');
    await t.http().get('/api/me').set('Authorization', `Bearer eyJhbGciOiJub25lIn0.${forged}.`).expect(401);
  });
});

describe('sign-in rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGN_IN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 after too many sign-in attempts from one address, while other routes still work', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.http().post('/api/auth/session').send({ email: 'someone@example.test', password: 'wrong-password' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    await t.http().get('/api/health').expect(200);
  });
});
