import { randomBytes } from 'node:crypto';
import { cohortDashboardSchema, hubDashboardSchema, type CohortDashboard, type HubDashboard, type ModelPolicy } from '@minga/contracts';
import { bearer, cityId as cityNamed, createPerson, hubId, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { DashboardsService } from './dashboards.service';
import { byKey } from '../../../test/item-at';

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('hub dashboards', () => {
  let t: TestApp;
  let admin: TestPerson;
  let coordinator: TestPerson;
  let official: TestPerson;
  let policy: (key: string) => ModelPolicy;
  let hub: string;
  const tag = `Zh${randomBytes(4).toString('hex')}`;
  const hubKey = `zh-${tag.slice(2)}`;

  /** Served as cached bytes, so the contract is checked here on what the client receives. */
  const dashboard = async (query = ''): Promise<HubDashboard> =>
    hubDashboardSchema.parse((await t.http().get(`/api/hubs/${hub}/dashboard${query}`).set(bearer(coordinator)).expect(200)).body);

  /** A city of the test hub with an open-data plan; `late` gives it an overdue milestone. */
  async function cityWithPlan(name: string, late: boolean): Promise<{ cityId: string; planId: string }> {
    const city = { hubId: hub, name: `${tag} ${name}`, country: 'CO', timeZone: 'America/Bogota', locale: 'es-CO' };
    const cityId = (await t.http().post('/api/cities').set(bearer(admin)).send(city).expect(201)).body.id;
    const plan = await t
      .http()
      .post(`/api/cities/${cityId}/action-plans`)
      .set(bearer(coordinator))
      .send({ modelPolicyId: policy('open-data').id, stage: 'localize' })
      .expect(201);
    await t
      .http()
      .post(`/api/action-plans/${plan.body.id}/milestones`)
      .set(bearer(coordinator))
      .send({ title: 'Analysis', dueDate: isoDay(late ? -10 : 10) })
      .expect(201);
    return { cityId, planId: plan.body.id };
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createPerson(t, [{ role: 'admin' }]);
    hub = (
      await t
        .http()
        .post('/api/hubs')
        .set(bearer(admin))
        .send({ key: hubKey, name: `${tag} hub`, languages: ['es'], timeZones: ['UTC'] })
        .expect(201)
    ).body.id;
    coordinator = await createPerson(t, [{ role: 'coordinator', hubKey }]);
    const policies: ModelPolicy[] = (await t.http().get('/api/model-policies').set(bearer(coordinator)).expect(200)).body;
    policy = byKey(policies);
  });
  afterAll(async () => {
    await t.db.query('DELETE FROM action_plans WHERE city_id IN (SELECT id FROM cities WHERE name LIKE $1)', [`${tag} %`]);
    await t.db.query('DELETE FROM action_plan_history WHERE city_id NOT IN (SELECT id FROM cities)');
    await t.db.query('DELETE FROM cities WHERE name LIKE $1', [`${tag} %`]);
    await t.db.query('DELETE FROM hubs WHERE key = $1', [hubKey]);
    await t.close();
  });

  it('shows the Latin America coordinator who is behind and why, from the demo data', async () => {
    const latamCoordinator = await createPerson(t, [{ role: 'coordinator', hubKey: 'latam' }]);
    const latam: HubDashboard = (
      await t
        .http()
        .get(`/api/hubs/${await hubId(t, 'latam')}/dashboard`)
        .set(bearer(latamCoordinator))
        .expect(200)
    ).body;
    const medellin = latam.cities.find((c) => c.name === 'Medellin');
    expect(medellin?.status).toBe('behind');
    expect(medellin?.overdueMilestones.map((m) => m.title)).toEqual([
      'Comparative analysis against the model policy',
      'Assign responsibility for continuous data updates',
    ]);
    expect(medellin?.offTrackKpis.map((k) => k.name)).toEqual(['Open datasets on the portal']);
    const mexico = latam.cities.find((c) => c.name === 'Mexico City');
    // Other spec files may add plans to the demo cities while this runs.
    expect(mexico?.planCount).toBeGreaterThanOrEqual(2);
    expect(latam.totals.citiesBehind).toBeGreaterThanOrEqual(1);
    const behindOnly: HubDashboard = (
      await t
        .http()
        .get(`/api/hubs/${await hubId(t, 'latam')}/dashboard?cityStatus=behind`)
        .set(bearer(latamCoordinator))
        .expect(200)
    ).body;
    expect(behindOnly.cities.every((c) => c.status === 'behind')).toBe(true);
  });

  it('reflects a measurement an official records, at once', async () => {
    const { cityId, planId } = await cityWithPlan('Measured', false);
    official = await createPerson(t, [{ role: 'official', cityName: `${tag} Measured` }]);
    const kpi = await t
      .http()
      .post(`/api/action-plans/${planId}/kpis`)
      .set(bearer(official))
      .send({
        name: 'Datasets',
        unit: 'datasets',
        direction: 'up',
        baselineValue: 0,
        baselineDate: isoDay(-400),
        targetValue: 100,
        targetDate: isoDay(400),
      })
      .expect(201);
    const before = await dashboard();
    expect(before.cities.find((c) => c.id === cityId)?.kpis).toEqual({ total: 1, onTrack: 0, atRisk: 0, offTrack: 0, noData: 1 });
    await t
      .http()
      .post(`/api/kpis/${kpi.body.id}/measurements`)
      .set(bearer(official))
      .send({ date: isoDay(0), value: 5 })
      .expect(201);
    const after = await dashboard();
    const city = after.cities.find((c) => c.id === cityId);
    expect(city?.kpis.offTrack).toBe(1);
    expect(city?.status).toBe('behind');
    expect(city?.kpiProgress).toBeCloseTo(0.05, 6);
  });

  it('filters by model policy, stage and city status, answers 304 to its ETag, and exports the matrix as CSV', async () => {
    await cityWithPlan('Late', true);
    const late = await dashboard('?cityStatus=behind');
    expect(late.cities.map((c) => c.name)).toContain(`${tag} Late`);
    expect((await dashboard(`?stage=adopted`)).cities).toEqual([]);
    expect((await dashboard(`?modelPolicyId=${policy('pia').id}`)).modelPolicies.map((p) => p.key)).toEqual(['pia']);
    await t.http().get(`/api/hubs/${hub}/dashboard?stage=signed`).set(bearer(coordinator)).expect(400);
    const first = await t.http().get(`/api/hubs/${hub}/dashboard`).set(bearer(coordinator)).expect(200);
    await t
      .http()
      .get(`/api/hubs/${hub}/dashboard`)
      .set(bearer(coordinator))
      .set('If-None-Match', first.headers['etag'] ?? '')
      .expect(304);
    const csv = await t.http().get(`/api/hubs/${hub}/dashboard?format=csv`).set(bearer(coordinator)).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toMatch(new RegExp(`${tag} Late,CO,behind,Open data,localize,0,1,false`));
    await t.http().get(`/api/hubs/${hub}/dashboard`).expect(401);
  });

  it("compares a cohort's cities across hubs, and follows changes to its membership", async () => {
    const { cityId: member } = await cityWithPlan('Cohort member', true);
    const { cityId: outsider } = await cityWithPlan('Not in the cohort', true);
    const medellin = await cityNamed(t, 'Medellin');
    const cohort = await t
      .http()
      .post(`/api/hubs/${hub}/cohorts`)
      .set(bearer(coordinator))
      .send({
        name: `${tag} cohort`,
        modelPolicyId: policy('open-data').id,
        startsOn: isoDay(-30),
        endsOn: isoDay(300),
        cityIds: [member, medellin],
      })
      .expect(201);
    const expert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    const read = async (query = ''): Promise<CohortDashboard> =>
      cohortDashboardSchema.parse(
        (await t.http().get(`/api/cohorts/${cohort.body.id}/dashboard${query}`).set(bearer(expert)).expect(200)).body,
      );

    const before = await read();
    expect(before.cohort).toEqual({ id: cohort.body.id, name: `${tag} cohort`, hubId: hub, modelPolicyId: policy('open-data').id });
    expect(before.cities.map((c) => c.id).sort()).toEqual([member, medellin].sort());
    expect(before.cities.find((c) => c.id === medellin)?.status).toBe('behind');
    expect(before.cities.find((c) => c.id === member)?.overdueMilestones.map((m) => m.title)).toEqual(['Analysis']);
    expect((await read('?cityStatus=on_track')).cities.map((c) => c.id)).not.toContain(member);

    await t
      .http()
      .patch(`/api/cohorts/${cohort.body.id}`)
      .set(bearer(coordinator))
      .send({ cityIds: [member, outsider] })
      .expect(200);
    expect((await read()).cities.map((c) => c.id).sort()).toEqual([member, outsider].sort());
    const csv = await t.http().get(`/api/cohorts/${cohort.body.id}/dashboard?format=csv`).set(bearer(expert)).expect(200);
    expect(csv.text).toContain(`${tag} Not in the cohort,CO,behind,Open data`);
    await t.http().get(`/api/cohorts/${cohort.body.id}/dashboard`).expect(401);
    await t.http().get(`/api/cohorts/00000000-0000-4000-8000-000000000000/dashboard`).set(bearer(expert)).expect(404);
    await t.db.query('DELETE FROM cohorts WHERE id = $1', [cohort.body.id]);
  });

  it('asks the database the same number of queries for 3 cities as for 30 (no N+1)', async () => {
    const service = t.app.get(DashboardsService);
    const spy = jest.spyOn(t.db, 'query');
    const queriesFor = async () => {
      spy.mockClear();
      await service.hubDashboard(hub, {});
      return spy.mock.calls.length;
    };
    const few = await queriesFor();
    for (let i = 0; i < 28; i++) await cityWithPlan(`Many ${i}`, i % 2 === 0);
    const many = await queriesFor();
    spy.mockRestore();
    expect((await dashboard()).cities.length).toBeGreaterThanOrEqual(30);
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(6);
  });
});
