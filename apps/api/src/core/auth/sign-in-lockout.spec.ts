import { randomBytes, randomInt } from 'node:crypto';
import { createPerson, startTestApp, type TestApp } from '../../../test/test-app';
import { itemAt } from '../../../test/item-at';

const PAIR_THRESHOLD = 5;
const ACCOUNT_THRESHOLD = 10;

/** A client address of its own per call, so tests never share a counter. */
function newAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

function signIn(t: TestApp, from: string, email: string, password: string, cookie?: string) {
  const req = t.http().post('/api/auth/session').set('X-Forwarded-For', from);
  if (cookie) req.set('Cookie', cookie);
  return req.send({ email, password });
}

function deviceCookieOf(res: { headers: Record<string, unknown> }): string {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const cookie = cookies.find((c) => c.startsWith('minga_device='));
  if (!cookie) throw new Error('no known-device cookie set');
  return cookie;
}

async function failures(t: TestApp, from: string, email: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await signIn(t, from, email, 'wrong-password')).status);
  return statuses;
}

describe('sign-in lockout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '1', SIGN_IN_ACCOUNT_LOCK_THRESHOLD: String(ACCOUNT_THRESHOLD) });
  });
  afterAll(() => t.close());

  it('locks only the address that failed: the owner still signs in from another address', async () => {
    const person = await createPerson(t);
    const attacker = newAddress();
    expect(await failures(t, attacker, person.email, PAIR_THRESHOLD)).toEqual([401, 401, 401, 401, 423]);
    await signIn(t, attacker, person.email, person.password).expect(423);

    await signIn(t, newAddress(), person.email, person.password).expect(200);
  });

  it('answers an unknown email exactly as a known one, lock included', async () => {
    const person = await createPerson(t);
    const unknown = `nobody-${randomBytes(5).toString('hex')}@example.test`;
    const [knownFrom, unknownFrom] = [newAddress(), newAddress()];
    const known = await failures(t, knownFrom, person.email, PAIR_THRESHOLD + 1);
    const stranger = await failures(t, unknownFrom, unknown, PAIR_THRESHOLD + 1);
    expect(stranger).toEqual(known);
    expect(known.slice(-2)).toEqual([423, 423]);

    const knownLocked = await signIn(t, knownFrom, person.email, 'wrong-password').expect(423);
    const strangerLocked = await signIn(t, unknownFrom, unknown, 'wrong-password').expect(423);
    // The detail names the moment the lock ends, which differs by the milliseconds between the two requests.
    expect({ ...strangerLocked.body, detail: null }).toEqual({ ...knownLocked.body, detail: null });
    expect(knownLocked.body.code).toBe('account_locked');
    expect(Number(knownLocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Math.abs(Number(strangerLocked.headers['retry-after']) - Number(knownLocked.headers['retry-after']))).toBeLessThanOrEqual(2);
  });

  it('after failures from many addresses, lets in only a device that signed in before', async () => {
    const person = await createPerson(t);
    const unknown = `nobody-${randomBytes(5).toString('hex')}@example.test`;
    const known = await signIn(t, newAddress(), person.email, person.password).expect(200);
    const deviceCookie = deviceCookieOf(known);
    expect(deviceCookie).toMatch(/HttpOnly/);
    expect(deviceCookie).toMatch(/Path=\/api\/auth/);
    expect(deviceCookie).toMatch(/SameSite=Strict/);

    const spread = async (email: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < ACCOUNT_THRESHOLD; i++) statuses.push(...(await failures(t, newAddress(), email, 1)));
      return statuses;
    };
    const knownStatuses = await spread(person.email);
    expect(knownStatuses).toEqual([...Array<number>(ACCOUNT_THRESHOLD - 1).fill(401), 423]);
    expect(await spread(unknown)).toEqual(knownStatuses);

    await signIn(t, newAddress(), person.email, person.password).expect(423);
    const forged = itemAt(deviceCookie.split(';')).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    await signIn(t, newAddress(), person.email, person.password, forged).expect(423);
    await signIn(t, newAddress(), person.email, person.password, deviceCookie.split(';')[0]).expect(200);
  });
});

describe('sign-in lockout expiry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '1', SIGN_IN_LOCK_MINUTES: '0.02' });
  });
  afterAll(() => t.close());

  it('unlocks an address after the lock time', async () => {
    const person = await createPerson(t);
    const from = newAddress();
    await failures(t, from, person.email, PAIR_THRESHOLD);
    const locked = await signIn(t, from, person.email, person.password).expect(423);
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(2);

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    await signIn(t, from, person.email, person.password).expect(200);
  });
});
