import { randomBytes, randomUUID } from 'node:crypto';
import type { City } from '@minga/contracts';
import { allPages, bearer, cityId, createPerson, hubId, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';

const fieldPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();

describe('cities', () => {
  let t: TestApp;
  let admin: TestPerson;
  let expert: TestPerson;
  let japan: string;
  let latam: string;
  // Every city made here carries this tag in its name, so lists can be narrowed to them and cleaned up.
  const tag = `Zq${randomBytes(4).toString('hex')}`;

  const newCity = (overrides: Record<string, unknown> = {}) => ({
    hubId: null,
    name: `${tag} ${randomBytes(3).toString('hex')}`,
    country: 'JP',
    timeZone: 'Asia/Tokyo',
    locale: 'ja-JP',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp();
    japan = await hubId(t, 'japan');
    latam = await hubId(t, 'latam');
    admin = await createPerson(t, [{ role: 'admin' }]);
    expert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
  });
  afterAll(async () => {
    await t.db.query('DELETE FROM cities WHERE name LIKE $1', [`${tag} %`]);
    await t.close();
  });

  it('lists only the cities of the hub given by hubId', async () => {
    const cities = (await allPages<City>(t, '/api/cities', { hubId: japan }, expert)).flat();
    expect(cities.map((c) => c.name)).toEqual(expect.arrayContaining(['Tsukuba', 'Kaga']));
    expect(cities.every((c) => c.hubId === japan)).toBe(true);
  });

  it('finds cities by part of their name, ignoring case', async () => {
    const res = await t.http().get('/api/cities').query({ q: 'SUKUB' }).set(bearer(expert)).expect(200);
    expect(res.body.items.map((c: City) => c.name)).toEqual(['Tsukuba']);
  });

  it('searches for % and _ literally instead of as wildcards', async () => {
    const res = await t.http().get('/api/cities').query({ q: '%_' }).set(bearer(expert)).expect(200);
    expect(res.body.items).toEqual([]);
  });

  it('pages through cities with a cursor, each city once, in name order with ties broken stably', async () => {
    const made: City[] = [];
    for (const [suffix, country] of [
      ['Delta', 'JP'],
      ['Bravo', 'MX'],
      ['Alpha', 'JP'],
      ['Bravo', 'CO'],
      ['Charlie', 'JP'],
    ]) {
      const res = await t
        .http()
        .post('/api/cities')
        .set(bearer(admin))
        .send(newCity({ name: `${tag} ${suffix}`, country }))
        .expect(201);
      made.push(res.body);
    }
    const pages = await allPages<City>(t, '/api/cities', { q: tag, limit: 2 }, expert);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const walked = pages.flat();
    expect(walked.map((c) => c.name.slice(tag.length + 1))).toEqual(['Alpha', 'Bravo', 'Bravo', 'Charlie', 'Delta']);
    expect(new Set(walked.map((c) => c.id))).toEqual(new Set(made.map((c) => c.id)));

    const everything = (await allPages<City>(t, '/api/cities', { limit: 2 }, expert)).flat();
    const ids = everything.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(everything.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Mexico City', 'Tsukuba', 'Istanbul', 'Kaga', 'Medellin', 'Milan', `${tag} Alpha`]),
    );
  });

  it('rejects a cursor it did not issue with 400, whether garbled or well-formed', async () => {
    const garbled = await t.http().get('/api/cities').query({ cursor: 'not a cursor' }).set(bearer(expert)).expect(400);
    expect(fieldPaths(garbled.body)).toEqual(['cursor']);
    const forged = Buffer.from(JSON.stringify(['Tsukuba', 'not-a-uuid'])).toString('base64url');
    const res = await t.http().get('/api/cities').query({ cursor: forged }).set(bearer(expert)).expect(400);
    expect(fieldPaths(res.body)).toEqual(['cursor']);
  });

  it('answers 400 for a city id that is not a uuid and 404 for an unknown one', async () => {
    const bad = await t.http().get('/api/cities/not-a-uuid').set(bearer(expert)).expect(400);
    expect(fieldPaths(bad.body)).toEqual(['id']);
    const unknown = await t.http().get(`/api/cities/${randomUUID()}`).set(bearer(expert)).expect(404);
    expect(unknown.body.code).toBe('not_found');
  });

  it("lets Tsukuba's official update its population; the change persists and the other facts stay", async () => {
    const official = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    const tsukuba = await cityId(t, 'Tsukuba');
    const before = (await t.http().get(`/api/cities/${tsukuba}`).set(bearer(official)).expect(200)).body as City;
    try {
      const res = await t.http().patch(`/api/cities/${tsukuba}`).set(bearer(official)).send({ population: 251_234 }).expect(200);
      expect(res.body.population).toBe(251_234);
      const after = (await t.http().get(`/api/cities/${tsukuba}`).set(bearer(expert)).expect(200)).body as City;
      expect(after).toEqual({ ...before, population: 251_234, updatedAt: expect.any(String) });
    } finally {
      await t.http().patch(`/api/cities/${tsukuba}`).set(bearer(admin)).send({ population: before.population }).expect(200);
    }
  });

  it('leaves population and area alone when an update does not mention them', async () => {
    const created = (
      await t
        .http()
        .post('/api/cities')
        .set(bearer(admin))
        .send(newCity({ population: 1000, areaKm2: 12.5 }))
        .expect(201)
    ).body as City;
    const renamed = await t
      .http()
      .patch(`/api/cities/${created.id}`)
      .set(bearer(admin))
      .send({ name: `${tag} Renamed` })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: `${tag} Renamed`, population: 1000, areaKm2: 12.5 });
    await t.http().patch(`/api/cities/${created.id}`).set(bearer(admin)).send({}).expect(200);
    const fetched = await t.http().get(`/api/cities/${created.id}`).set(bearer(expert)).expect(200);
    expect(fetched.body).toMatchObject({ population: 1000, areaKm2: 12.5 });
  });

  it("refuses Tsukuba's official an update to Mexico City", async () => {
    const official = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    const mexicoCity = await cityId(t, 'Mexico City');
    const res = await t.http().patch(`/api/cities/${mexicoCity}`).set(bearer(official)).send({ population: 1 }).expect(403);
    expect(res.body.code).toBe('forbidden');
    const unchanged = await t.http().get(`/api/cities/${mexicoCity}`).set(bearer(official)).expect(200);
    expect(unchanged.body.population).toBe(20_000_000);
  });

  it("refuses an expert an update to a city of the expert's own hub", async () => {
    const tsukuba = await cityId(t, 'Tsukuba');
    await t.http().patch(`/api/cities/${tsukuba}`).set(bearer(expert)).send({ population: 1 }).expect(403);
  });

  it('lets the coordinator of Japan add a city to Japan, but not a duplicate, nor one in Latin America', async () => {
    const coordinator = await createPerson(t, [{ role: 'coordinator', hubKey: 'japan' }]);
    const city = newCity({ hubId: japan, population: 36_000 });
    const created = await t.http().post('/api/cities').set(bearer(coordinator)).send(city).expect(201);
    expect(created.body).toMatchObject({ ...city, id: expect.any(String), areaKm2: null });
    const listed = await t.http().get('/api/cities').query({ hubId: japan, q: city.name }).set(bearer(expert)).expect(200);
    expect(listed.body.items.map((c: City) => c.id)).toEqual([created.body.id]);

    const duplicate = await t.http().post('/api/cities').set(bearer(coordinator)).send(city).expect(409);
    expect(duplicate.body.code).toBe('city_name_taken');
    // The same name in another country is another city.
    await t
      .http()
      .post('/api/cities')
      .set(bearer(coordinator))
      .send({ ...city, country: 'KR' })
      .expect(201);

    const elsewhere = await t
      .http()
      .post('/api/cities')
      .set(bearer(coordinator))
      .send(newCity({ hubId: latam, country: 'MX' }))
      .expect(403);
    expect(elsewhere.body.code).toBe('forbidden');
  });

  it('rejects an unknown time zone, a malformed country and a negative population with field errors', async () => {
    const res = await t
      .http()
      .post('/api/cities')
      .set(bearer(admin))
      .send(newCity({ timeZone: 'Mars/Olympus_Mons', country: 'jp', population: -5 }))
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(fieldPaths(res.body)).toEqual(['country', 'population', 'timeZone']);

    const tsukuba = await cityId(t, 'Tsukuba');
    const update = await t
      .http()
      .patch(`/api/cities/${tsukuba}`)
      .set(bearer(admin))
      .send({ population: -1, timeZone: '+09:00' })
      .expect(400);
    expect(fieldPaths(update.body)).toEqual(['population', 'timeZone']);
  });
});
