import { randomBytes, randomUUID } from 'node:crypto';
import {
  createMilestoneSchema,
  kpiStatusOf,
  type ActionPlan,
  type HistoryEntry,
  type Kpi,
  type Milestone,
  type ModelPolicy,
} from '@minga/contracts';
import { bearer, createPerson, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { byKey, itemAt } from '../../../test/item-at';
import { ActionPlansService } from './action-plans.service';
import { KpisService } from './kpis.service';
import { MilestonesService } from './milestones.service';

const fieldPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('action plans', () => {
  let t: TestApp;
  let admin: TestPerson;
  let official: TestPerson;
  let otherOfficial: TestPerson;
  let coordinator: TestPerson;
  let otherCoordinator: TestPerson;
  let expert: TestPerson;
  let observer: TestPerson;
  let policy: (key: string) => ModelPolicy;
  let hub: string;
  let city: string;
  let otherCity: string;
  // Hubs and cities made here carry this tag, so they are this file's alone and can be cleaned up.
  const tag = `Zp${randomBytes(4).toString('hex')}`;
  const hubKey = `zp-${tag.slice(2)}`;

  const post = (person: TestPerson, path: string, body: unknown) =>
    t
      .http()
      .post(path)
      .set(bearer(person))
      .send(body as object);
  const patch = (person: TestPerson, path: string, body: unknown) =>
    t
      .http()
      .patch(path)
      .set(bearer(person))
      .send(body as object);
  const get = (person: TestPerson, path: string) => t.http().get(path).set(bearer(person));
  const newPlan = async (policyKey = 'open-data', extra: Record<string, unknown> = {}): Promise<ActionPlan> =>
    (
      await post(official, `/api/cities/${city}/action-plans`, {
        modelPolicyId: policy(policyKey).id,
        statementOfIntent: 'Open the data',
        ...extra,
      }).expect(201)
    ).body;
  const historyOf = async (planId: string): Promise<HistoryEntry[]> =>
    (await get(observer, `/api/action-plans/${planId}/history?limit=200`).expect(200)).body.items;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPerson(t, [{ role: 'admin' }]);
    const hubBody = { key: hubKey, name: `${tag} hub`, languages: ['es'], timeZones: ['America/Mexico_City'] };
    hub = (await t.http().post('/api/hubs').set(bearer(admin)).send(hubBody).expect(201)).body.id;
    const cityBody = (name: string) => ({
      hubId: hub,
      name: `${tag} ${name}`,
      country: 'MX',
      timeZone: 'America/Mexico_City',
      locale: 'es-MX',
    });
    city = (await t.http().post('/api/cities').set(bearer(admin)).send(cityBody('Alpha')).expect(201)).body.id;
    otherCity = (await t.http().post('/api/cities').set(bearer(admin)).send(cityBody('Bravo')).expect(201)).body.id;
    official = await createPerson(t, [{ role: 'official', cityName: `${tag} Alpha` }]);
    otherOfficial = await createPerson(t, [{ role: 'official', cityName: `${tag} Bravo` }]);
    coordinator = await createPerson(t, [{ role: 'coordinator', hubKey }]);
    otherCoordinator = await createPerson(t, [{ role: 'coordinator', hubKey: 'japan' }]);
    expert = await createPerson(t, [{ role: 'expert', hubKey }]);
    observer = await createPerson(t, [{ role: 'observer' }]);
    const policies: ModelPolicy[] = (await get(observer, '/api/model-policies').expect(200)).body;
    policy = byKey(policies);
  });
  afterAll(async () => {
    await t.db.query('DELETE FROM action_plan_history WHERE city_id IN (SELECT id FROM cities WHERE name LIKE $1)', [`${tag} %`]);
    await t.db.query('DELETE FROM action_plans WHERE city_id IN (SELECT id FROM cities WHERE name LIKE $1)', [`${tag} %`]);
    await t.db.query('DELETE FROM cities WHERE name LIKE $1', [`${tag} %`]);
    await t.db.query('DELETE FROM hubs WHERE key = $1', [hubKey]);
    await t.close();
  });

  describe('plans', () => {
    afterEach(() => t.db.query('DELETE FROM action_plans WHERE city_id = ANY($1)', [[city, otherCity]]));

    it("lets the city's official start a plan, in assess, unpublished, with nothing done yet", async () => {
      const plan = await newPlan();
      expect(plan).toEqual(
        expect.objectContaining({
          cityId: city,
          hubId: hub,
          modelPolicyKey: 'open-data',
          stage: 'assess',
          published: false,
          publishedAt: null,
          progress: 0,
          milestoneCount: 0,
          overdueCount: 0,
          kpiCount: 0,
        }),
      );
      expect((await get(expert, `/api/cities/${city}/action-plans`).expect(200)).body.map((p: ActionPlan) => p.id)).toEqual([plan.id]);
      expect((await get(otherCoordinator, `/api/action-plans/${plan.id}`).expect(200)).body).toEqual(plan);
    });

    it('refuses a second plan for the same model policy with 409 plan_exists, naming the city and policy', async () => {
      await newPlan();
      const res = await post(official, `/api/cities/${city}/action-plans`, { modelPolicyId: policy('open-data').id }).expect(409);
      expect(res.body).toMatchObject({ code: 'plan_exists', params: { city: expect.any(String), policy: expect.any(String) } });
      expect(res.body.detail).toBe(`${res.body.params.city} already has an action plan for ${res.body.params.policy}`);
    });

    it.each([
      ['an official of another city', () => otherOfficial],
      ["another hub's coordinator", () => otherCoordinator],
      ['an expert', () => expert],
      ['an observer', () => observer],
    ])('refuses %s a plan for the city', async (_, who) => {
      const res = await post(who(), `/api/cities/${city}/action-plans`, { modelPolicyId: policy('pia').id }).expect(403);
      expect(res.body.code).toBe('forbidden');
    });

    it("lets the hub's coordinator start and change a plan, but not delete it", async () => {
      const plan: ActionPlan = (
        await post(coordinator, `/api/cities/${city}/action-plans`, { modelPolicyId: policy('pia').id }).expect(201)
      ).body;
      await patch(coordinator, `/api/action-plans/${plan.id}`, { stage: 'localize' }).expect(200);
      await t.http().delete(`/api/action-plans/${plan.id}`).set(bearer(coordinator)).expect(403);
      await t.http().delete(`/api/action-plans/${plan.id}`).set(bearer(official)).expect(204);
      await get(observer, `/api/action-plans/${plan.id}`).expect(404);
    });

    it('rejects bad input with field errors', async () => {
      const bad = await post(official, `/api/cities/${city}/action-plans`, {
        modelPolicyId: 'nope',
        stage: 'signed',
        published: 'yes',
      }).expect(400);
      expect(fieldPaths(bad.body)).toEqual(['modelPolicyId', 'published', 'stage']);
      const unknownPolicy = await post(official, `/api/cities/${city}/action-plans`, { modelPolicyId: randomUUID() }).expect(400);
      expect(fieldPaths(unknownPolicy.body)).toEqual(['modelPolicyId']);
      const foreignDraft = await post(official, `/api/cities/${city}/action-plans`, {
        modelPolicyId: policy('pia').id,
        draftId: randomUUID(),
      }).expect(400);
      expect(fieldPaths(foreignDraft.body)).toEqual(['draftId']);
      await post(official, `/api/cities/${randomUUID()}/action-plans`, { modelPolicyId: policy('pia').id }).expect(404);
      await get(observer, `/api/action-plans/${randomUUID()}`).expect(404);
      await get(observer, '/api/action-plans/not-a-uuid').expect(400);
    });

    it('records who changed what, before and after, and publishes with a date', async () => {
      const plan = await newPlan();
      const published: ActionPlan = (await patch(official, `/api/action-plans/${plan.id}`, { stage: 'draft', published: true }).expect(200))
        .body;
      expect(published.publishedAt).not.toBeNull();
      await patch(official, `/api/action-plans/${plan.id}`, { stage: 'draft' }).expect(200);
      const history = await historyOf(plan.id);
      expect(history.map((h) => [h.entity, h.action])).toEqual([
        ['action_plan', 'update'],
        ['action_plan', 'create'],
      ]);
      expect(itemAt(history).actor?.id).toBe(official.id);
      expect(itemAt(history).changes).toEqual([
        { field: 'stage', before: 'assess', after: 'draft' },
        { field: 'published', before: false, after: true },
      ]);
    });
  });

  describe('milestones, tasks and progress', () => {
    let plan: ActionPlan;
    beforeAll(async () => {
      plan = await newPlan('dig-once');
    });

    it('computes progress from milestones and their tasks, and overdue in the city’s time zone', async () => {
      const base = `/api/action-plans/${plan.id}/milestones`;
      const done: Milestone = (await post(official, base, { title: 'Intent', dueDate: isoDay(-30), status: 'done' }).expect(201)).body;
      const late: Milestone = (await post(coordinator, base, { title: 'Analysis', dueDate: isoDay(-2), ownerId: official.id }).expect(201))
        .body;
      const half: Milestone = (
        await post(official, base, {
          title: 'Portal',
          dueDate: isoDay(60),
          tasks: [{ title: 'Design', done: true }, { title: 'Build' }],
        }).expect(201)
      ).body;
      expect(done.overdue).toBe(false);
      expect(late).toEqual(
        expect.objectContaining({ overdue: true, status: 'planned', owner: { id: official.id, name: expect.any(String) } }),
      );
      expect(half.tasks.map((task) => [task.title, task.done])).toEqual([
        ['Design', true],
        ['Build', false],
      ]);
      // (1 + 0 + 0.5) / 3 milestones
      let current: ActionPlan = (await get(observer, `/api/action-plans/${plan.id}`).expect(200)).body;
      expect(current).toEqual(expect.objectContaining({ progress: 50, milestoneCount: 3, overdueCount: 1 }));

      await patch(official, `/api/tasks/${itemAt(half.tasks, 1).id}`, { done: true }).expect(200);
      await patch(official, `/api/milestones/${late.id}`, { status: 'done' }).expect(200);
      current = (await get(observer, `/api/action-plans/${plan.id}`).expect(200)).body;
      expect(current).toEqual(expect.objectContaining({ progress: 100, overdueCount: 0 }));

      const history = await historyOf(plan.id);
      expect(history.find((h) => h.entity === 'milestone' && h.action === 'update')?.changes).toEqual([
        { field: 'status', before: 'planned', after: 'done' },
      ]);
      expect(history.filter((h) => h.entity === 'task' && h.action === 'create')).toHaveLength(2);
    });

    it('refuses changes from people outside the city and its hub, and deletions by the coordinator', async () => {
      const m: Milestone = (
        await post(official, `/api/action-plans/${plan.id}/milestones`, { title: 'Kept', dueDate: isoDay(10) }).expect(201)
      ).body;
      await patch(otherOfficial, `/api/milestones/${m.id}`, { title: 'Taken' }).expect(403);
      await patch(expert, `/api/milestones/${m.id}`, { title: 'Taken' }).expect(403);
      await t.http().delete(`/api/milestones/${m.id}`).set(bearer(coordinator)).expect(403);
      await post(observer, `/api/milestones/${m.id}/tasks`, { title: 'x' }).expect(403);
      await t.http().delete(`/api/milestones/${m.id}`).set(bearer(official)).expect(204);
      await patch(official, `/api/milestones/${m.id}`, { title: 'Gone' }).expect(404);
    });

    it('rejects a bad milestone with field errors', async () => {
      const res = await post(official, `/api/action-plans/${plan.id}/milestones`, {
        title: '',
        dueDate: '2024-02-30',
        status: 'finished',
        evidenceLinks: ['http://insecure.example.org'],
      }).expect(400);
      expect(fieldPaths(res.body)).toEqual(['dueDate', 'evidenceLinks.0', 'status', 'title']);
      const noOwner = await post(official, `/api/action-plans/${plan.id}/milestones`, {
        title: 'x',
        dueDate: isoDay(1),
        ownerId: randomUUID(),
      }).expect(400);
      expect(fieldPaths(noOwner.body)).toEqual(['ownerId']);
    });
  });

  describe('KPIs and measurements', () => {
    let plan: ActionPlan;
    beforeAll(async () => {
      plan = await newPlan('whole-life-carbon');
    });

    it('rates a KPI by its trajectory, as the contract rule says, from the latest measurement', async () => {
      const body = {
        name: 'Social services',
        unit: 'services',
        direction: 'up',
        baselineValue: 800000,
        baselineDate: '2019-12-31',
        targetValue: 2500000,
        targetDate: '2024-12-31',
      };
      const kpi: Kpi = (await post(official, `/api/action-plans/${plan.id}/kpis`, body).expect(201)).body;
      expect(kpi).toEqual(expect.objectContaining({ status: 'no_data', latestValue: null, progress: null, measurementCount: 0 }));
      const add = (date: string, value: number) => post(official, `/api/kpis/${kpi.id}/measurements`, { date, value, source: 'Report' });
      await add('2022-07-01', 1_300_000).expect(201);
      let current: Kpi = (await get(observer, `/api/action-plans/${plan.id}/kpis`).expect(200)).body[0];
      expect(current).toEqual(
        expect.objectContaining({ status: 'off_track', latestValue: 1_300_000, latestDate: '2022-07-01', measurementCount: 1 }),
      );
      expect(current.progress).toBeCloseTo(500_000 / 1_700_000, 6);
      await add('2023-01-01', 1_900_000).expect(201);
      current = (await get(observer, `/api/action-plans/${plan.id}/kpis`).expect(200)).body[0];
      expect(current.status).toBe('on_track');
      await add('2023-01-01', 1).expect(409);
      const page = (await get(observer, `/api/kpis/${kpi.id}/measurements?limit=1`).expect(200)).body;
      expect(page.items.map((m: { date: string }) => m.date)).toEqual(['2022-07-01']);
      const next = (await get(observer, `/api/kpis/${kpi.id}/measurements?limit=1&cursor=${page.nextCursor}`).expect(200)).body;
      expect(next.items.map((m: { date: string }) => m.date)).toEqual(['2023-01-01']);
      expect(next.nextCursor).toBeNull();
    });

    it('computes the same status in SQL as the contract rule, case by case', async () => {
      const cases = [
        ['up', 0, '2020-01-01', 100, '2021-01-01', 50, '2020-07-02'],
        ['up', 0, '2020-01-01', 100, '2021-01-01', 45, '2020-07-02'],
        ['up', 0, '2020-01-01', 100, '2021-01-01', 30, '2020-07-02'],
        ['down', 6708, '2018-10-01', 2500, '2023-03-01', 2500, '2023-03-01'],
        ['down', 6708, '2018-10-01', 2500, '2023-03-01', 6708, '2020-12-15'],
        ['up', 10, '2020-01-01', 20, '2021-01-01', 19.5, '2022-01-01'],
        ['up', 10, '2020-01-01', 20, '2021-01-01', 9.5, '2019-01-01'],
      ] as const;
      for (const [direction, bv, bd, tv, td, lv, ld] of cases) {
        const [{ status }] = await t.db.query('SELECT kpi_status($1, $2, $3, $4, $5, $6, $7) AS status', [
          direction,
          bv,
          bd,
          tv,
          td,
          lv,
          ld,
        ]);
        const expected = kpiStatusOf(
          { direction, baselineValue: bv, baselineDate: bd, targetValue: tv, targetDate: td },
          { value: lv, date: ld },
        );
        expect([direction, lv, ld, status]).toEqual([direction, lv, ld, expected]);
      }
    });

    it('rejects a KPI whose target is not reachable, also after a partial update', async () => {
      const bad = await post(official, `/api/action-plans/${plan.id}/kpis`, {
        name: 'Crime',
        unit: 'cases',
        direction: 'down',
        baselineValue: 10,
        baselineDate: '2020-01-01',
        targetValue: 20,
        targetDate: '2019-01-01',
      }).expect(400);
      expect(fieldPaths(bad.body)).toEqual(['targetDate', 'targetValue']);
      const kpi: Kpi = (
        await post(official, `/api/action-plans/${plan.id}/kpis`, {
          name: 'Crime',
          unit: 'cases',
          direction: 'down',
          baselineValue: 10,
          baselineDate: '2020-01-01',
          targetValue: 5,
          targetDate: '2022-01-01',
        }).expect(201)
      ).body;
      expect(fieldPaths((await patch(official, `/api/kpis/${kpi.id}`, { targetValue: 15 }).expect(400)).body)).toEqual(['targetValue']);
      // Values so tiny that progress (divided by target - baseline) overflowed, and every list with the KPI failed.
      const tiny = await patch(official, `/api/kpis/${kpi.id}`, { baselineValue: 9e-323, targetValue: 8e-323 }).expect(400);
      expect(fieldPaths(tiny.body)).toEqual(['baselineValue', 'targetValue']);
      await t
        .http()
        .get(`/api/open-data/action-plans/${plan.id}`)
        .expect((res) => expect(res.status).toBeLessThan(500));
      await post(official, `/api/action-plans/${plan.id}/kpis`, {
        name: 'crime',
        unit: 'x',
        direction: 'up',
        baselineValue: 1,
        baselineDate: '2020-01-01',
        targetValue: 2,
        targetDate: '2021-01-01',
      }).expect(409);
      const future = await post(official, `/api/kpis/${kpi.id}/measurements`, { date: isoDay(30), value: 3 }).expect(400);
      expect(fieldPaths(future.body)).toEqual(['date']);
      await post(expert, `/api/kpis/${kpi.id}/measurements`, { date: '2021-01-01', value: 3 }).expect(403);
      await t.http().delete(`/api/kpis/${kpi.id}`).set(bearer(coordinator)).expect(403);
      await t.http().delete(`/api/kpis/${kpi.id}`).set(bearer(official)).expect(204);
    });
  });

  describe('CSV import and export', () => {
    let plan: ActionPlan;
    beforeAll(async () => {
      plan = await newPlan('public-asset-use');
      await post(official, `/api/action-plans/${plan.id}/kpis`, {
        name: 'High-impact crime',
        unit: 'cases',
        direction: 'down',
        baselineValue: 6708,
        baselineDate: '2018-10-01',
        targetValue: 2500,
        targetDate: '2023-03-01',
      }).expect(201);
    });
    const importCsv = (person: TestPerson, what: string, csv: string, dryRun = false) =>
      t
        .http()
        .post(`/api/action-plans/${plan.id}/${what}/import${dryRun ? '?dryRun=true' : ''}`)
        .set(bearer(person))
        .set('Content-Type', 'text/csv')
        .send(csv);
    const count = async (table: string) =>
      (await t.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE action_plan_id = $1`, [plan.id]))[0].n as number;

    it('reports every invalid row and imports nothing, then imports a clean file all at once', async () => {
      const csv = [
        'title,due_date,status,owner_id,evidence_links,tasks',
        'Statement of intent,2024-01-31,done,,https://datos.cdmx.gob.mx/,',
        ',2024-13-01,,,,',
        'Portal update,2024-06-30,finished,,http://insecure.example.org,Design | Build',
        `Monitoring,2024-09-30,,${randomUUID()},,`,
      ].join('\n');
      const dry = (await importCsv(official, 'milestones', csv, true).expect(200)).body;
      expect(dry).toEqual(expect.objectContaining({ applied: false, dryRun: true, rowCount: 4, validCount: 1 }));
      expect(dry.rows.map((r: { row: number; errors: { field: string }[] }) => [r.row, r.errors.map((e) => e.field).sort()])).toEqual([
        [2, []],
        [3, ['due_date', 'title']],
        [4, ['evidence_links', 'status']],
        [5, ['owner_id']],
      ]);
      const rejected = await importCsv(official, 'milestones', csv).expect(400);
      expect(fieldPaths(rejected.body)).toEqual([
        'rows.3.due_date',
        'rows.3.title',
        'rows.4.evidence_links',
        'rows.4.status',
        'rows.5.owner_id',
      ]);
      expect(await count('milestones')).toBe(0);

      const clean =
        'title,due_date,status,tasks\n"Statement of intent, signed",2024-01-31,done,\nPortal update,2030-06-30,in_progress,Design | Build\n';
      const applied = (await importCsv(coordinator, 'milestones', clean).expect(200)).body;
      expect(applied).toEqual(expect.objectContaining({ applied: true, rowCount: 2, validCount: 2 }));
      const milestones: Milestone[] = (await get(observer, `/api/action-plans/${plan.id}/milestones`).expect(200)).body;
      expect(milestones.map((m) => [m.title, m.status, m.tasks.map((x) => x.title)])).toEqual([
        ['Statement of intent, signed', 'done', []],
        ['Portal update', 'in_progress', ['Design', 'Build']],
      ]);
      expect((await historyOf(plan.id)).filter((h) => h.entity === 'milestone' && h.action === 'create')).toHaveLength(2);
    });

    it('imports measurements by KPI name as JSON { csv }, refusing duplicates and non-numbers', async () => {
      const bad =
        'kpi,date,value,source\nHigh-impact crime,2019-10-01,"6,100",SESNSP\nNo such KPI,2019-10-01,1,\nhigh-impact crime,2020-10-01,5000,\nHigh-impact crime,2020-10-01,4900,\n';
      const rejected = await post(official, `/api/action-plans/${plan.id}/measurements/import`, { csv: bad }).expect(400);
      expect(fieldPaths(rejected.body)).toEqual(['rows.2.value', 'rows.3.kpi', 'rows.5.date']);
      const good =
        'kpi,date,value,source,note\nHigh-impact crime,2019-10-01,6100,SESNSP,\nhigh-impact crime,2020-10-01,5000,SESNSP,pandemic year\n';
      expect((await post(official, `/api/action-plans/${plan.id}/measurements/import`, { csv: good }).expect(200)).body.applied).toBe(true);
      const again = await post(official, `/api/action-plans/${plan.id}/measurements/import`, { csv: good }).expect(400);
      expect(fieldPaths(again.body)).toEqual(['rows.2.date', 'rows.3.date']);
      await post(expert, `/api/action-plans/${plan.id}/measurements/import`, { csv: good }).expect(403);
    });

    it('refuses a file with unknown columns, no rows or too many bytes', async () => {
      expect(fieldPaths((await importCsv(official, 'milestones', 'title,due,colour\nx,2024-01-01,red\n').expect(400)).body)).toEqual([
        'columns.colour',
        'columns.due',
        'columns.due_date',
      ]);
      await importCsv(official, 'milestones', 'title,due_date\n').expect(400);
      await post(official, `/api/action-plans/${plan.id}/milestones/import`, {}).expect(400);
      const huge = `title,due_date\n${'A long title,2024-01-01\n'.repeat(100_000)}`;
      expect((await importCsv(official, 'milestones', huge).expect(413)).body.code).toBe('payload_too_large');
    });

    it('exports milestones, KPIs and measurements as CSV and JSON', async () => {
      const csv = await get(observer, `/api/action-plans/${plan.id}/milestones?format=csv`).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text.replace(/^\uFEFF/, '').split('\n')[0]).toBe('title,due_date,status,owner_id,evidence_links,tasks');
      expect(csv.text).toContain('"Statement of intent, signed",2024-01-31,done');
      // The file the web app downloads is this one: it imports again as it is (here as a dry run).
      const rows =
        csv.text
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\n').length - 1;
      const back = (await importCsv(official, 'milestones', csv.text, true).expect(200)).body;
      expect(back).toEqual(expect.objectContaining({ dryRun: true, rowCount: rows, validCount: rows }));
      const kpis = await get(observer, `/api/action-plans/${plan.id}/kpis`).set('Accept', 'text/csv').expect(200);
      expect(kpis.text).toContain('High-impact crime,cases,down,6708,2018-10-01,2500,2023-03-01,5000,2020-10-01');
      const measurements = await get(observer, `/api/action-plans/${plan.id}/measurements?format=csv`).expect(200);
      expect(
        measurements.text
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\n'),
      ).toEqual([
        'kpi,date,value,source,note',
        'High-impact crime,2019-10-01,6100,SESNSP,',
        'High-impact crime,2020-10-01,5000,SESNSP,pandemic year',
      ]);
      const json = (await get(observer, `/api/action-plans/${plan.id}/measurements`).expect(200)).body;
      expect(json.map((m: { kpiName: string; value: number }) => [m.kpiName, m.value])).toEqual([
        ['High-impact crime', 6100],
        ['High-impact crime', 5000],
      ]);
    });
  });

  describe('a plan or measurement deleted by a concurrent request', () => {
    // A route finds the plan (or measurement) first, then writes in a transaction: a DELETE committed in between
    // answered 500 (a TypeError on the missing row) instead of 404. The services are called with what the first
    // look-up found, for a row that is gone.
    const goneScope = () => ({ planId: randomUUID(), cityId: city, hubId: hub, published: false });

    it('answers not_found for a KPI added to a plan that is gone', async () => {
      const input = {
        name: 'Gone',
        unit: 'services',
        direction: 'up' as const,
        baselineValue: 1,
        baselineDate: '2020-01-01',
        targetValue: 2,
        targetDate: '2030-01-01',
      };
      await expect(t.app.get(KpisService).create(goneScope(), input, official.id)).rejects.toMatchObject({ code: 'not_found' });
    });

    it('answers not_found for a milestone added to a plan that is gone', async () => {
      const input = createMilestoneSchema.parse({ title: 'Gone', dueDate: isoDay(10) });
      await expect(t.app.get(MilestonesService).create(goneScope(), input, official.id)).rejects.toMatchObject({ code: 'not_found' });
    });

    it('answers not_found for a measurement removed by someone else first', async () => {
      const plans = t.app.get(ActionPlansService);
      jest.spyOn(plans, 'scopeOf').mockResolvedValueOnce(goneScope());
      await expect(t.app.get(KpisService).removeMeasurement(randomUUID(), official.id)).rejects.toMatchObject({ code: 'not_found' });
    });
  });
});
