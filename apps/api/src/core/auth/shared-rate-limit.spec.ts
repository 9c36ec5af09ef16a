import { randomInt } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/test-app';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('sign-in rate limit across two API instances sharing Redis', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    const env = { SIGN_IN_RATE_LIMIT: '3', REDIS_URL, TRUST_PROXY: '1' };
    first = await startTestApp(env);
    second = await startTestApp(env);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('counts attempts on both instances together, so switching instance does not reset the limit', async () => {
    // A client address of its own keeps this run's counters apart from any other run on the same Redis.
    const clientAddress = `10.${randomInt(255)}.${randomInt(255)}.${randomInt(1, 255)}`;
    const attempt = (t: TestApp) =>
      t
        .http()
        .post('/api/auth/session')
        .set('X-Forwarded-For', clientAddress)
        .send({ email: 'someone@example.test', password: 'wrong-password' });
    const statuses = [
      (await attempt(first)).status,
      (await attempt(second)).status,
      (await attempt(first)).status,
      (await attempt(second)).status,
    ];
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
