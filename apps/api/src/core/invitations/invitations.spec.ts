import { randomBytes, randomUUID } from 'node:crypto';
import type { CreateInvitation, Invitation } from '@minga/contracts';
import { allPages, bearer, cityId, createPerson, hubId, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';

const INVITE_URL = /^http:\/\/minga\.test\/invitations\/([A-Za-z0-9_-]{20,200})$/;
const fieldPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();
const newEmail = () => `invitee-${randomBytes(5).toString('hex')}@example.test`;

describe('invitations', () => {
  let t: TestApp;
  let admin: TestPerson;
  let coordinator: TestPerson;
  let japan: string;

  beforeAll(async () => {
    t = await startTestApp();
    japan = await hubId(t, 'japan');
    admin = await createPerson(t, [{ role: 'admin' }]);
    coordinator = await createPerson(t, [{ role: 'coordinator', hubKey: 'japan' }]);
  });
  afterAll(() => t.close());

  async function invite(inviter: TestPerson, body: CreateInvitation): Promise<{ invitation: Invitation; token: string }> {
    const res = await t.http().post('/api/invitations').set(bearer(inviter)).send(body).expect(201);
    const match = INVITE_URL.exec(res.body.inviteUrl);
    const token = match?.[1];
    if (!token) throw new Error(`unexpected invite URL ${res.body.inviteUrl}`);
    return { invitation: res.body.invitation, token };
  }

  /** A hub of its own with its own coordinator, so lists and pages hold only what the test made. */
  async function freshHub(): Promise<{ id: string; coordinator: TestPerson }> {
    const key = `h-${randomBytes(5).toString('hex')}`;
    const res = await t
      .http()
      .post('/api/hubs')
      .set(bearer(admin))
      .send({ key, name: `Hub ${key}`, languages: ['en'], timeZones: ['UTC'] })
      .expect(201);
    return { id: res.body.id, coordinator: await createPerson(t, [{ role: 'coordinator', hubKey: key }]) };
  }

  const signUp = (token: string) =>
    t.http().post('/api/accounts').send({ invitationToken: token, name: 'Nadia Newcomer', password: 'a-long-enough-password' });

  it('lets a coordinator invite an expert to their own hub, returning the link since no mail is configured', async () => {
    const email = newEmail();
    const res = await t.http().post('/api/invitations').set(bearer(coordinator)).send({ email, role: 'expert', hubId: japan }).expect(201);
    expect(res.body.inviteUrl).toMatch(INVITE_URL);
    expect(res.body.emailed).toBe(false);
    expect(res.body.invitation).toMatchObject({
      email,
      role: 'expert',
      hubId: japan,
      cityId: null,
      scopeName: 'Japan',
      status: 'pending',
      invitedBy: { id: coordinator.id },
    });
  });

  it('refuses a coordinator an invitation into another hub', async () => {
    const res = await t
      .http()
      .post('/api/invitations')
      .set(bearer(coordinator))
      .send({ email: newEmail(), role: 'expert', hubId: await hubId(t, 'latam') })
      .expect(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('refuses an expert any invitation, even into their own hub', async () => {
    const expert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    await t.http().post('/api/invitations').set(bearer(expert)).send({ email: newEmail(), role: 'expert', hubId: japan }).expect(403);
  });

  it('refuses a coordinator an invitation that would make someone an admin', async () => {
    await t.http().post('/api/invitations').set(bearer(coordinator)).send({ email: newEmail(), role: 'admin' }).expect(403);
  });

  it('rejects a bad email, an official without a city and an expert with a city, naming the field', async () => {
    const tsukuba = await cityId(t, 'Tsukuba');
    const cases: [object, string[]][] = [
      [{ email: 'not-an-email', role: 'expert', hubId: japan }, ['email']],
      [{ email: newEmail(), role: 'official' }, ['cityId']],
      [{ email: newEmail(), role: 'expert', hubId: japan, cityId: tsukuba }, ['cityId']],
    ];
    for (const [body, paths] of cases) {
      const res = await t.http().post('/api/invitations').set(bearer(coordinator)).send(body).expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(fieldPaths(res.body)).toEqual(paths);
    }
  });

  it('shows anyone holding the link the role, its scope and whether an account exists, without signing in', async () => {
    const email = newEmail();
    const { token } = await invite(coordinator, { email, role: 'official', cityId: await cityId(t, 'Tsukuba') });
    const res = await t.http().get(`/api/invitations/preview/${token}`).expect(200);
    expect(res.body).toMatchObject({ email, role: 'official', scopeName: 'Tsukuba', accountExists: false });
    expect(res.body.invitedByName).toEqual(expect.any(String));

    const existing = await createPerson(t);
    const forExisting = await invite(coordinator, { email: existing.email, role: 'expert', hubId: japan });
    const preview = await t.http().get(`/api/invitations/preview/${forExisting.token}`).expect(200);
    expect(preview.body.accountExists).toBe(true);

    const unknown = await t
      .http()
      .get(`/api/invitations/preview/${randomBytes(30).toString('base64url')}`)
      .expect(410);
    expect(unknown.body.code).toBe('invitation_invalid');
  });

  it('signs up a new person through the link with the invited role, and the link works only once', async () => {
    const email = newEmail();
    const { token } = await invite(coordinator, { email, role: 'expert', hubId: japan });
    const res = await signUp(token).expect(201);
    expect(res.body.user.email).toBe(email);
    expect(res.body.user.roles).toEqual([expect.objectContaining({ role: 'expert', hubId: japan, scopeName: 'Japan' })]);
    const me = await t
      .http()
      .get('/api/me')
      .set(bearer({ token: res.body.accessToken }))
      .expect(200);
    expect(me.body.id).toBe(res.body.user.id);
    await t.http().post('/api/auth/session').send({ email, password: 'a-long-enough-password' }).expect(200);

    const again = await signUp(token).expect(410);
    expect(again.body.code).toBe('invitation_invalid');
    await t.http().get(`/api/invitations/preview/${token}`).expect(410);
  });

  it('stops a revoked invitation from working: preview and sign-up answer 410', async () => {
    const email = newEmail();
    const { invitation, token } = await invite(coordinator, { email, role: 'observer', hubId: japan });
    await t.http().delete(`/api/invitations/${invitation.id}`).set(bearer(coordinator)).expect(204);
    const preview = await t.http().get(`/api/invitations/preview/${token}`).expect(410);
    expect(preview.body.code).toBe('invitation_invalid');
    const res = await signUp(token).expect(410);
    expect(res.body.code).toBe('invitation_invalid');
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM users WHERE lower(email) = $1', [email]);
    expect(count).toBe(0);
  });

  it('sends an existing account to sign in, then grants the role when that person accepts while signed in', async () => {
    const person = await createPerson(t, [{ role: 'expert', hubKey: 'latam' }]);
    const { token } = await invite(coordinator, { email: person.email.toUpperCase(), role: 'expert', hubId: japan });

    const taken = await signUp(token).expect(409);
    expect(taken.body.code).toBe('email_taken');

    const stranger = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    const refused = await t.http().post('/api/invitations/accept').set(bearer(stranger)).send({ invitationToken: token }).expect(403);
    expect(refused.body.code).toBe('forbidden');

    const accepted = await t.http().post('/api/invitations/accept').set(bearer(person)).send({ invitationToken: token }).expect(200);
    expect(accepted.body.roles.map((r: { role: string; hubId: string }) => [r.role, r.hubId]).sort()).toEqual(
      [
        ['expert', await hubId(t, 'latam')],
        ['expert', japan],
      ].sort(),
    );
    const me = await t.http().get('/api/me').set(bearer(person)).expect(200);
    expect(me.body.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'expert', hubId: japan })]));
    await t.http().post('/api/invitations/accept').set(bearer(person)).send({ invitationToken: token }).expect(410);
  });

  it("lists a hub's invitations for its coordinator, newest first, each with its status", async () => {
    const hub = await freshHub();
    const pending = await invite(hub.coordinator, { email: newEmail(), role: 'expert', hubId: hub.id });
    const accepted = await invite(hub.coordinator, { email: newEmail(), role: 'observer', hubId: hub.id });
    await signUp(accepted.token).expect(201);
    const revoked = await invite(hub.coordinator, { email: newEmail(), role: 'coordinator', hubId: hub.id });
    await t.http().delete(`/api/invitations/${revoked.invitation.id}`).set(bearer(hub.coordinator)).expect(204);

    const res = await t.http().get('/api/invitations').query({ hubId: hub.id }).set(bearer(hub.coordinator)).expect(200);
    expect(res.body.items.map((i: Invitation) => [i.id, i.status])).toEqual([
      [revoked.invitation.id, 'revoked'],
      [accepted.invitation.id, 'accepted'],
      [pending.invitation.id, 'pending'],
    ]);
    expect(res.body.nextCursor).toBeNull();

    const onlyRevoked = await t
      .http()
      .get('/api/invitations')
      .query({ hubId: hub.id, status: 'revoked' })
      .set(bearer(hub.coordinator))
      .expect(200);
    expect(onlyRevoked.body.items.map((i: Invitation) => i.id)).toEqual([revoked.invitation.id]);
  });

  it("pages through a hub's invitations with a cursor, showing each once", async () => {
    const hub = await freshHub();
    const made: string[] = [];
    for (let i = 0; i < 3; i++)
      made.push((await invite(hub.coordinator, { email: newEmail(), role: 'expert', hubId: hub.id })).invitation.id);

    const first = await t.http().get('/api/invitations').query({ hubId: hub.id, limit: 1 }).set(bearer(hub.coordinator)).expect(200);
    expect(first.body.items.map((i: Invitation) => i.id)).toEqual([made[2]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t
      .http()
      .get('/api/invitations')
      .query({ hubId: hub.id, limit: 1, cursor: first.body.nextCursor })
      .set(bearer(hub.coordinator))
      .expect(200);
    expect(second.body.items.map((i: Invitation) => i.id)).toEqual([made[1]]);

    const pages = await allPages<Invitation>(t, '/api/invitations', { hubId: hub.id, limit: 1 }, hub.coordinator);
    expect(pages.map((p) => p.map((i) => i.id))).toEqual([[made[2]], [made[1]], [made[0]]]);

    const forged = Buffer.from(JSON.stringify(['not-a-date', randomUUID()])).toString('base64url');
    const bad = await t.http().get('/api/invitations').query({ hubId: hub.id, cursor: forged }).set(bearer(hub.coordinator)).expect(400);
    expect(fieldPaths(bad.body)).toEqual(['cursor']);
  });

  it('does not skip invitations made within the same millisecond when paging', async () => {
    const hub = await freshHub();
    // Microseconds apart: a cursor that kept only milliseconds would jump over the second one.
    await t.db.query(
      `INSERT INTO invitations (email, role, hub_id, token_hash, expires_at, created_at)
       SELECT $1 || n || '@example.test', 'expert', $2, md5(random()::text) || md5(random()::text), now() + interval '1 day',
              timestamptz '2026-01-01 00:00:00.123456+00' - n * interval '100 microseconds'
       FROM generate_series(0, 2) AS n`,
      [`same-ms-${randomBytes(4).toString('hex')}-`, hub.id],
    );
    const rows: { id: string }[] = await t.db.query('SELECT id FROM invitations WHERE hub_id = $1 ORDER BY created_at DESC', [hub.id]);
    expect(rows).toHaveLength(3);
    const pages = await allPages<Invitation>(t, '/api/invitations', { hubId: hub.id, limit: 1 }, hub.coordinator);
    expect(pages.flat().map((i) => i.id)).toEqual(rows.map((r) => r.id));
  });

  it('refuses a coordinator a list without a hub, or of a hub they do not coordinate', async () => {
    const res = await t.http().get('/api/invitations').set(bearer(coordinator)).expect(403);
    expect(res.body.code).toBe('forbidden');
    await t
      .http()
      .get('/api/invitations')
      .query({ hubId: await hubId(t, 'latam') })
      .set(bearer(coordinator))
      .expect(403);
  });

  it('lets an admin list the invitations of every hub', async () => {
    const hub = await freshHub();
    const inFreshHub = await invite(hub.coordinator, { email: newEmail(), role: 'expert', hubId: hub.id });
    const inJapan = await invite(coordinator, { email: newEmail(), role: 'expert', hubId: japan });
    const ids = (await allPages<Invitation>(t, '/api/invitations', { limit: 200 }, admin)).flat().map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([inFreshHub.invitation.id, inJapan.invitation.id]));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
