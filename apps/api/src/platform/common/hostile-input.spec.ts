// Text PostgreSQL cannot store, dates outside its range, odd tokens: every route refuses them with a 4xx, never a 5xx.
import { randomBytes, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import fc from 'fast-check';
import type { Response } from 'supertest';
import type { ModelPolicy } from '@minga/contracts';
import {
  HostileValues,
  objectKindOf,
  operationsOf,
  type HostileRequest,
  type OpenApiDoc,
  type Operation,
} from '../../../test/openapi-arbitraries';
import { bearer, createPerson, removeHubs, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { itemAt } from '../../../test/item-at';

/** Requests per operation; with about 130 operations the whole walk stays well under a minute. */
const RUNS_PER_OPERATION = 20;
const REQUEST_TIMEOUT_MS = 15_000;
/** Set MINGA_FUZZ_SEED to replay a failed run; the seed is printed with every failure. */
const SEED = Number(process.env['MINGA_FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));

/** What is wrong with an answer to a hostile request, or null: a server error, or a refusal that is not problem details. */
function flawOf(res: Response): string | null {
  if (res.status >= 500) return `status ${res.status} (${res.body?.code})`;
  // 414 and 431 come from Node's HTTP parser (URL or headers too long), before the app.
  if (res.status < 400 || res.status === 414 || res.status === 431) return null;
  if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? ''))
    return `status ${res.status} with content-type ${res.headers['content-type']}`;
  if (typeof res.body?.code !== 'string' || res.body.status !== res.status)
    return `status ${res.status} with body ${JSON.stringify(res.body)}`;
  return null;
}

/** A request as a readable line: long strings shortened, invisible characters escaped. */
function describeRequest(op: Operation, req: HostileRequest): string {
  const shorten = (_: string, v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v);
  return `${op.method.toUpperCase()} ${req.url.length > 200 ? `${req.url.slice(0, 200)}…` : req.url} ${JSON.stringify(req.body, shorten) ?? ''}`;
}

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
    const created = await t
      .http()
      .post(`/api/cities/${city}/action-plans`)
      .set(bearer(official))
      .send({ modelPolicyId: itemAt(policies).id })
      .expect(201);
    plan = created.body.id;
  });

  // Hubs and cities outside this file's hub that the walk happened to create (both may be made without a parent).
  const createdElsewhere: { table: 'hubs' | 'cities'; id: string }[] = [];

  afterAll(async () => {
    const q = (sql: string, params: unknown[]) => t.db.query(sql, params);
    const people = [admin.id, official.id];
    await q('DELETE FROM invitations WHERE invited_by = ANY($1)', [people]);
    await q('DELETE FROM calendar_feeds WHERE user_id = ANY($1)', [people]);
    await removeHubs(t, [hub]);
    await q('DELETE FROM role_assignments WHERE user_id = ANY($1)', [people]);
    for (const { table, id } of createdElsewhere.reverse()) await q(`DELETE FROM ${table} WHERE id = $1`, [id]);
    await t.close();
  });

  const expectFieldErrors = (
    res: { status: number; body: { code?: string; errors?: { path: string; message: string }[] } },
    paths: string[],
  ) => {
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

  describe('every route, walked with generated hostile requests', () => {
    const ids: Record<string, string> = {};
    /** A valid body per route whose fields depend on each other; the walk also sends it with one field replaced. */
    const examples: Record<string, Record<string, unknown>> = {};

    /** One of each object a path can name, made through the API as a user would, inside this file's hub. */
    beforeAll(async () => {
      const as = (person: TestPerson) => ({
        post: async (path: string, body: object) => (await t.http().post(path).set(bearer(person)).send(body).expect(201)).body,
        get: async (path: string) => (await t.http().get(path).set(bearer(person)).expect(200)).body,
      });
      const policy = itemAt<ModelPolicy>(await as(admin).get('/api/model-policies'));
      Object.assign(ids, { hub, city, plan, user: official.id, modelPolicy: policy.id });
      const milestone = await as(official).post(`/api/action-plans/${plan}/milestones`, {
        title: 'Publish the budget',
        dueDate: '2030-01-01',
        tasks: [{ title: 'Collect' }],
      });
      Object.assign(ids, { milestone: milestone.id, task: milestone.tasks[0].id });
      const kpiBody = {
        name: 'Datasets',
        unit: 'count',
        direction: 'up',
        baselineValue: 1,
        baselineDate: '2025-01-01',
        targetValue: 9,
        targetDate: '2030-01-01',
      };
      ids['kpi'] = (await as(official).post(`/api/action-plans/${plan}/kpis`, kpiBody)).id;
      ids['measurement'] = (await as(official).post(`/api/kpis/${ids['kpi']}/measurements`, { date: '2026-01-01', value: 3 })).id;
      ids['draft'] = (await as(official).post('/api/drafts', { cityId: city, modelPolicyId: policy.id, title: `${tag} draft` })).id;
      ids['thread'] = (await as(official).post(`/api/drafts/${ids['draft']}/threads`, { body: 'A general remark' })).id;
      ids['version'] = (await as(official).post(`/api/drafts/${ids['draft']}/versions`, { label: 'First' })).id;
      ids['cohort'] = (
        await as(admin).post(`/api/hubs/${hub}/cohorts`, {
          name: `${tag} cohort`,
          startsOn: '2030-01-01',
          endsOn: '2030-12-31',
          cityIds: [city],
        })
      ).id;
      ids['meeting'] = (
        await as(admin).post(`/api/cohorts/${ids['cohort']}/meetings`, {
          title: 'Kick-off',
          timeZone: 'UTC',
          localStart: '2030-03-01T10:00',
          durationMinutes: 60,
        })
      ).id;
      ids['occurrence'] = (
        await as(admin).get(`/api/meetings/${ids['meeting']}/occurrences?from=2030-02-01T00:00:00Z&to=2030-04-01T00:00:00Z`)
      ).items[0].id;
      ids['actionItem'] = (await as(admin).post(`/api/occurrences/${ids['occurrence']}/action-items`, { title: 'Send the minutes' })).id;

      const meeting = {
        title: 'Review',
        timeZone: 'America/Mexico_City',
        localStart: '2030-05-01T09:00',
        durationMinutes: 45,
        rrule: 'FREQ=WEEKLY;COUNT=3',
        capacity: 10,
      };
      Object.assign(examples, {
        'post /api/hubs': { key: `${hubKey}-x`, name: 'Another hub', languages: ['es'], timeZones: ['UTC'] },
        'post /api/cities': {
          hubId: hub,
          name: `${tag} Beta`,
          country: 'MX',
          timeZone: 'UTC',
          locale: 'es-MX',
          population: 1000,
          areaKm2: 12.5,
        },
        'patch /api/me': {
          name: 'Ada',
          locale: 'en',
          timeZone: 'Asia/Tokyo',
          workingHours: { start: '08:00', end: '16:00', days: [1, 2, 3] },
        },
        'post /api/cities/{cityId}/action-plans': { modelPolicyId: policy.id, statementOfIntent: 'Open the data', stage: 'draft' },
        'post /api/action-plans/{id}/milestones': {
          title: 'Budget online',
          dueDate: '2031-01-01',
          status: 'planned',
          tasks: [{ title: 'Scan' }],
        },
        'patch /api/milestones/{id}': { title: 'Budget online', dueDate: '2031-06-01', status: 'done' },
        'post /api/action-plans/{id}/kpis': kpiBody,
        'patch /api/kpis/{id}': { name: 'Datasets online', targetValue: 20, targetDate: '2032-01-01' },
        'post /api/kpis/{id}/measurements': { date: '2026-02-01', value: 4, source: 'Portal', note: 'Counted by hand' },
        'post /api/drafts': { cityId: city, modelPolicyId: policy.id, title: `${tag} second draft`, language: 'es' },
        'post /api/drafts/{draftId}/threads': { kind: 'comment', body: 'Why thirty days?' },
        'post /api/hubs/{hubId}/cohorts': {
          name: `${tag} second cohort`,
          startsOn: '2030-01-01',
          endsOn: '2031-01-01',
          cityIds: [city],
          expertIds: [],
        },
        'patch /api/cohorts/{id}': { name: `${tag} cohort renamed`, startsOn: '2030-02-01', endsOn: '2030-11-30' },
        'post /api/cohorts/{id}/meetings': meeting,
        'post /api/hubs/{hubId}/meetings': meeting,
        'patch /api/meetings/{id}': { title: 'Kick-off, moved', localStart: '2030-03-02T11:00', durationMinutes: 30 },
        'patch /api/occurrences/{id}': { startsAt: '2030-03-01T11:00:00Z', endsAt: '2030-03-01T12:00:00Z' },
        'put /api/occurrences/{id}/agenda': { items: [{ title: 'Welcome', durationMinutes: 10 }] },
        'post /api/occurrences/{id}/action-items': { title: 'Write it up', dueOn: '2030-04-01', cityId: city, ownerId: official.id },
        'patch /api/meeting-action-items/{id}': { title: 'Write it up soon', dueOn: '2030-04-15' },
        'post /api/invitations': { email: `${hubKey}@example.test`, role: 'official', cityId: city },
        'post /api/role-assignments': { userId: official.id, role: 'expert', hubId: hub },
      });
    });

    it('never answers a 5xx, and answers every refusal as problem details', async () => {
      const doc: OpenApiDoc = (await t.http().get('/api/openapi.json').expect(200)).body;
      const values = new HostileValues(doc, [...Object.values(ids), admin.id]);
      // Deletions last, so the objects stay for the other routes; signing out very last.
      const rank = (op: Operation) => (op.path === '/api/auth/session' && op.method === 'delete' ? 2 : op.method === 'delete' ? 1 : 0);
      const operations = operationsOf(doc).sort((a, b) => rank(a) - rank(b));
      const idFor = (op: Operation) => (name: string) => {
        const kind = objectKindOf(op.path, name);
        return kind ? (ids[kind] ?? null) : null;
      };
      const send = async (op: Operation, req: HostileRequest) => {
        // A request that hangs is a flaw too: it fails here, with the seed, instead of the whole walk timing out.
        const call = t.http()[op.method](req.url).set(bearer(admin)).timeout(REQUEST_TIMEOUT_MS);
        const res = req.body === undefined ? await call : await call.set('Content-Type', 'application/json').send(JSON.stringify(req.body));
        if (res.status === 201 && op.method === 'post' && (op.path === '/api/hubs' || op.path === '/api/cities')) {
          createdElsewhere.push({ table: op.path === '/api/hubs' ? 'hubs' : 'cities', id: res.body.id });
        }
        return res;
      };

      const failures: string[] = [];
      for (const op of operations) {
        let flawed: { req: HostileRequest; flaw: string } | null = null;
        const result = await fc.check(
          fc.asyncProperty(values.request(op, idFor(op), examples[`${op.method} ${op.path}`]), async (req) => {
            const flaw = flawOf(await send(op, req));
            if (flaw && !flawed) flawed = { req, flaw };
            return flaw === null;
          }),
          { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
        );
        if (result.failed) {
          const found = flawed as { req: HostileRequest; flaw: string } | null;
          const what = found ? `${found.flaw} for ${describeRequest(op, found.req)}` : String(result.errorInstance);
          failures.push(`${op.method.toUpperCase()} ${op.path}: ${what} (MINGA_FUZZ_SEED=${SEED}, path ${result.counterexamplePath})`);
        }
      }
      expect(failures).toEqual([]);
      expect(operations.length).toBeGreaterThan(100);
    }, 180_000);
  });
});
