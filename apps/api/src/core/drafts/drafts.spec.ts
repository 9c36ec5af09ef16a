import { randomBytes, randomUUID } from 'node:crypto';
import { draftDocName, type Draft, type ModelPolicy } from '@minga/contracts';
import { updateToJson } from '@minga/editor';
import { allPages, bearer, cityId, createPerson, hubId, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { byKey, firstItems, itemAt } from '../../../test/item-at';

interface EditorNode {
  type: string;
  attrs?: { level?: number };
  text?: string;
  content?: EditorNode[];
}

const textOf = (node: EditorNode): string => node.text ?? (node.content ?? []).map(textOf).join('');
const headingsOf = (doc: EditorNode, level: number) =>
  (doc.content ?? []).filter((n) => n.type === 'heading' && n.attrs?.level === level).map(textOf);

async function storedDocument(t: TestApp, docName: string): Promise<EditorNode> {
  const rows: { update: Buffer }[] = await t.db.query('SELECT update FROM collab_updates WHERE doc_name = $1', [docName]);
  expect(rows).toHaveLength(1);
  return updateToJson(new Uint8Array(itemAt(rows).update)) as EditorNode;
}
const fieldPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();

describe('drafts', () => {
  let t: TestApp;
  let admin: TestPerson;
  let tsukubaOfficial: TestPerson;
  let expert: TestPerson;
  let observer: TestPerson;
  let tsukuba: string;
  let japan: string;
  let testHub: string;
  let policy: (key: string) => ModelPolicy;
  // Every draft, hub and city made here carries this tag, so the lists can be narrowed to them and cleaned up.
  const tag = `Zd${randomBytes(4).toString('hex')}`;
  const hubKey = `zd-${tag.slice(2)}`;

  const start = (person: TestPerson, body: Record<string, unknown>) =>
    t
      .http()
      .post('/api/drafts')
      .set(bearer(person))
      .send({ title: `${tag} ${randomBytes(3).toString('hex')}`, ...body });
  const patch = (person: TestPerson, id: string, body: Record<string, unknown>) =>
    t.http().patch(`/api/drafts/${id}`).set(bearer(person)).send(body);
  const listIds = async (query: Record<string, string>) =>
    (await allPages<Draft>(t, '/api/drafts', query, observer)).flat().map((d) => d.id);

  /** A city of its own in the test hub, with an official, so lists filtered to it hold only this file's drafts. */
  async function testCity(suffix: string): Promise<{ id: string; official: TestPerson }> {
    const name = `${tag} ${suffix}`;
    const res = await t
      .http()
      .post('/api/cities')
      .set(bearer(admin))
      .send({ hubId: testHub, name, country: 'JP', timeZone: 'Asia/Tokyo', locale: 'ja-JP' })
      .expect(201);
    return { id: res.body.id, official: await createPerson(t, [{ role: 'official', cityName: name }]) };
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPerson(t, [{ role: 'admin' }]);
    tsukubaOfficial = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    expert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    observer = await createPerson(t, [{ role: 'observer' }]);
    tsukuba = await cityId(t, 'Tsukuba');
    japan = await hubId(t, 'japan');
    const policies: ModelPolicy[] = (await t.http().get('/api/model-policies').set(bearer(observer)).expect(200)).body;
    policy = byKey(policies);
    const hub = { key: hubKey, name: `${tag} hub`, languages: ['en'], timeZones: ['UTC'] };
    testHub = (await t.http().post('/api/hubs').set(bearer(admin)).send(hub).expect(201)).body.id;
  });
  afterAll(async () => {
    const drafts: { id: string }[] = await t.db.query('SELECT id FROM drafts WHERE title LIKE $1', [`${tag} %`]);
    const docNames = drafts.map((d) => draftDocName(d.id));
    await t.db.query('DELETE FROM collab_updates WHERE doc_name = ANY($1)', [docNames]);
    await t.db.query('DELETE FROM collab_documents WHERE name = ANY($1)', [docNames]);
    await t.db.query('DELETE FROM drafts WHERE title LIKE $1', [`${tag} %`]);
    await t.db.query('DELETE FROM cities WHERE name LIKE $1', [`${tag} %`]);
    await t.db.query('DELETE FROM hubs WHERE key = $1', [hubKey]);
    await t.close();
  });

  it("lets Tsukuba's official start a draft from the PIA model policy, in drafting and owned by its creator", async () => {
    const title = `${tag} Tsukuba PIA ordinance`;
    const res = await start(tsukubaOfficial, { cityId: tsukuba, modelPolicyId: policy('pia').id, title, language: 'ja-JP' }).expect(201);
    const draft = res.body as Draft;
    expect(draft).toEqual({
      id: expect.any(String),
      title,
      cityId: tsukuba,
      cityName: 'Tsukuba',
      hubId: japan,
      modelPolicyId: policy('pia').id,
      modelPolicyKey: 'pia',
      language: 'ja-JP',
      status: 'drafting',
      owners: [{ id: tsukubaOfficial.id, name: expect.any(String) }],
      docName: `draft:${draft.id}`,
      createdAt: expect.any(String),
      updatedAt: draft.createdAt,
    });
    const fetched = await t.http().get(`/api/drafts/${draft.id}`).set(bearer(observer)).expect(200);
    expect(fetched.body).toEqual(draft);
  });

  it("starts the draft's collaboration document as the model policy's template, in one stored update", async () => {
    const draft: Draft = (await start(tsukubaOfficial, { cityId: tsukuba, modelPolicyId: policy('pia').id }).expect(201)).body;
    const doc = await storedDocument(t, draft.docName);
    expect(headingsOf(doc, 1)).toEqual([draft.title]);
    expect(headingsOf(doc, 2)).toEqual(policy('pia').sections);
    expect(policy('pia').sections).toEqual(expect.arrayContaining(['Purpose', 'Definitions', 'Evaluation', 'Publication', 'Sanctions']));
    expect((doc.content ?? []).filter((n) => n.type === 'paragraph').length).toBeGreaterThanOrEqual(policy('pia').sections.length);
  });

  it('starts a draft from a model policy that has no template yet with only its title', async () => {
    const draft: Draft = (await start(tsukubaOfficial, { cityId: tsukuba, modelPolicyId: policy('dig-once').id }).expect(201)).body;
    expect(draft.modelPolicyKey).toBe('dig-once');
    const doc = await storedDocument(t, draft.docName);
    expect(doc.content?.map((n) => [n.type, textOf(n)])).toEqual([['heading', draft.title]]);
  });

  it("refuses Tsukuba's official a draft for Mexico City, and stores nothing", async () => {
    const title = `${tag} not for Tsukuba to write`;
    const mexicoCity = await cityId(t, 'Mexico City');
    const res = await start(tsukubaOfficial, { cityId: mexicoCity, modelPolicyId: policy('open-data').id, title }).expect(403);
    expect(res.body.code).toBe('forbidden');
    expect(await t.db.query('SELECT 1 FROM drafts WHERE title = $1', [title])).toEqual([]);
  });

  it("refuses an expert a draft, even for a city of the expert's own hub", async () => {
    const res = await start(expert, { cityId: tsukuba, modelPolicyId: policy('pia').id }).expect(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('rejects an unknown model policy or city, and a missing title, with field errors', async () => {
    const unknownPolicy = await start(tsukubaOfficial, { cityId: tsukuba, modelPolicyId: randomUUID() }).expect(400);
    expect(unknownPolicy.body.code).toBe('validation_failed');
    expect(fieldPaths(unknownPolicy.body)).toEqual(['modelPolicyId']);
    const unknownCity = await start(admin, { cityId: randomUUID(), modelPolicyId: policy('pia').id }).expect(400);
    expect(fieldPaths(unknownCity.body)).toEqual(['cityId']);
    const noTitle = await start(tsukubaOfficial, {
      cityId: tsukuba,
      modelPolicyId: policy('pia').id,
      title: '  ',
      language: 'not a locale!',
    }).expect(400);
    expect(fieldPaths(noTitle.body)).toEqual(['language', 'title']);
  });

  it('lists drafts by city, hub, model policy and status, most recently changed first', async () => {
    const alpha = await testCity('Alpha');
    const bravo = await testCity('Bravo');
    const a1: Draft = (await start(alpha.official, { cityId: alpha.id, modelPolicyId: policy('pia').id }).expect(201)).body;
    const a2: Draft = (await start(alpha.official, { cityId: alpha.id, modelPolicyId: policy('open-data').id }).expect(201)).body;
    const b1: Draft = (await start(bravo.official, { cityId: bravo.id, modelPolicyId: policy('pia').id }).expect(201)).body;

    expect(await listIds({ cityId: alpha.id })).toEqual([a2.id, a1.id]);
    expect(await listIds({ hubId: testHub })).toEqual([b1.id, a2.id, a1.id]);
    expect(await listIds({ hubId: testHub, modelPolicyId: policy('pia').id })).toEqual([b1.id, a1.id]);

    await patch(alpha.official, a1.id, { status: 'legal_review' }).expect(200);
    expect(await listIds({ hubId: testHub })).toEqual([a1.id, b1.id, a2.id]);
    expect(await listIds({ hubId: testHub, status: 'legal_review' })).toEqual([a1.id]);
    expect(await listIds({ cityId: bravo.id, status: 'legal_review' })).toEqual([]);

    const pia = (await allPages<Draft>(t, '/api/drafts', { modelPolicyId: policy('pia').id }, observer)).flat();
    expect(pia.map((d) => d.id)).toEqual(expect.arrayContaining([a1.id, b1.id]));
    expect(pia.every((d) => d.modelPolicyKey === 'pia')).toBe(true);
    const inJapan = (await allPages<Draft>(t, '/api/drafts', { hubId: japan }, observer)).flat();
    expect(inJapan.every((d) => d.hubId === japan)).toBe(true);
    expect(inJapan.map((d) => d.id)).not.toContain(a1.id);
  });

  it('pages through drafts with a cursor, each once, ties in time broken by id, to the microsecond', async () => {
    const charlie = await testCity('Charlie');
    const made: Draft[] = [];
    for (let i = 0; i < 5; i++)
      made.push((await start(charlie.official, { cityId: charlie.id, modelPolicyId: policy('pia').id }).expect(201)).body);
    // Two pairs share a time; the three times differ by a microsecond only, below what a JS Date can hold.
    const times = ['03.000002', '03.000002', '03.000001', '03.000000', '03.000000'];
    for (const [i, draft] of made.entries()) {
      await t.db.query('UPDATE drafts SET updated_at = $2 WHERE id = $1', [draft.id, `2025-06-01 00:00:${times[i]}+00`]);
    }
    const byId = (a: Draft, b: Draft) => (a.id < b.id ? -1 : 1);
    const [m0, m1, m2, m3, m4] = firstItems(made, 5);
    const expected = [...[m0, m1].sort(byId), m2, ...[m3, m4].sort(byId)].map((d) => d.id);

    const pages = await allPages<Draft>(t, '/api/drafts', { cityId: charlie.id, limit: 2 }, observer);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((d) => d.id)).toEqual(expected);

    const everything = (await allPages<Draft>(t, '/api/drafts', { limit: 3 }, observer)).flat().map((d) => d.id);
    expect(new Set(everything).size).toBe(everything.length);
    expect(everything).toEqual(expect.arrayContaining(expected));
  });

  it('rejects a cursor it did not issue with 400 on cursor', async () => {
    const forged = Buffer.from(JSON.stringify(['yesterday', randomUUID()])).toString('base64url');
    const res = await t.http().get('/api/drafts').query({ cursor: forged }).set(bearer(observer)).expect(400);
    expect(fieldPaths(res.body)).toEqual(['cursor']);
  });

  it('moves a draft only along permitted steps, naming the allowed next statuses when refusing', async () => {
    const draft: Draft = (await start(tsukubaOfficial, { cityId: tsukuba, modelPolicyId: policy('pia').id }).expect(201)).body;
    const skip = await patch(tsukubaOfficial, draft.id, { status: 'adopted' }).expect(409);
    expect(skip.body).toMatchObject({
      code: 'draft_transition_invalid',
      params: { from: 'drafting', to: 'adopted', allowed: 'legal_review' },
    });
    expect(skip.body.detail).toMatch(/allowed next statuses: legal_review$/);

    const review = await patch(tsukubaOfficial, draft.id, { status: 'legal_review' }).expect(200);
    expect(review.body.status).toBe('legal_review');
    expect(Date.parse(review.body.updatedAt)).toBeGreaterThan(Date.parse(draft.updatedAt));
    await patch(tsukubaOfficial, draft.id, { status: 'drafting' }).expect(200);
    await patch(tsukubaOfficial, draft.id, { status: 'legal_review' }).expect(200);
    await patch(tsukubaOfficial, draft.id, { status: 'public_consultation' }).expect(200);
    await patch(tsukubaOfficial, draft.id, { status: 'adopted' }).expect(200);

    for (const status of ['drafting', 'legal_review', 'public_consultation']) {
      const res = await patch(tsukubaOfficial, draft.id, { status }).expect(409);
      expect(res.body.detail).toMatch(/allowed next statuses: none$/);
    }
    const after = await t.http().get(`/api/drafts/${draft.id}`).set(bearer(observer)).expect(200);
    expect(after.body.status).toBe('adopted');
  });

  it('renames a draft and keeps what the update does not mention', async () => {
    const draft: Draft = (await start(tsukubaOfficial, { cityId: tsukuba, modelPolicyId: policy('pia').id }).expect(201)).body;
    const res = await patch(tsukubaOfficial, draft.id, { title: `  ${tag} Renamed  ` }).expect(200);
    expect(res.body).toEqual({ ...draft, title: `${tag} Renamed`, updatedAt: expect.any(String) });
    const unknownField = await patch(tsukubaOfficial, draft.id, { cityId: randomUUID() }).expect(400);
    expect(unknownField.body.code).toBe('validation_failed');
  });

  it('refuses an expert an update, and lets an observer read the draft', async () => {
    const draft: Draft = (await start(tsukubaOfficial, { cityId: tsukuba, modelPolicyId: policy('pia').id }).expect(201)).body;
    const refused = await patch(expert, draft.id, { title: `${tag} by an expert` }).expect(403);
    expect(refused.body.code).toBe('forbidden');
    const read = await t.http().get(`/api/drafts/${draft.id}`).set(bearer(observer)).expect(200);
    expect(read.body.title).toBe(draft.title);
  });

  it('hands a draft to officials of its city and admins only, and keeps its owners when refusing', async () => {
    const draft: Draft = (await start(tsukubaOfficial, { cityId: tsukuba, modelPolicyId: policy('pia').id }).expect(201)).body;
    const colleague = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    const kagaOfficial = await createPerson(t, [{ role: 'official', cityName: 'Kaga' }]);

    const handed = await patch(tsukubaOfficial, draft.id, { ownerIds: [colleague.id, admin.id, colleague.id] }).expect(200);
    expect(handed.body.owners.map((o: { id: string }) => o.id).sort()).toEqual([colleague.id, admin.id].sort());

    for (const outsider of [expert.id, kagaOfficial.id, observer.id, randomUUID()]) {
      const res = await patch(colleague, draft.id, { ownerIds: [colleague.id, outsider] }).expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(fieldPaths(res.body)).toEqual(['ownerIds']);
    }
    const empty = await patch(colleague, draft.id, { ownerIds: [] }).expect(400);
    expect(fieldPaths(empty.body)).toEqual(['ownerIds']);

    const after: Draft = (await t.http().get(`/api/drafts/${draft.id}`).set(bearer(observer)).expect(200)).body;
    expect(after.owners.map((o) => o.id).sort()).toEqual([colleague.id, admin.id].sort());
  });

  it('answers 404 for an unknown draft and 400 for an id that is not a uuid', async () => {
    const unknown = randomUUID();
    expect((await t.http().get(`/api/drafts/${unknown}`).set(bearer(observer)).expect(404)).body.code).toBe('not_found');
    await patch(admin, unknown, { title: `${tag} nothing` }).expect(404);
    expect(fieldPaths((await t.http().get('/api/drafts/42').set(bearer(observer)).expect(400)).body)).toEqual(['id']);
  });
});
