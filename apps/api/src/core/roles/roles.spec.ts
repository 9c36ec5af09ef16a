import { randomUUID } from 'node:crypto';
import type { RoleAssignment } from '@minga/contracts';
import { bearer, cityId, createPerson, hubId, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { firstItems } from '../../../test/item-at';

describe('role assignments', () => {
  let t: TestApp;
  let coordinator: TestPerson;
  let kaga: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await createPerson(t, [{ role: 'coordinator', hubKey: 'japan' }]);
    kaga = await cityId(t, 'Kaga');
  });
  afterAll(() => t.close());

  // Writes Kaga's own locale back: proves the right to edit the city without changing what others see.
  const touchKaga = (person: TestPerson) => t.http().patch(`/api/cities/${kaga}`).set(bearer(person)).send({ locale: 'ja-JP' });

  it('lets a coordinator make someone the official of a city in their hub, effective at once', async () => {
    const person = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    await touchKaga(person).expect(403);
    const res = await t
      .http()
      .post('/api/role-assignments')
      .set(bearer(coordinator))
      .send({ userId: person.id, role: 'official', cityId: kaga })
      .expect(201);
    expect(res.body).toMatchObject({
      userId: person.id,
      role: 'official',
      hubId: null,
      cityId: kaga,
      scopeHubId: await hubId(t, 'japan'),
      scopeName: 'Kaga',
    });
    await touchKaga(person).expect(200);
  });

  it('refuses a coordinator an official for a city of another hub', async () => {
    const person = await createPerson(t);
    const res = await t
      .http()
      .post('/api/role-assignments')
      .set(bearer(coordinator))
      .send({ userId: person.id, role: 'official', cityId: await cityId(t, 'Medellin') })
      .expect(403);
    expect(res.body.code).toBe('forbidden');
    const roles = await t.http().get('/api/role-assignments').query({ userId: person.id }).set(bearer(coordinator)).expect(200);
    expect(roles.body).toEqual([]);
  });

  it('refuses an expert granting any role', async () => {
    const expert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    const person = await createPerson(t);
    await t
      .http()
      .post('/api/role-assignments')
      .set(bearer(expert))
      .send({ userId: person.id, role: 'official', cityId: kaga })
      .expect(403);
  });

  it('takes a revoked role away on the very next request made with the same access token', async () => {
    const official = await createPerson(t, [{ role: 'official', cityName: 'Kaga' }]);
    await touchKaga(official).expect(200);
    const listed = await t.http().get('/api/role-assignments').query({ userId: official.id }).set(bearer(coordinator)).expect(200);
    const [assignment] = firstItems(listed.body as RoleAssignment[], 1);
    expect(assignment).toMatchObject({ role: 'official', cityId: kaga });

    await t.http().delete(`/api/role-assignments/${assignment.id}`).set(bearer(coordinator)).expect(204);
    const refused = await touchKaga(official).expect(403);
    expect(refused.body.code).toBe('forbidden');
    const me = await t.http().get('/api/me').set(bearer(official)).expect(200);
    expect(me.body.roles).toEqual([]);
  });

  it('rejects a grant to someone who does not exist, naming userId', async () => {
    const res = await t
      .http()
      .post('/api/role-assignments')
      .set(bearer(coordinator))
      .send({ userId: randomUUID(), role: 'official', cityId: kaga })
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['userId']);
  });

  it('answers 404 when revoking an assignment that does not exist', async () => {
    const res = await t.http().delete(`/api/role-assignments/${randomUUID()}`).set(bearer(coordinator)).expect(404);
    expect(res.body.code).toBe('not_found');
  });
});
