import { randomBytes } from 'node:crypto';
import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { openMeasurementsSchema, type ActionPlan, type ModelPolicy, type OpenCityPlans, type OpenMeasurement } from '@minga/contracts';
import { bearer, cityId, createPerson, hubId, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { itemAt } from '../../../test/item-at';
import { OpenDataService } from './open-data.service';

function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('open data', () => {
  let t: TestApp;
  let official: TestPerson;
  let mexicoCity: string;
  let latam: string;
  let people: { email: string; name: string }[];
  const tag = `Zo${randomBytes(4).toString('hex')}`;

  /** Every demo and test person's email and name: none may appear in any open-data answer. */
  const expectNoPerson = (text: string) => {
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
    for (const person of people) expect(text).not.toContain(person.name);
  };

  beforeAll(async () => {
    t = await startTestApp();
    mexicoCity = await cityId(t, 'Mexico City');
    latam = await hubId(t, 'latam');
    official = await createPerson(t, [{ role: 'official', cityName: 'Mexico City' }]);
    // An unpublished plan of Mexico City with an owner: neither may leak.
    const policies: ModelPolicy[] = (await t.http().get('/api/model-policies').set(bearer(official)).expect(200)).body;
    const unpublished: ActionPlan = (
      await t
        .http()
        .post(`/api/cities/${mexicoCity}/action-plans`)
        .set(bearer(official))
        .send({ modelPolicyId: policies.find((p) => p.key === 'dig-once')?.id, statementOfIntent: `${tag} secret intent` })
        .expect(201)
    ).body;
    await t
      .http()
      .post(`/api/action-plans/${unpublished.id}/milestones`)
      .set(bearer(official))
      .send({ title: `${tag} hidden`, dueDate: '2030-01-01' })
      .expect(201);
    const published: ActionPlan = (
      await t.http().get(`/api/cities/${mexicoCity}/action-plans`).set(bearer(official)).expect(200)
    ).body.find((p: ActionPlan) => p.published);
    await t
      .http()
      .post(`/api/action-plans/${published.id}/milestones`)
      .set(bearer(official))
      .send({ title: `${tag} owned`, dueDate: '2030-01-01', ownerId: official.id })
      .expect(201);
    // Names of four characters or more: the database is shared with suites running beside this one, and the
    // hostile-input fuzz renames its people to any short string ("g"), which any text contains by chance.
    people = await t.db.query('SELECT email, name FROM users WHERE length(name) >= 4');
  });
  afterAll(async () => {
    await t.db.query(`DELETE FROM action_plans WHERE statement_of_intent LIKE $1`, [`${tag} %`]);
    await t.db.query(`DELETE FROM milestones WHERE title LIKE $1`, [`${tag} %`]);
    await t.close();
  });

  it("lets a signed-out resident read Mexico City's published plan, with its KPIs, and nothing unpublished or personal", async () => {
    const res = await t.http().get(`/api/open-data/cities/${mexicoCity}`).expect(200);
    const doc: OpenCityPlans = res.body;
    expect(doc.license).toBe('CC-BY-4.0');
    expect(doc.plans.map((p) => [p.modelPolicyKey, p.stage])).toEqual([['open-data', 'implementing']]);
    const crime = itemAt(doc.plans).kpis.find((k) => k.name === 'High-impact crime cases per month');
    expect(crime).toEqual(expect.objectContaining({ direction: 'down', baselineValue: 6708, latestValue: 2500, status: 'on_track' }));
    expect(crime?.measurements.map((m) => m.value)).toEqual([6708, 2500]);
    expect(itemAt(doc.plans).uri).toBe(`http://minga.test/api/open-data/action-plans/${itemAt(doc.plans).id}`);
    expect(res.text).toContain(`${tag} owned`);
    expect(res.text).not.toContain(tag + ' secret');
    expect(res.text).not.toContain(`${tag} hidden`);
    expect(res.text).not.toContain(official.id);
    expectNoPerson(res.text);
  });

  it('serves every table of a city and a hub as JSON and CSV, published plans only, without any person', async () => {
    for (const scope of [`cities/${mexicoCity}`, `hubs/${latam}`]) {
      for (const table of ['action-plans', 'milestones', 'kpis', 'measurements']) {
        const json = await t.http().get(`/api/open-data/${scope}/${table}`).expect(200);
        expect(json.body.license).toBe('CC-BY-4.0');
        expect(json.body.items.length).toBeGreaterThan(0);
        const csv = await t.http().get(`/api/open-data/${scope}/${table}?format=csv`).expect(200);
        expect(csv.headers['content-type']).toMatch(/^text\/csv/);
        for (const text of [json.text, csv.text]) {
          expect(text).not.toContain(tag + ' secret');
          expect(text).not.toContain(`${tag} hidden`);
          // Medellín's and the second Mexico City plan are not published.
          expect(text).not.toContain('illustrative demo plan');
          expectNoPerson(text);
        }
      }
    }
    const plans = (await t.http().get(`/api/open-data/hubs/${latam}`).expect(200)).body;
    expect(plans.plans.map((p: { cityName: string }) => p.cityName)).toEqual(['Mexico City']);
  });

  it("pages a hub's measurements in JSON by keyset cursor, every row exactly once, as the CSV holds them", async () => {
    const seen: OpenMeasurement[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t
        .http()
        .get(`/api/open-data/hubs/${latam}/measurements`)
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .expect(200);
      const page = openMeasurementsSchema.parse(res.body);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 1000);
    expect(cursor).toBeNull();
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
    const csv = await t.http().get(`/api/open-data/hubs/${latam}/measurements?format=csv`).expect(200);
    const csvIds = csv.text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(seen.map((m) => m.id)).toEqual(csvIds);
    const whole = (await t.http().get(`/api/open-data/hubs/${latam}/measurements`).query({ limit: 5000 }).expect(200)).body;
    expect(whole.items).toEqual(seen);
    expect(whole.nextCursor).toBeNull();
    await t.http().get(`/api/open-data/hubs/${latam}/measurements`).query({ cursor: 'not-a-cursor' }).expect(400);
    await t.http().get(`/api/open-data/hubs/${latam}/measurements`).query({ limit: 5001 }).expect(400);
  });

  it('sends each answer compressed when the client accepts it, with its own ETag, and plain otherwise', async () => {
    const path = `/api/open-data/hubs/${latam}/kpis`;
    const plain = await t.http().get(path).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toBe('Accept, Accept-Encoding');
    // Raw bytes as they travel (supertest would unzip them first).
    const gzipped = await rawGet(`${t.url}${path}`, { 'Accept-Encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzipped.body).toString('utf8'))).toEqual(plain.body);
    const brotli = await t.http().get(path).set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(new Set([plain.headers['etag'], gzipped.headers['etag'], brotli.headers['etag']]).size).toBe(3);
    // The content is the same, so any of its tags is a match.
    await t
      .http()
      .get(path)
      .set('Accept-Encoding', 'identity')
      .set('If-None-Match', brotli.headers['etag'] ?? '')
      .expect(304);
  });

  it('answers 304 to a matching ETag, and sets Cache-Control', async () => {
    const first = await t.http().get(`/api/open-data/cities/${mexicoCity}/kpis`).expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers['etag']).toMatch(/^"[\w-]+"$/);
    const again = await t
      .http()
      .get(`/api/open-data/cities/${mexicoCity}/kpis`)
      .set('If-None-Match', first.headers['etag'] ?? '')
      .expect(304);
    expect(again.text).toBe('');
  });

  it('publishes a DCAT-AP catalogue in JSON-LD with a dataset per city that published, and a data dictionary', async () => {
    const res = await t.http().get('/api/open-data/catalog').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const catalog = JSON.parse(res.text);
    expect(catalog['@type']).toBe('dcat:Catalog');
    expect(catalog['@context'].dcat).toBe('http://www.w3.org/ns/dcat#');
    const titles = catalog['dcat:dataset'].map((d: Record<string, unknown>) => d['dct:title']);
    expect(titles).toContain('Action plans of Mexico City');
    expect(titles).not.toContain('Action plans of Istanbul');
    const mexico = catalog['dcat:dataset'].find((d: Record<string, unknown>) => d['dct:identifier'] === mexicoCity);
    expect(mexico['dct:license']).toEqual({ '@id': 'https://creativecommons.org/licenses/by/4.0/' });
    expect(mexico['dcat:distribution']).toHaveLength(8);
    expect(mexico['dcat:distribution'][1]['dcat:downloadURL']['@id']).toBe(
      `http://minga.test/api/open-data/cities/${mexicoCity}/action-plans?format=csv`,
    );
    expectNoPerson(res.text);
    const dictionary = (await t.http().get('/api/open-data/dictionary').expect(200)).body;
    expect(dictionary.tables.map((table: { name: string }) => table.name)).toEqual(['action-plans', 'milestones', 'kpis', 'measurements']);
  });

  it('answers unknown places, unpublished plans and unknown tables with problems', async () => {
    const istanbulPlans: ActionPlan[] = (
      await t
        .http()
        .get(`/api/cities/${await cityId(t, 'Istanbul')}/action-plans`)
        .set(bearer(official))
        .expect(200)
    ).body;
    await t
      .http()
      .get(`/api/open-data/action-plans/${itemAt(istanbulPlans).id}`)
      .expect(404);
    await t.http().get(`/api/open-data/cities/${mexicoCity}/budgets`).expect(400);
    await t.http().get('/api/open-data/cities/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('answers 404, not 500, for a plan unpublished between the access check and the read', async () => {
    const plans: ActionPlan[] = (
      await t
        .http()
        .get(`/api/cities/${await cityId(t, 'Istanbul')}/action-plans`)
        .set(bearer(official))
        .expect(200)
    ).body;
    const unpublished = itemAt(plans.filter((p) => !p.published));
    // The access check saw the plan still published; it is not by the time its city is read.
    jest.spyOn(t.app.get(OpenDataService), 'hubOf').mockResolvedValueOnce(null);
    const res = await t.http().get(`/api/open-data/action-plans/${unpublished.id}`).expect(404);
    expect(res.body.code).toBe('not_found');
  });
});
