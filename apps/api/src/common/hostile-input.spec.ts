// Text PostgreSQL cannot store, dates outside its range, odd tokens: refused with a 4xx, never a 5xx.
import { randomBytes, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { draftDocName, type ModelPolicy } from '@minga/contracts';
import { bearer, createPerson, startTestApp, type TestApp, type TestPerson } from '../../test/test-app';

describe('hostile input', () => {
  let t: TestApp;
  let admin: TestPerson;
  let official: TestPerson;
  let hub: string;
  let city: string;
  let plan: string;
  // Hubs and cities made here carry this tag, so they are this file's alone and can be cleaned up.
  const tag = `Hx${randomBytes(4).toString('hex')}`;
  const hubKey = `hx-${tag.slice(2)}`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPerson(t, [{ role: 'admin' }]);
    hub = (
      await t
        .http()
        .post('/api/hubs')
        .set(bearer(admin))
        .send({ key: hubKey, name: `${tag} hub`, languages: ['es'], timeZones: ['America/Mexico_City'] })
        .expect(201)
    ).body.id;
    city = (
      await t
        .http()
        .post('/api/cities')
        .set(bearer(admin))
        .send({ hubId: hub, name: `${tag} Alpha`, country: 'MX', timeZone: 'America/Mexico_City', locale: 'es-MX' })
        .expect(201)
    ).body.id;
    official = await createPerson(t, [{ role: 'official', cityName: `${tag} Alpha` }]);
    const policies: ModelPolicy[] = (await t.http().get('/api/model-policies').set(bearer(admin)).expect(200)).body;
    const created = await t.http().post(`/api/cities/${city}/action-plans`).set(bearer(official)).send({ modelPolicyId: policies[0].id }).expect(201);
    plan = created.body.id;
  });

  afterAll(async () => {
    const q = (sql: string, params: unknown[]) => t.db.query(sql, params);
    const people = [admin.id, official.id];
    const drafts: { id: string }[] = await q('SELECT d.id FROM drafts d JOIN cities c ON c.id = d.city_id WHERE c.hub_id = $1', [hub]);
    const docNames = drafts.map((d) => draftDocName(d.id));
    await q('DELETE FROM meetings WHERE hub_id = $1', [hub]);
    await q('DELETE FROM cohorts WHERE hub_id = $1', [hub]);
    await q('DELETE FROM action_plan_history WHERE city_id IN (SELECT id FROM cities WHERE hub_id = $1)', [hub]);
    await q('DELETE FROM action_plans WHERE city_id IN (SELECT id FROM cities WHERE hub_id = $1)', [hub]);
    await q('DELETE FROM collab_versions WHERE doc_name = ANY($1)', [docNames]);
    await q('DELETE FROM collab_updates WHERE doc_name = ANY($1)', [docNames]);
    await q('DELETE FROM collab_documents WHERE name = ANY($1)', [docNames]);
    await q('DELETE FROM drafts WHERE id = ANY($1)', [drafts.map((d) => d.id)]);
    await q('DELETE FROM invitations WHERE invited_by = ANY($1)', [people]);
    await q('DELETE FROM calendar_feeds WHERE user_id = ANY($1)', [people]);
    await q('DELETE FROM role_assignments WHERE user_id = ANY($1)', [people]);
    await q('DELETE FROM cities WHERE hub_id = $1', [hub]);
    await q('DELETE FROM hubs WHERE id = $1', [hub]);
    await t.close();
  });

  const expectFieldErrors = (res: { status: number; body: { code?: string; errors?: { path: string; message: string }[] } }, paths: string[]) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    expect((res.body.errors ?? []).map((e) => e.path).sort()).toEqual(paths);
    for (const error of res.body.errors ?? []) expect(error.message).toEqual(expect.any(String));
  };

  describe('text PostgreSQL cannot store', () => {
    it('refuses a NUL character in a profile name with a field error, and keeps the name', async () => {
      const res = await t.http().patch('/api/me').set(bearer(admin)).send({ name: 'Ada\u0000Lovelace' });
      expectFieldErrors(res, ['name']);
      expect(res.body.errors[0].message).toMatch(/NUL/);
      const me = await t.http().get('/api/me').set(bearer(admin)).expect(200);
      expect(me.body.name).not.toContain('\u0000');
    });

    it('refuses a NUL character in a search query', async () => {
      const res = await t.http().get('/api/cities?q=%00').set(bearer(admin));
      expectFieldErrors(res, ['q']);
    });

    it('refuses a lone surrogate in a task title deep in a new milestone, naming where it is', async () => {
      const res = await t
        .http()
        .post(`/api/action-plans/${plan}/milestones`)
        .set(bearer(official))
        .send({ title: 'Open the budget', dueDate: '2030-01-01', tasks: [{ title: 'ok' }, { title: 'broken \ud800 text' }] });
      expectFieldErrors(res, ['tasks.1.title']);
      expect(res.body.errors[0].message).toMatch(/surrogate/);
    });

    it('refuses a lone surrogate in a KPI name, leaving the plan without it', async () => {
      const kpi = { unit: '%', direction: 'up', baselineValue: 1, baselineDate: '2025-01-01', targetValue: 2, targetDate: '2030-01-01' };
      const res = await t
        .http()
        .post(`/api/action-plans/${plan}/kpis`)
        .set(bearer(official))
        .send({ ...kpi, name: '\udc00 share of open datasets' });
      expectFieldErrors(res, ['name']);
      const kpis: { name: string }[] = (await t.http().get(`/api/action-plans/${plan}/kpis`).set(bearer(official)).expect(200)).body;
      expect(kpis.map((k) => k.name)).not.toContainEqual(expect.stringContaining('share of open datasets'));
    });

    it('refuses a NUL character in a CSV import sent as text/csv', async () => {
      const res = await t
        .http()
        .post(`/api/action-plans/${plan}/milestones/import`)
        .set(bearer(official))
        .set('Content-Type', 'text/csv')
        .send('title,due_date\nOpen\u0000 the budget,2030-01-01\n');
      expectFieldErrors(res, ['(body)']);
    });
  });

  describe('forged page cursors', () => {
    const cursorOf = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

    it('refuses a cursor whose key carries a NUL character', async () => {
      const res = await t
        .http()
        .get('/api/cities')
        .query({ cursor: cursorOf(['Alpha\u0000', randomUUID()]) })
        .set(bearer(admin));
      expectFieldErrors(res, ['cursor']);
    });

    it('refuses a cursor dated in year 0', async () => {
      const res = await t
        .http()
        .get('/api/drafts')
        .query({ cursor: cursorOf(['0000-01-01T00:00:00Z', randomUUID()]) })
        .set(bearer(admin));
      expectFieldErrors(res, ['cursor']);
    });
  });

  describe('dates outside what PostgreSQL and people mean', () => {
    it('refuses a milestone due on 0000-01-01 with a field message', async () => {
      const res = await t
        .http()
        .post(`/api/action-plans/${plan}/milestones`)
        .set(bearer(official))
        .send({ title: 'Year zero', dueDate: '0000-01-01' });
      expectFieldErrors(res, ['dueDate']);
    });

    it("refuses 0000-01-01 as the start of a KPI's measurements", async () => {
      const kpi = {
        name: 'Open datasets',
        unit: 'count',
        direction: 'up',
        baselineValue: 1,
        baselineDate: '2025-01-01',
        targetValue: 9,
        targetDate: '2030-01-01',
      };
      const { id } = (await t.http().post(`/api/action-plans/${plan}/kpis`).set(bearer(official)).send(kpi).expect(201)).body;
      const res = await t.http().get(`/api/kpis/${id}/measurements?from=0000-01-01`).set(bearer(official));
      expectFieldErrors(res, ['from']);
    });
  });

  describe('access tokens', () => {
    it('answers 401, not 500, to a correctly signed token whose subject is not a UUID', async () => {
      const jwt = t.app.get(JwtService);
      for (const sub of ['not-a-uuid', '', '\u0000', `${admin.id}x`]) {
        const token = await jwt.signAsync({ sub, typ: 'access' });
        const res = await t.http().get('/api/me').set(bearer({ token }));
        expect({ sub, status: res.status, code: res.body.code }).toEqual({ sub, status: 401, code: 'unauthenticated' });
      }
    });
  });
});
