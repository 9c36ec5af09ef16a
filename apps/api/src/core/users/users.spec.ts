import type { User } from '@minga/contracts';
import { allPages, bearer, createPerson, hubId, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';

const fieldPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();

describe('people', () => {
  let t: TestApp;
  let japanExpert: TestPerson;
  let tsukubaOfficial: TestPerson;
  let latamExpert: TestPerson;

  beforeAll(async () => {
    t = await startTestApp();
    japanExpert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    tsukubaOfficial = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    latamExpert = await createPerson(t, [{ role: 'expert', hubKey: 'latam' }]);
  });
  afterAll(() => t.close());

  const idsOf = async (query: Record<string, string>, viewer: TestPerson) =>
    (await allPages<User>(t, '/api/users', { ...query, limit: 200 }, viewer)).flat().map((u) => u.id);

  it('lists the people of a hub, officials of its cities included, and narrows them by role', async () => {
    const japan = await hubId(t, 'japan');
    const inJapan = await idsOf({ hubId: japan }, latamExpert);
    expect(inJapan).toEqual(expect.arrayContaining([japanExpert.id, tsukubaOfficial.id]));
    expect(inJapan).not.toContain(latamExpert.id);

    const expertsInJapan = await idsOf({ hubId: japan, role: 'expert' }, latamExpert);
    expect(expertsInJapan).toContain(japanExpert.id);
    expect(expertsInJapan).not.toContain(tsukubaOfficial.id);
    expect(expertsInJapan).not.toContain(latamExpert.id);
  });

  it("hides other people's email from an expert, shows it to a coordinator of their hub and to the person", async () => {
    const japanCoordinator = await createPerson(t, [{ role: 'coordinator', hubKey: 'japan' }]);
    const emailAs = async (viewer: TestPerson, of: TestPerson) =>
      (await t.http().get(`/api/users/${of.id}`).set(bearer(viewer)).expect(200)).body.email;

    expect(await emailAs(latamExpert, japanExpert)).toBeNull();
    expect(await emailAs(japanExpert, tsukubaOfficial)).toBeNull();
    expect(await emailAs(japanCoordinator, japanExpert)).toBe(japanExpert.email);
    expect(await emailAs(japanCoordinator, tsukubaOfficial)).toBe(tsukubaOfficial.email);
    expect(await emailAs(japanCoordinator, latamExpert)).toBeNull();
    expect(await emailAs(japanExpert, japanExpert)).toBe(japanExpert.email);

    const listed = (await allPages<User>(t, '/api/users', { hubId: await hubId(t, 'japan'), limit: 200 }, japanExpert)).flat();
    const emails = new Map(listed.map((u) => [u.id, u.email]));
    expect(emails.get(japanExpert.id)).toBe(japanExpert.email);
    expect(emails.get(tsukubaOfficial.id)).toBeNull();
  });

  it('rejects a cursor it did not issue with 400', async () => {
    const forged = Buffer.from(JSON.stringify(['Someone', 42])).toString('base64url');
    const res = await t.http().get('/api/users').query({ cursor: forged }).set(bearer(latamExpert)).expect(400);
    expect(fieldPaths(res.body)).toEqual(['cursor']);
  });

  it('rejects a profile update with an unknown time zone or working hours that end before they start', async () => {
    const person = await createPerson(t, [{ role: 'observer' }]);
    const res = await t
      .http()
      .patch('/api/me')
      .set(bearer(person))
      .send({ timeZone: 'Asia/Atlantis', workingHours: { start: '17:00', end: '09:00', days: [1, 2, 3] } })
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(fieldPaths(res.body)).toEqual(['timeZone', 'workingHours.end']);
    const me = await t.http().get('/api/me').set(bearer(person)).expect(200);
    expect(me.body.timeZone).toBe('UTC');
  });

  it('rejects a profile update carrying a property it does not know', async () => {
    const person = await createPerson(t, [{ role: 'observer' }]);
    const res = await t.http().patch('/api/me').set(bearer(person)).send({ name: 'Renamed', email: 'hijack@example.test' }).expect(400);
    expect(res.body.code).toBe('validation_failed');
    const me = await t.http().get('/api/me').set(bearer(person)).expect(200);
    expect(me.body).toMatchObject({ name: person.session.user.name, email: person.email });
  });

  it('keeps a valid profile update', async () => {
    const person = await createPerson(t, [{ role: 'expert', hubKey: 'india' }]);
    const update = {
      name: 'Priya Patel',
      locale: 'hi-IN',
      timeZone: 'Asia/Kolkata',
      workingHours: { start: '10:30', end: '18:45', days: [1, 2, 3, 4, 6] },
    };
    const res = await t.http().patch('/api/me').set(bearer(person)).send(update).expect(200);
    expect(res.body).toMatchObject(update);
    const me = await t.http().get('/api/me').set(bearer(person)).expect(200);
    expect(me.body).toMatchObject({ ...update, email: person.email });
  });

  it('lets a person without any role see only themselves: 403 on hubs, 200 on their profile', async () => {
    const person = await createPerson(t);
    const hubs = await t.http().get('/api/hubs').set(bearer(person)).expect(403);
    expect(hubs.body.code).toBe('forbidden');
    await t.http().get('/api/users').set(bearer(person)).expect(403);
    await t.http().get(`/api/users/${japanExpert.id}`).set(bearer(person)).expect(403);
    await t.http().get(`/api/users/${person.id}`).set(bearer(person)).expect(200);
    const me = await t.http().get('/api/me').set(bearer(person)).expect(200);
    expect(me.body).toMatchObject({ id: person.id, email: person.email, roles: [] });
  });
});
