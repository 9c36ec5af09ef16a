import type { Cohort, InviteeList, Meeting, Occurrence, OccurrenceDetail } from '@minga/contracts';
import { bearer, cityId, createPerson, hubId, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { InviteesFollowRoles } from './invitees-follow-roles';
import { firstItems, itemAt } from '../../../test/item-at';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
/** Answers and reminders need occurrences still to come: next year, whatever year the tests run in. */
const NEXT = new Date().getUTCFullYear() + 1;

function fieldsOf(body: { errors?: { path: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.path);
}

describe('cohorts, meetings, occurrences and RSVPs', () => {
  let t: TestApp;
  let coordinator: TestPerson;
  let otherCoordinator: TestPerson;
  let admin: TestPerson;
  let mexicoOfficial: TestPerson;
  let tsukubaOfficial: TestPerson;
  let farExpert: TestPerson;
  let observer: TestPerson;
  let latam: string;
  let cohort: Cohort;

  beforeAll(async () => {
    t = await startTestApp();
    latam = await hubId(t, 'latam');
    coordinator = await createPerson(t, [{ role: 'coordinator', hubKey: 'latam' }]);
    otherCoordinator = await createPerson(t, [{ role: 'coordinator', hubKey: 'japan' }]);
    admin = await createPerson(t, [{ role: 'admin' }]);
    mexicoOfficial = await createPerson(t, [{ role: 'official', cityName: 'Mexico City' }]);
    tsukubaOfficial = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    farExpert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    observer = await createPerson(t, [{ role: 'observer' }]);
    const res = await t
      .http()
      .post(`/api/hubs/${latam}/cohorts`)
      .set(bearer(coordinator))
      .send({
        name: 'Open data 2027 (test)',
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
        cityIds: [await cityId(t, 'Mexico City'), await cityId(t, 'Tsukuba')],
      })
      .expect(201);
    cohort = res.body;
  });

  afterAll(async () => {
    await t?.close();
  });

  const createMeeting = (who: TestPerson, body: Record<string, unknown>, cohortId = cohort.id) =>
    t
      .http()
      .post(`/api/cohorts/${cohortId}/meetings`)
      .set(bearer(who))
      .send({ title: 'Cohort call', ...body });

  /** Every occurrence of a meeting (within 400 days of its first), as `who` sees them. */
  async function occurrencesOf(meetingId: string, who: TestPerson = coordinator): Promise<Occurrence[]> {
    const meeting = await t.http().get(`/api/meetings/${meetingId}`).set(bearer(who)).expect(200);
    const from = new Date(Date.parse(`${meeting.body.localStart}:00Z`) - 2 * 86_400_000);
    const res = await t
      .http()
      .get(`/api/meetings/${meetingId}/occurrences`)
      .query({ from: from.toISOString(), to: new Date(from.getTime() + 399 * 86_400_000).toISOString() })
      .set(bearer(who))
      .expect(200);
    return res.body.items;
  }

  describe('cohorts', () => {
    it('lets a coordinator of the hub form a cohort of cities from several hubs, and shows its members', async () => {
      expect(cohort.cities.map((c) => c.name)).toEqual(['Mexico City', 'Tsukuba']);
      expect(cohort.hubName).toBe('Latin America');
      const people = await t.http().get(`/api/cohorts/${cohort.id}/people`).set(bearer(farExpert)).expect(200);
      const ids = people.body.map((p: { id: string }) => p.id);
      expect(ids).toEqual(expect.arrayContaining([coordinator.id, mexicoOfficial.id, tsukubaOfficial.id]));
      expect(ids).not.toContain(farExpert.id);
    });

    it('shows each city’s draft status and action plan progress on the overview', async () => {
      const res = await t.http().get(`/api/cohorts/${cohort.id}/overview`).set(bearer(observer)).expect(200);
      expect(res.body.cities.map((c: { city: { name: string } }) => c.city.name)).toEqual(['Mexico City', 'Tsukuba']);
      for (const row of res.body.cities) {
        expect(row).toHaveProperty('draft');
        expect(row).toHaveProperty('actionPlan');
      }
    });

    it('refuses cohorts from officials and from coordinators of another hub', async () => {
      const body = { name: 'Nope', startsOn: '2027-01-01', endsOn: '2027-02-01' };
      await t.http().post(`/api/hubs/${latam}/cohorts`).set(bearer(mexicoOfficial)).send(body).expect(403);
      await t.http().post(`/api/hubs/${latam}/cohorts`).set(bearer(otherCoordinator)).send(body).expect(403);
      await t.http().patch(`/api/cohorts/${cohort.id}`).set(bearer(otherCoordinator)).send({ name: 'Mine' }).expect(403);
    });

    it('answers bad cohorts with field-level 400s', async () => {
      const backwards = await t
        .http()
        .post(`/api/hubs/${latam}/cohorts`)
        .set(bearer(coordinator))
        .send({ name: 'X', startsOn: '2027-05-01', endsOn: '2027-01-01' })
        .expect(400);
      expect(fieldsOf(backwards.body)).toEqual(['endsOn']);
      const unknown = await t
        .http()
        .post(`/api/hubs/${latam}/cohorts`)
        .set(bearer(coordinator))
        .send({ name: 'X', startsOn: '2027-01-01', endsOn: '2027-02-01', cityIds: [UNKNOWN], expertIds: [mexicoOfficial.id] })
        .expect(400);
      expect(fieldsOf(unknown.body)).toEqual(['cityIds.0', 'expertIds.0']);
      await t.http().get(`/api/cohorts/${UNKNOWN}`).set(bearer(coordinator)).expect(404);
      await t.http().get('/api/cohorts/not-a-uuid').set(bearer(coordinator)).expect(400);
    });

    it('updates a cohort and deletes one without meetings', async () => {
      const created = await t
        .http()
        .post(`/api/hubs/${latam}/cohorts`)
        .set(bearer(coordinator))
        .send({ name: 'Short', startsOn: '2027-01-01', endsOn: '2027-02-01' })
        .expect(201);
      const updated = await t
        .http()
        .patch(`/api/cohorts/${created.body.id}`)
        .set(bearer(coordinator))
        .send({ name: 'Shorter', expertIds: [farExpert.id] })
        .expect(200);
      expect(updated.body.name).toBe('Shorter');
      expect(updated.body.experts.map((e: { id: string }) => e.id)).toEqual([farExpert.id]);
      await t.http().patch(`/api/cohorts/${created.body.id}`).set(bearer(coordinator)).send({ endsOn: '2026-01-01' }).expect(400);
      await t.http().delete(`/api/cohorts/${created.body.id}`).set(bearer(coordinator)).expect(204);
      await t.http().get(`/api/cohorts/${created.body.id}`).set(bearer(coordinator)).expect(404);
    });
  });

  describe('scheduling', () => {
    it('keeps a New York series at 10:00 local across the US DST change', async () => {
      const res = await createMeeting(coordinator, {
        timeZone: 'America/New_York',
        localStart: '2027-02-10T10:00',
        durationMinutes: 60,
        rrule: 'FREQ=MONTHLY;COUNT=4',
        onlineUrl: 'https://meet.example.org/open-data',
      }).expect(201);
      const occurrences = await occurrencesOf(res.body.id);
      expect(occurrences.map((o) => o.startsAt)).toEqual([
        '2027-02-10T15:00:00.000Z',
        '2027-03-10T15:00:00.000Z',
        '2027-04-10T14:00:00.000Z',
        '2027-05-10T14:00:00.000Z',
      ]);
      expect(occurrences.every((o) => o.localStart.endsWith('T10:00'))).toBe(true);
    });

    it('keeps a London series at 09:00 local across the European DST change', async () => {
      const res = await createMeeting(coordinator, {
        timeZone: 'Europe/London',
        localStart: '2027-03-22T09:00',
        durationMinutes: 30,
        rrule: 'FREQ=WEEKLY;COUNT=2',
      }).expect(201);
      expect((await occurrencesOf(res.body.id)).map((o) => o.startsAt)).toEqual(['2027-03-22T09:00:00.000Z', '2027-03-29T08:00:00.000Z']);
    });

    it('places a meeting in a half-hour zone (Asia/Kolkata) and a start given as an instant', async () => {
      const delhi = await createMeeting(coordinator, {
        timeZone: 'Asia/Kolkata',
        localStart: '2027-06-01T18:00',
        localEnd: '2027-06-01T19:30',
      }).expect(201);
      expect(delhi.body.durationMinutes).toBe(90);
      const [occurrence] = firstItems(await occurrencesOf(delhi.body.id), 1);
      expect(occurrence.startsAt).toBe('2027-06-01T12:30:00.000Z');
      expect(occurrence.endsAt).toBe('2027-06-01T14:00:00.000Z');
      const kathmandu = await createMeeting(coordinator, {
        timeZone: 'Asia/Kathmandu',
        startsAt: '2027-06-01T03:15:00Z',
        durationMinutes: 60,
      }).expect(201);
      expect(kathmandu.body.localStart).toBe('2027-06-01T09:00');
    });

    it('invites the cohort’s members by default and shows the join link only to them', async () => {
      const res = await createMeeting(coordinator, {
        timeZone: 'America/Mexico_City',
        localStart: '2027-07-01T10:00',
        durationMinutes: 60,
        onlineUrl: 'https://meet.example.org/x',
      }).expect(201);
      const forInvitee: Meeting = (await t.http().get(`/api/meetings/${res.body.id}`).set(bearer(tsukubaOfficial)).expect(200)).body;
      expect(forInvitee.invited).toBe(true);
      expect(forInvitee.onlineUrl).toBe('https://meet.example.org/x');
      expect(forInvitee.canManage).toBe(false);
      const forOutsider: Meeting = (await t.http().get(`/api/meetings/${res.body.id}`).set(bearer(farExpert)).expect(200)).body;
      expect(forOutsider.invited).toBe(false);
      expect(forOutsider.onlineUrl).toBeNull();
      const [occurrence] = firstItems(await occurrencesOf(res.body.id, farExpert), 1);
      expect(occurrence.onlineUrl).toBeNull();
    });

    it('lets only coordinators of the hub (and admins) schedule', async () => {
      const body = { timeZone: 'UTC', localStart: '2027-07-01T10:00', durationMinutes: 30 };
      await createMeeting(mexicoOfficial, body).expect(403);
      await createMeeting(farExpert, body).expect(403);
      await createMeeting(otherCoordinator, body).expect(403);
      await createMeeting(admin, body).expect(201);
      await t
        .http()
        .post(`/api/hubs/${latam}/meetings`)
        .set(bearer(otherCoordinator))
        .send({ title: 'x', ...body })
        .expect(403);
      const hubMeeting = await t
        .http()
        .post(`/api/hubs/${latam}/meetings`)
        .set(bearer(coordinator))
        .send({ title: 'Hub call', ...body })
        .expect(201);
      expect(hubMeeting.body.cohort).toBeNull();
      expect(hubMeeting.body.invited).toBe(true);
    });

    it.each([
      ['an unknown zone', { timeZone: 'Mexico/Ciudad', localStart: '2027-07-01T10:00', durationMinutes: 30 }, 'timeZone'],
      ['an end before the start', { timeZone: 'UTC', localStart: '2027-07-01T10:00', localEnd: '2027-07-01T09:00' }, 'localEnd'],
      ['a series that never ends', { timeZone: 'UTC', localStart: '2027-07-01T10:00', durationMinutes: 30, rrule: 'FREQ=WEEKLY' }, 'rrule'],
      [
        'a series on an unknown weekday',
        { timeZone: 'UTC', localStart: '2027-07-01T10:00', durationMinutes: 30, rrule: 'FREQ=WEEKLY;BYDAY=XX;COUNT=3' },
        'rrule',
      ],
      [
        'a series of 365 meetings',
        { timeZone: 'UTC', localStart: '2027-01-01T10:00', durationMinutes: 30, rrule: 'FREQ=DAILY;UNTIL=20271231' },
        'rrule',
      ],
      [
        'a meeting ending after year 9999 (in UTC)',
        { timeZone: 'America/Mexico_City', localStart: '9999-12-31T20:00', durationMinutes: 30 },
        'localStart',
      ],
      ['a negative capacity', { timeZone: 'UTC', localStart: '2027-07-01T10:00', durationMinutes: 30, capacity: -3 }, 'capacity'],
      ['an unknown draft', { timeZone: 'UTC', localStart: '2027-07-01T10:00', durationMinutes: 30, draftId: UNKNOWN }, 'draftId'],
      [
        'an unknown presenter',
        {
          timeZone: 'UTC',
          localStart: '2027-07-01T10:00',
          durationMinutes: 30,
          agenda: [{ title: 'Intro', durationMinutes: 5, presenterId: UNKNOWN }],
        },
        'agenda.0.presenterId',
      ],
    ])('answers %s with a 400 at the field', async (_name, body, field) => {
      const res = await createMeeting(coordinator, body).expect(400);
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('edits a series: keeps occurrence ids, moved and cancelled occurrences, and bumps the sequence', async () => {
      const created = await createMeeting(coordinator, {
        timeZone: 'America/Mexico_City',
        localStart: '2027-02-10T10:00',
        durationMinutes: 60,
        rrule: 'FREQ=MONTHLY;COUNT=3',
        agenda: [{ title: 'Round of cities', durationMinutes: 30 }],
      }).expect(201);
      const [first, second, third] = firstItems(await occurrencesOf(created.body.id), 3);
      const moved: OccurrenceDetail = (
        await t
          .http()
          .patch(`/api/occurrences/${second.id}`)
          .set(bearer(coordinator))
          .send({ startsAt: '2027-03-11T16:00:00Z', endsAt: '2027-03-11T17:00:00Z' })
          .expect(200)
      ).body;
      expect(moved.overridden).toBe(true);
      expect(moved.recurrenceId).toBe('2027-03-10T10:00');
      expect(moved.agenda.map((a) => a.title)).toEqual(['Round of cities']);
      await t.http().patch(`/api/occurrences/${third.id}`).set(bearer(coordinator)).send({ status: 'cancelled' }).expect(200);
      await t.http().patch(`/api/occurrences/${third.id}`).set(bearer(mexicoOfficial)).send({ status: 'scheduled' }).expect(403);

      const updated: Meeting = (
        await t
          .http()
          .patch(`/api/meetings/${created.body.id}`)
          .set(bearer(coordinator))
          .send({ localStart: '2027-02-10T11:00', rrule: 'FREQ=MONTHLY;COUNT=4' })
          .expect(200)
      ).body;
      expect(updated.sequence).toBeGreaterThan(created.body.sequence);
      const after = await occurrencesOf(created.body.id);
      expect(after.map((o) => o.id).slice(0, 3)).toEqual([first.id, second.id, third.id]);
      expect(itemAt(after).localStart).toBe('2027-02-10T11:00');
      expect(itemAt(after, 1).startsAt).toBe('2027-03-11T16:00:00.000Z');
      expect(itemAt(after, 2).status).toBe('cancelled');
      expect(after).toHaveLength(4);
    });

    it('answers bad occurrence edits with 400s and cancels a whole meeting', async () => {
      const created = await createMeeting(coordinator, { timeZone: 'UTC', localStart: '2027-08-01T10:00', durationMinutes: 30 }).expect(
        201,
      );
      const [occurrence] = firstItems(await occurrencesOf(created.body.id), 1);
      const res = await t
        .http()
        .patch(`/api/occurrences/${occurrence.id}`)
        .set(bearer(coordinator))
        .send({ startsAt: '2027-08-01T10:00:00Z', endsAt: '2027-08-01T09:00:00Z' })
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(['endsAt']);
      const cancelled = await t
        .http()
        .patch(`/api/meetings/${created.body.id}`)
        .set(bearer(coordinator))
        .send({ status: 'cancelled' })
        .expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(itemAt(await occurrencesOf(created.body.id)).status).toBe('cancelled');
      await t.http().put(`/api/occurrences/${occurrence.id}/rsvp`).set(bearer(mexicoOfficial)).send({ response: 'yes' }).expect(409);
    });

    it('lists my meetings in a date range, and each occurrence’s cities for the local-time strip', async () => {
      const created = await createMeeting(coordinator, {
        title: 'Only in September',
        timeZone: 'Asia/Tokyo',
        localStart: '2027-09-15T09:00',
        durationMinutes: 60,
      }).expect(201);
      const mine = await t
        .http()
        .get('/api/me/meetings')
        .query({ from: '2027-09-01T00:00:00Z', to: '2027-10-01T00:00:00Z' })
        .set(bearer(tsukubaOfficial))
        .expect(200);
      // Other specs share the database (and Tsukuba's officials): look at this cohort's meetings only.
      const ofThisCohort = (items: Occurrence[]) => items.filter((o) => o.cohort?.id === cohort.id).map((o) => o.title);
      expect(ofThisCohort(mine.body.items)).toEqual(['Only in September']);
      const none = await t
        .http()
        .get('/api/me/meetings')
        .query({ from: '2027-09-01T00:00:00Z', to: '2027-10-01T00:00:00Z' })
        .set(bearer(farExpert))
        .expect(200);
      expect(ofThisCohort(none.body.items)).toEqual([]);
      const [occurrence] = firstItems(await occurrencesOf(created.body.id), 1);
      const detail: OccurrenceDetail = (await t.http().get(`/api/occurrences/${occurrence.id}`).set(bearer(observer)).expect(200)).body;
      expect(detail.cities.map((c) => [c.name, c.timeZone])).toEqual([
        ['Mexico City', 'America/Mexico_City'],
        ['Tsukuba', 'Asia/Tokyo'],
      ]);
      await t
        .http()
        .get('/api/me/meetings')
        .query({ from: '2027-10-01T00:00:00Z', to: '2027-09-01T00:00:00Z' })
        .set(bearer(tsukubaOfficial))
        .expect(400);
      const cohortList = await t
        .http()
        .get(`/api/cohorts/${cohort.id}/occurrences`)
        .query({ from: '2027-09-01T00:00:00Z', to: '2027-10-01T00:00:00Z' })
        .set(bearer(observer))
        .expect(200);
      expect(cohortList.body.items.map((o: Occurrence) => o.title)).toEqual(['Only in September']);
    });

    it('lists a hub’s meetings and occurrences page by page, and keeps a cohort with meetings', async () => {
      const created = await t
        .http()
        .post(`/api/hubs/${latam}/meetings`)
        .set(bearer(coordinator))
        .send({
          title: 'Hub weekly',
          timeZone: 'America/Bogota',
          localStart: '2027-04-05T09:00',
          durationMinutes: 30,
          rrule: 'FREQ=WEEKLY;COUNT=5',
        })
        .expect(201);
      const meetings = await t.http().get(`/api/hubs/${latam}/meetings`).set(bearer(observer)).expect(200);
      expect(meetings.body.map((m: Meeting) => m.id)).toContain(created.body.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string | number> = {
          from: '2027-04-01T00:00:00Z',
          to: '2027-05-10T00:00:00Z',
          limit: 2,
          ...(cursor ? { cursor } : {}),
        };
        const page = await t.http().get(`/api/hubs/${latam}/occurrences`).query(query).set(bearer(observer)).expect(200);
        seen.push(...page.body.items.filter((o: Occurrence) => o.meetingId === created.body.id).map((o: Occurrence) => o.startsAt));
        cursor = page.body.nextCursor;
      } while (cursor);
      // Bogotá has no DST: 09:00 local is 14:00 UTC every week, each once across the pages.
      expect(seen).toEqual([
        '2027-04-05T14:00:00.000Z',
        '2027-04-12T14:00:00.000Z',
        '2027-04-19T14:00:00.000Z',
        '2027-04-26T14:00:00.000Z',
        '2027-05-03T14:00:00.000Z',
      ]);
      await t.http().get(`/api/hubs/${latam}/occurrences`).query({ cursor: 'garbage' }).set(bearer(observer)).expect(400);
      await t.http().delete(`/api/cohorts/${cohort.id}`).set(bearer(coordinator)).expect(409);
    });

    it('lets the host set one occurrence’s agenda, linked to a draft section', async () => {
      const created = await createMeeting(coordinator, { timeZone: 'UTC', localStart: '2027-10-01T10:00', durationMinutes: 60 }).expect(
        201,
      );
      const [occurrence] = firstItems(await occurrencesOf(created.body.id), 1);
      const items = [{ title: 'Data inventory', durationMinutes: 20, presenterId: mexicoOfficial.id }];
      await t.http().put(`/api/occurrences/${occurrence.id}/agenda`).set(bearer(mexicoOfficial)).send({ items }).expect(403);
      const res = await t.http().put(`/api/occurrences/${occurrence.id}/agenda`).set(bearer(coordinator)).send({ items }).expect(200);
      expect(res.body.map((a: { title: string; presenter: { id: string } }) => [a.title, a.presenter.id])).toEqual([
        ['Data inventory', mexicoOfficial.id],
      ]);
      const read = await t.http().get(`/api/occurrences/${occurrence.id}/agenda`).set(bearer(observer)).expect(200);
      expect(read.body).toEqual(res.body);
      const bad = await t
        .http()
        .put(`/api/occurrences/${occurrence.id}/agenda`)
        .set(bearer(coordinator))
        .send({ items: [{ title: 'x', durationMinutes: 5, draftSection: 'Scope' }] })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['items.0.draftSection']);
    });

    it('answers not_found, not a 500, when the occurrence is deleted while its agenda is being replaced', async () => {
      const { OccurrencesService } = await import('./occurrences.service');
      const created = await createMeeting(coordinator, { timeZone: 'UTC', localStart: '2027-10-02T10:00', durationMinutes: 60 }).expect(
        201,
      );
      const occurrences = t.app.get(OccurrencesService);
      // The look-up before the transaction found the occurrence; a concurrent DELETE removed it before the write.
      jest.spyOn(occurrences, 'meetingOf').mockResolvedValueOnce(created.body.id);
      await expect(occurrences.replaceAgenda(UNKNOWN, { items: [{ title: 'Gone', durationMinutes: 5 }] })).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('keeps an occurrence’s own agenda when the series’ agenda changes, until the host goes back to the series', async () => {
      const created = await createMeeting(coordinator, {
        timeZone: 'Asia/Tokyo',
        localStart: `${NEXT}-05-12T09:00`,
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY;COUNT=3',
        agenda: [{ title: 'Round of cities', durationMinutes: 30 }],
      }).expect(201);
      const [first, second, third] = firstItems(await occurrencesOf(created.body.id), 3);
      const titles = async (occurrenceId: string) => {
        const detail: OccurrenceDetail = (await t.http().get(`/api/occurrences/${occurrenceId}`).set(bearer(observer)).expect(200)).body;
        return { ownAgenda: detail.ownAgenda, titles: detail.agenda.map((a) => a.title) };
      };
      await t
        .http()
        .put(`/api/occurrences/${second.id}/agenda`)
        .set(bearer(coordinator))
        .send({ items: [{ title: 'Tsukuba open data review', durationMinutes: 45 }] })
        .expect(200);
      // A moved occurrence has no agenda of its own: it follows the series like the others.
      await t
        .http()
        .patch(`/api/occurrences/${third.id}`)
        .set(bearer(coordinator))
        .send({ startsAt: `${NEXT}-05-26T03:00:00Z`, endsAt: `${NEXT}-05-26T04:00:00Z` })
        .expect(200);

      await t
        .http()
        .patch(`/api/meetings/${created.body.id}`)
        .set(bearer(coordinator))
        .send({ agenda: [{ title: 'KPI check-in', durationMinutes: 20 }] })
        .expect(200);
      expect(await titles(first.id)).toEqual({ ownAgenda: false, titles: ['KPI check-in'] });
      expect(await titles(second.id)).toEqual({ ownAgenda: true, titles: ['Tsukuba open data review'] });
      expect(await titles(third.id)).toEqual({ ownAgenda: false, titles: ['KPI check-in'] });

      await t.http().delete(`/api/occurrences/${second.id}/agenda`).set(bearer(mexicoOfficial)).expect(403);
      const back = await t.http().delete(`/api/occurrences/${second.id}/agenda`).set(bearer(coordinator)).expect(200);
      expect(back.body.map((a: { title: string }) => a.title)).toEqual(['KPI check-in']);
      await t
        .http()
        .patch(`/api/meetings/${created.body.id}`)
        .set(bearer(coordinator))
        .send({ agenda: [{ title: 'Closing', durationMinutes: 10 }] })
        .expect(200);
      expect(await titles(second.id)).toEqual({ ownAgenda: false, titles: ['Closing'] });
    });

    it('gives a one-off meeting one agenda, whether its meeting or its occurrence is edited', async () => {
      const created = await createMeeting(coordinator, { timeZone: 'UTC', localStart: `${NEXT}-06-02T10:00`, durationMinutes: 60 }).expect(
        201,
      );
      const [occurrence] = firstItems(await occurrencesOf(created.body.id), 1);
      await t
        .http()
        .put(`/api/occurrences/${occurrence.id}/agenda`)
        .set(bearer(coordinator))
        .send({ items: [{ title: 'Draft', durationMinutes: 5 }] })
        .expect(200);
      // The meeting's form starts from what the occurrence has, so saving it keeps that agenda.
      const meeting: Meeting = (await t.http().get(`/api/meetings/${created.body.id}`).set(bearer(coordinator)).expect(200)).body;
      expect(meeting.agenda.map((a) => a.title)).toEqual(['Draft']);
      expect((await t.http().get(`/api/occurrences/${occurrence.id}`).set(bearer(coordinator)).expect(200)).body.ownAgenda).toBe(false);
      await t
        .http()
        .patch(`/api/meetings/${created.body.id}`)
        .set(bearer(coordinator))
        .send({ agenda: [{ title: 'Final', durationMinutes: 5 }] })
        .expect(200);
      const detail: OccurrenceDetail = (await t.http().get(`/api/occurrences/${occurrence.id}`).set(bearer(coordinator)).expect(200)).body;
      expect(detail.agenda.map((a) => a.title)).toEqual(['Final']);
      expect(detail.ownAgenda).toBe(false);
    });
  });

  describe('RSVPs', () => {
    it('lets only invitees answer', async () => {
      const created = await createMeeting(coordinator, { timeZone: 'UTC', localStart: `${NEXT}-11-01T10:00`, durationMinutes: 60 }).expect(
        201,
      );
      const [occurrence] = firstItems(await occurrencesOf(created.body.id), 1);
      await t.http().put(`/api/occurrences/${occurrence.id}/rsvp`).set(bearer(farExpert)).send({ response: 'yes' }).expect(403);
      await t.http().put(`/api/occurrences/${occurrence.id}/rsvp`).set(bearer(admin)).send({ response: 'yes' }).expect(403);
      await t.http().put(`/api/occurrences/${occurrence.id}/rsvp`).set(bearer(mexicoOfficial)).send({ response: 'perhaps' }).expect(400);
      const res = await t
        .http()
        .put(`/api/occurrences/${occurrence.id}/rsvp`)
        .set(bearer(mexicoOfficial))
        .send({ response: 'maybe' })
        .expect(200);
      expect(res.body.rsvp.response).toBe('maybe');
      expect(res.body.rsvpCounts).toEqual({ yes: 0, no: 0, maybe: 1, waitlisted: 0 });
      await t.http().get(`/api/occurrences/${occurrence.id}/rsvps`).set(bearer(farExpert)).expect(403);
      const list = await t.http().get(`/api/occurrences/${occurrence.id}/rsvps`).set(bearer(tsukubaOfficial)).expect(200);
      expect(list.body.map((r: { person: { id: string } }) => r.person.id)).toEqual([mexicoOfficial.id]);
    });

    it('refuses answers once the meeting is over', async () => {
      const created = await createMeeting(coordinator, { timeZone: 'UTC', localStart: '2025-03-01T10:00', durationMinutes: 60 }).expect(
        201,
      );
      const [occurrence] = firstItems(await occurrencesOf(created.body.id), 1);
      const res = await t
        .http()
        .put(`/api/occurrences/${occurrence.id}/rsvp`)
        .set(bearer(mexicoOfficial))
        .send({ response: 'yes' })
        .expect(409);
      expect(res.body.code).toBe('meeting_over');
    });

    it('settles ten simultaneous yes at capacity 3 in the database: 3 places, 7 waiting, first waiting promoted on a no', async () => {
      const people = await Promise.all(Array.from({ length: 10 }, () => createPerson(t, [{ role: 'official', cityName: 'Mexico City' }])));
      const created = await createMeeting(coordinator, {
        timeZone: 'America/Mexico_City',
        localStart: `${NEXT}-12-01T10:00`,
        durationMinutes: 60,
        capacity: 3,
        inviteeIds: people.map((p) => p.id),
      }).expect(201);
      const [occurrence] = firstItems(await occurrencesOf(created.body.id), 1);
      const answers = await Promise.all(
        people.map((p) => t.http().put(`/api/occurrences/${occurrence.id}/rsvp`).set(bearer(p)).send({ response: 'yes' })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      const placed = answers.filter((a) => a.body.rsvp.waitlistPosition === null);
      expect(placed).toHaveLength(3);
      const list = (await t.http().get(`/api/occurrences/${occurrence.id}/rsvps`).set(bearer(coordinator)).expect(200)).body as {
        person: { id: string };
        waitlistPosition: number | null;
      }[];
      expect(list.filter((r) => r.waitlistPosition === null)).toHaveLength(3);
      expect(list.map((r) => r.waitlistPosition).filter((p) => p !== null)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const firstWaiting = list.find((r) => r.waitlistPosition === 1)?.person.id;
      const leaving = people.find((p) => p.id === itemAt(list).person.id) as TestPerson;
      const no = await t.http().put(`/api/occurrences/${occurrence.id}/rsvp`).set(bearer(leaving)).send({ response: 'no' }).expect(200);
      expect(no.body.rsvpCounts).toEqual({ yes: 3, no: 1, maybe: 0, waitlisted: 6 });
      const promoted = people.find((p) => p.id === firstWaiting) as TestPerson;
      const mine = await t.http().get(`/api/occurrences/${occurrence.id}/rsvp`).set(bearer(promoted)).expect(200);
      expect(mine.body.rsvp).toMatchObject({ response: 'yes', waitlistPosition: null });
      // Growing the capacity gives places to the next ones waiting.
      await t.http().patch(`/api/meetings/${created.body.id}`).set(bearer(coordinator)).send({ capacity: 5 }).expect(200);
      const counts = (await t.http().get(`/api/occurrences/${occurrence.id}`).set(bearer(coordinator)).expect(200)).body.rsvpCounts;
      expect(counts).toEqual({ yes: 5, no: 1, maybe: 0, waitlisted: 4 });
    });
  });

  describe('invitees follow the cohort', () => {
    let kept: TestPerson;
    let answered: TestPerson;
    let silent: TestPerson;
    let ownCohort: Cohort;
    let upcoming: string;
    let past: string;

    const inviteeIds = async (meetingId: string) =>
      ((await t.db.query('SELECT user_id FROM meeting_invitees WHERE meeting_id = $1', [meetingId])) as { user_id: string }[]).map(
        (r) => r.user_id,
      );

    beforeAll(async () => {
      kept = await createPerson(t, [{ role: 'expert', hubKey: 'latam' }]);
      answered = await createPerson(t, [{ role: 'expert', hubKey: 'latam' }]);
      silent = await createPerson(t, [{ role: 'expert', hubKey: 'latam' }]);
      ownCohort = (
        await t
          .http()
          .post(`/api/hubs/${latam}/cohorts`)
          .set(bearer(coordinator))
          .send({
            name: 'Following cohort',
            startsOn: '2027-01-01',
            endsOn: '2027-12-31',
            cityIds: [await cityId(t, 'Mexico City')],
            expertIds: [kept.id, answered.id, silent.id],
          })
          .expect(201)
      ).body;
      upcoming = (
        await createMeeting(
          coordinator,
          { title: 'Upcoming', timeZone: 'UTC', localStart: `${NEXT}-10-01T10:00`, durationMinutes: 60, rrule: 'FREQ=WEEKLY;COUNT=2' },
          ownCohort.id,
        ).expect(201)
      ).body.id;
      past = (
        await createMeeting(
          coordinator,
          { title: 'Past', timeZone: 'UTC', localStart: '2024-03-01T10:00', durationMinutes: 60 },
          ownCohort.id,
        ).expect(201)
      ).body.id;
    });

    it('invites the officials of an added city to upcoming meetings only, and tells them', async () => {
      const kagaOfficial = await createPerson(t, [{ role: 'official', cityName: 'Kaga' }]);
      await t
        .http()
        .patch(`/api/cohorts/${ownCohort.id}`)
        .set(bearer(coordinator))
        .send({ cityIds: [await cityId(t, 'Mexico City'), await cityId(t, 'Kaga')] })
        .expect(200);
      expect(await inviteeIds(upcoming)).toContain(kagaOfficial.id);
      expect(await inviteeIds(past)).not.toContain(kagaOfficial.id);
      const notices = await t.http().get('/api/me/notifications').query({ limit: 50 }).set(bearer(kagaOfficial)).expect(200);
      const [first] = firstItems(await occurrencesOf(upcoming), 1);
      expect(
        notices.body.items.map((n: { kind: string; meeting: { occurrenceId: string } | null }) => [n.kind, n.meeting?.occurrenceId]),
      ).toEqual([['meeting_invited', first.id]]);
    });

    it('uninvites a removed expert who has not answered, and keeps one who answered', async () => {
      const [first] = firstItems(await occurrencesOf(upcoming), 1);
      await t.http().put(`/api/occurrences/${first.id}/rsvp`).set(bearer(answered)).send({ response: 'maybe' }).expect(200);
      await t
        .http()
        .patch(`/api/cohorts/${ownCohort.id}`)
        .set(bearer(coordinator))
        .send({ expertIds: [kept.id] })
        .expect(200);
      const now = await inviteeIds(upcoming);
      expect(now).toEqual(expect.arrayContaining([kept.id, answered.id, coordinator.id]));
      expect(now).not.toContain(silent.id);
      expect(await inviteeIds(past)).toContain(silent.id);
    });

    it('invites a new official of a member city to upcoming meetings, and uninvites them when the role goes, unless they answered', async () => {
      const rolesSettled = () => t.app.get(InviteesFollowRoles).settled();
      const newcomer = await createPerson(t);
      const mexicoCity = await cityId(t, 'Mexico City');
      const grant = async () =>
        (
          await t
            .http()
            .post('/api/role-assignments')
            .set(bearer(coordinator))
            .send({ userId: newcomer.id, role: 'official', cityId: mexicoCity })
            .expect(201)
        ).body.id as string;
      const revoke = async (id: string) => t.http().delete(`/api/role-assignments/${id}`).set(bearer(coordinator)).expect(204);

      const firstGrant = await grant();
      await rolesSettled();
      expect(await inviteeIds(upcoming)).toContain(newcomer.id);
      expect(await inviteeIds(past)).not.toContain(newcomer.id);
      const [first] = firstItems(await occurrencesOf(upcoming), 1);
      const notices = await t.http().get('/api/me/notifications').query({ limit: 50 }).set(bearer(newcomer)).expect(200);
      // One notice for the role, however many meetings it brought.
      expect(notices.body.items.map((n: { kind: string }) => n.kind)).toEqual(['meeting_invited']);

      await revoke(firstGrant);
      await rolesSettled();
      expect(await inviteeIds(upcoming)).not.toContain(newcomer.id);

      const secondGrant = await grant();
      await rolesSettled();
      await t.http().put(`/api/occurrences/${first.id}/rsvp`).set(bearer(newcomer)).send({ response: 'yes' }).expect(200);
      await revoke(secondGrant);
      await rolesSettled();
      expect(await inviteeIds(upcoming)).toContain(newcomer.id);
    });

    it('keeps an invitation that another role still justifies when one role goes', async () => {
      const rolesSettled = () => t.app.get(InviteesFollowRoles).settled();
      const twoHats = await createPerson(t, [{ role: 'official', cityName: 'Kaga' }]);
      await t
        .http()
        .patch(`/api/cohorts/${ownCohort.id}`)
        .set(bearer(coordinator))
        .send({ cityIds: [await cityId(t, 'Mexico City'), await cityId(t, 'Kaga')] })
        .expect(200);
      await t
        .http()
        .patch(`/api/meetings/${upcoming}`)
        .set(bearer(coordinator))
        .send({ inviteeIds: [...(await inviteeIds(upcoming)), twoHats.id] })
        .expect(200);
      const mexicoRole = (
        await t
          .http()
          .post('/api/role-assignments')
          .set(bearer(coordinator))
          .send({ userId: twoHats.id, role: 'official', cityId: await cityId(t, 'Mexico City') })
          .expect(201)
      ).body.id as string;
      await rolesSettled();
      await t.http().delete(`/api/role-assignments/${mexicoRole}`).set(bearer(coordinator)).expect(204);
      await rolesSettled();
      // Still an official of Kaga, a member city: still invited.
      expect(await inviteeIds(upcoming)).toContain(twoHats.id);
    });

    it('lists invitees with city, role and answer to those who may attend, and refuses the others', async () => {
      const [first, second] = firstItems(await occurrencesOf(upcoming), 2);
      const res = await t.http().get(`/api/meetings/${upcoming}/invitees`).set(bearer(kept)).expect(200);
      const list: InviteeList = res.body;
      expect(list.occurrenceId).toBe(first.id);
      const byId = new Map(list.invitees.map((i) => [i.person.id, i]));
      expect(byId.get(answered.id)).toMatchObject({ role: 'expert', city: null, response: 'maybe', waitlistPosition: null });
      expect(byId.get(kept.id)).toMatchObject({ role: 'expert', response: null });
      expect(byId.get(coordinator.id)?.role).toBe('coordinator');
      const official = list.invitees.find((i) => i.city?.name === 'Mexico City');
      expect(official?.role).toBe('official');
      expect(byId.has(silent.id)).toBe(false);

      const forSecond: InviteeList = (
        await t.http().get(`/api/meetings/${upcoming}/invitees`).query({ occurrenceId: second.id }).set(bearer(admin)).expect(200)
      ).body;
      expect(forSecond.occurrenceId).toBe(second.id);
      expect(forSecond.invitees.find((i) => i.person.id === answered.id)?.response).toBeNull();

      // A member of the cohort who is not invited to this meeting (removed earlier) may not see who is.
      await t
        .http()
        .patch(`/api/cohorts/${ownCohort.id}`)
        .set(bearer(coordinator))
        .send({ expertIds: [kept.id, silent.id] })
        .expect(200);
      const outsider = await createPerson(t, [{ role: 'official', cityName: 'Mexico City' }]);
      await t.http().get(`/api/meetings/${upcoming}/invitees`).set(bearer(outsider)).expect(403);
      await t.http().get(`/api/meetings/${upcoming}/invitees`).set(bearer(observer)).expect(403);
      await t.http().get(`/api/meetings/not-an-id/invitees`).set(bearer(admin)).expect(400);
      await t.http().get(`/api/meetings/${upcoming}/invitees`).query({ occurrenceId: 'nope' }).set(bearer(admin)).expect(400);
      await t.http().get(`/api/meetings/${UNKNOWN}/invitees`).set(bearer(admin)).expect(404);
      await t.http().get(`/api/meetings/${upcoming}/invitees`).query({ occurrenceId: UNKNOWN }).set(bearer(admin)).expect(404);
    });
  });

  describe('notifications', () => {
    async function meetingNotices(who: TestPerson, meetingId: string) {
      const res = await t.http().get('/api/me/notifications').query({ limit: 200 }).set(bearer(who)).expect(200);
      return (res.body.items as { kind: string; meeting: { meetingId: string; occurrenceId: string } | null; draft: unknown }[]).filter(
        (n) => n.meeting?.meetingId === meetingId,
      );
    }

    it('tells invitees when a meeting is scheduled, changed and cancelled, and not the one who did it', async () => {
      const created = await createMeeting(coordinator, {
        title: 'Noticed',
        timeZone: 'UTC',
        localStart: `${NEXT}-11-20T10:00`,
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY;COUNT=2',
      }).expect(201);
      expect((await meetingNotices(tsukubaOfficial, created.body.id)).map((n) => n.kind)).toEqual(['meeting_invited']);
      const [first] = firstItems(await occurrencesOf(created.body.id), 1);
      await t
        .http()
        .patch(`/api/occurrences/${first.id}`)
        .set(bearer(coordinator))
        .send({ startsAt: `${NEXT}-11-20T11:00:00Z`, endsAt: `${NEXT}-11-20T12:00:00Z` })
        .expect(200);
      await t.http().patch(`/api/meetings/${created.body.id}`).set(bearer(coordinator)).send({ status: 'cancelled' }).expect(200);
      const notices = await meetingNotices(tsukubaOfficial, created.body.id);
      expect(notices.map((n) => n.kind)).toEqual(['meeting_cancelled', 'meeting_changed', 'meeting_invited']);
      expect(itemAt(notices, 1).meeting?.occurrenceId).toBe(first.id);
      expect(itemAt(notices).draft).toBeNull();
      expect(await meetingNotices(coordinator, created.body.id)).toEqual([]);
      expect(await meetingNotices(farExpert, created.body.id)).toEqual([]);
    });
  });

  describe('the meeting room’s view of an occurrence', () => {
    it('gives invitees, agenda, draft and hub through MeetingsService.occurrenceContext', async () => {
      const { MeetingsService } = await import('./meetings.service');
      const created = await createMeeting(coordinator, {
        timeZone: 'UTC',
        localStart: '2027-10-05T10:00',
        durationMinutes: 60,
        agenda: [{ title: 'Welcome', durationMinutes: 5 }],
      }).expect(201);
      const [occurrence] = firstItems(await occurrencesOf(created.body.id), 1);
      const service = t.app.get(MeetingsService);
      const context = await service.occurrenceContext(occurrence.id);
      if (!context) throw new Error('no context');
      expect(context.hub.id).toBe(latam);
      expect(context.cohort?.id).toBe(cohort.id);
      expect(context.agenda.map((a) => a.title)).toEqual(['Welcome']);
      expect(context.inviteeIds).toEqual(expect.arrayContaining([coordinator.id, mexicoOfficial.id, tsukubaOfficial.id]));
      expect(service.meetingResource(context, tsukubaOfficial)).toMatchObject({ kind: 'Meeting', invited: true });
      expect(service.meetingResource(context, farExpert)).toMatchObject({ invited: false });
      expect(await service.occurrenceContext(UNKNOWN)).toBeNull();
    });
  });
});
