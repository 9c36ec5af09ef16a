import type { Cohort, CohortOverview, Meeting, Occurrence, SlotResult } from '@minga/contracts';
import { DemoMeetingsSeed } from '../seed/demo-meetings-seed.service';
import { bearer, createPerson, hubId, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { firstItems, itemAt } from '../../../test/item-at';

describe('the demo cohort and the fair slot finder', () => {
  let t: TestApp;
  let member: TestPerson;
  let roleless: TestPerson;
  let cohort: Cohort;

  beforeAll(async () => {
    t = await startTestApp();
    member = await createPerson(t, [{ role: 'observer' }]);
    roleless = await createPerson(t, []);
    const cohorts = await t
      .http()
      .get(`/api/hubs/${await hubId(t, 'latam')}/cohorts`)
      .set(bearer(member))
      .expect(200);
    cohort = cohorts.body.find((c: Cohort) => c.name === 'Open data 2027');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('seeds "Open data 2027" across Tokyo, Mexico City, Delhi and Jakarta, once', async () => {
    expect(cohort.cities.map((c) => [c.name, c.timeZone])).toEqual([
      ['Delhi', 'Asia/Kolkata'],
      ['Jakarta', 'Asia/Jakarta'],
      ['Mexico City', 'America/Mexico_City'],
      ['Tsukuba', 'Asia/Tokyo'],
    ]);
    expect(cohort.modelPolicy?.key).toBe('open-data');
    await t.app.get(DemoMeetingsSeed).run();
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM cohorts WHERE name = 'Open data 2027'`);
    expect(count).toBe(1);
  });

  it('seeds a monthly series at 19:00 Mexico City time whose agenda links Mexico City’s open data draft', async () => {
    const meetings: Meeting[] = (await t.http().get(`/api/cohorts/${cohort.id}/meetings`).set(bearer(member)).expect(200)).body;
    expect(meetings).toHaveLength(1);
    const [series] = firstItems(meetings, 1);
    expect(series.rrule).toBe('FREQ=MONTHLY;BYDAY=2WE;COUNT=12');
    expect(series.occurrenceCount).toBe(12);
    const [draft] = await t.db.query(
      `SELECT d.title, c.name AS city, mp.key AS policy FROM drafts d JOIN cities c ON c.id = d.city_id
       JOIN model_policies mp ON mp.id = d.model_policy_id WHERE d.id = $1`,
      [series.draft?.id],
    );
    expect(draft).toEqual({ title: series.draft?.title, city: 'Mexico City', policy: 'open-data' });
    const linked = series.agenda.find((item) => item.draft);
    expect(linked?.draft?.id).toBe(series.draft?.id);
    expect(linked?.draftSection).toBe('Purpose');
    const occurrences: Occurrence[] = (
      await t
        .http()
        .get(`/api/meetings/${series.id}/occurrences`)
        .query({ from: '2026-12-01T00:00:00Z', to: '2027-12-31T00:00:00Z' })
        .set(bearer(member))
        .expect(200)
    ).body.items;
    expect(occurrences).toHaveLength(12);
    // Mexico City has no DST: every occurrence is at 01:00 UTC on the Thursday.
    expect(new Set(occurrences.map((o) => o.startsAt.slice(11)))).toEqual(new Set(['01:00:00.000Z']));
    expect(itemAt(occurrences).localStart).toBe('2026-12-09T19:00');

    const overview: CohortOverview = (await t.http().get(`/api/cohorts/${cohort.id}/overview`).set(bearer(member)).expect(200)).body;
    const mexico = overview.cities.find((c) => c.city.name === 'Mexico City');
    expect(mexico?.draft?.id).toBe(series.draft?.id);
    expect(mexico?.draft?.status).toBe('drafting');
    expect(overview.people.map((p) => p.timeZone)).toEqual(
      expect.arrayContaining(['Asia/Tokyo', 'America/Mexico_City', 'Asia/Kolkata', 'Asia/Jakarta']),
    );
  });

  it('finds slots across the four zones, says who is outside their hours, and rotates a series fairly', async () => {
    const res = await t
      .http()
      .get(`/api/cohorts/${cohort.id}/slots`)
      .query({ from: '2027-02-01', to: '2027-02-05', durationMinutes: 60, limit: 3, seriesLength: 4 })
      .set(bearer(member))
      .expect(200);
    const result: SlotResult = res.body;
    expect(result.slots).toHaveLength(3);
    for (const slot of result.slots) {
      expect(slot.local.map((l) => l.timeZone)).toEqual(
        expect.arrayContaining(['America/Mexico_City', 'Asia/Kolkata', 'Asia/Jakarta', 'Asia/Tokyo']),
      );
      expect(slot.outside.length).toBeGreaterThan(0);
      expect(slot.insideCount + slot.outside.length).toBe(result.participantCount);
    }
    expect(result.rotation).toHaveLength(4);
    for (const zone of result.burdenByZone ?? []) expect(zone.meetingsOutsideHours).toBeLessThan(4);
  });

  it('answers bad slot searches with field-level 400s, and refuses people without a role', async () => {
    const bad = await t
      .http()
      .get(`/api/cohorts/${cohort.id}/slots`)
      .query({ from: '2027-02-05', to: '2027-02-01', durationMinutes: 60 })
      .set(bearer(member))
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['to']);
    const long = await t
      .http()
      .get(`/api/cohorts/${cohort.id}/slots`)
      .query({ from: '2027-02-01', to: '2027-02-02', durationMinutes: 0 })
      .set(bearer(member))
      .expect(400);
    expect(long.body.errors.map((e: { path: string }) => e.path)).toEqual(['durationMinutes']);
    await t
      .http()
      .get(`/api/cohorts/${cohort.id}/slots`)
      .query({ from: '2027-02-01', to: '2027-02-02', durationMinutes: 60 })
      .set(bearer(roleless))
      .expect(403);
    await t.http().get(`/api/cohorts/${cohort.id}`).expect(401);
  });
});
