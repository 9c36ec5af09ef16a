import ICAL from 'ical.js';
import type { Cohort, Occurrence } from '@minga/contracts';
import { bearer, cityId, createPerson, hubId, startTestApp, type TestApp, type TestPerson } from '../../../test/test-app';
import { itemAt } from '../../../test/item-at';

interface ParsedEvent {
  uid: string;
  summary: string;
  status: string | null;
  sequence: number;
  tzid: string | null;
  rrule: string | null;
  exdates: string[];
  recurrenceId: string | null;
  url: string | null;
  start: Date;
  event: ICAL.Event;
}

/** Parses an iCalendar text with ical.js (registering its VTIMEZONEs, as a calendar app would). */
function parse(text: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const dtstart = vevent.getFirstProperty('dtstart');
    return {
      uid: event.uid,
      summary: event.summary,
      status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
      sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0),
      tzid: (dtstart?.getParameter('tzid') as string | undefined) ?? null,
      rrule: vevent.getFirstPropertyValue('rrule')?.toString() ?? null,
      exdates: vevent.getAllProperties('exdate').flatMap((p) => p.getValues().map((v) => v.toString())),
      recurrenceId: vevent.getFirstPropertyValue('recurrence-id')?.toString() ?? null,
      url: (vevent.getFirstPropertyValue('url') as string | null) ?? null,
      start: event.startDate.toJSDate(),
      event,
    };
  });
  return { calendar, events };
}

/** The instants a series event yields through ical.js's own RRULE/EXDATE expansion. */
function expandWithIcal(event: ICAL.Event, max = 20): string[] {
  const it = event.iterator();
  const out: string[] = [];
  for (let next = it.next(); next && out.length < max; next = it.next()) out.push(next.toJSDate().toISOString());
  return out;
}

describe('calendars: .ics per meeting and secret-token feeds', () => {
  let t: TestApp;
  let coordinator: TestPerson;
  let tsukubaOfficial: TestPerson;
  let farExpert: TestPerson;
  let cohort: Cohort;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await createPerson(t, [{ role: 'coordinator', hubKey: 'latam' }]);
    tsukubaOfficial = await createPerson(t, [{ role: 'official', cityName: 'Tsukuba' }]);
    farExpert = await createPerson(t, [{ role: 'expert', hubKey: 'japan' }]);
    const res = await t
      .http()
      .post(`/api/hubs/${await hubId(t, 'latam')}/cohorts`)
      .set(bearer(coordinator))
      .send({
        name: 'Calendar cohort',
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

  async function schedule(body: Record<string, unknown>) {
    const res = await t
      .http()
      .post(`/api/cohorts/${cohort.id}/meetings`)
      .set(bearer(coordinator))
      .send({ title: 'Open data call', ...body })
      .expect(201);
    const occurrences = await t
      .http()
      .get(`/api/meetings/${res.body.id}/occurrences`)
      .query({ from: '2027-01-01T00:00:00Z', to: '2028-01-01T00:00:00Z' })
      .set(bearer(coordinator))
      .expect(200);
    return { meeting: res.body, occurrences: occurrences.body.items as Occurrence[] };
  }

  const ics = (meetingId: string, who: TestPerson) =>
    t
      .http()
      .get(`/api/meetings/${meetingId}/calendar`)
      .set(bearer(who))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done(null, text));
      });

  const feedText = (url: string) =>
    t
      .http()
      .get(new URL(url).pathname)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done(null, text));
      });

  it('writes a series as RRULE + EXDATE + RECURRENCE-ID in the organiser’s TZID, at 10:00 New York time across DST', async () => {
    const { meeting, occurrences } = await schedule({
      timeZone: 'America/New_York',
      localStart: '2027-02-10T10:00',
      durationMinutes: 60,
      rrule: 'FREQ=MONTHLY;COUNT=5',
      onlineUrl: 'https://meet.example.org/open-data',
    });
    await t
      .http()
      .patch(`/api/occurrences/${itemAt(occurrences, 2).id}`)
      .set(bearer(coordinator))
      .send({ status: 'cancelled' })
      .expect(200);
    await t
      .http()
      .patch(`/api/occurrences/${itemAt(occurrences, 3).id}`)
      .set(bearer(coordinator))
      .send({ startsAt: '2027-05-11T14:00:00Z', endsAt: '2027-05-11T15:00:00Z' })
      .expect(200);

    const res = await ics(meeting.id, tsukubaOfficial).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const { calendar, events } = parse(res.body);
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toContain('America/New_York');
    // Observances start at the zone's own wall-clock minute (2 am on DST day), never at the seconds of the server's clock.
    const observanceStarts = (res.body as string).match(/^DTSTART:\d{8}T\d{6}$/gm) ?? [];
    expect(observanceStarts).toContain('DTSTART:20270314T020000');
    for (const line of observanceStarts) expect(line).toMatch(/00$/);
    const master = events.find((e) => !e.recurrenceId) as ParsedEvent;
    const override = events.find((e) => e.recurrenceId) as ParsedEvent;
    expect(master.uid).toBe(`${meeting.id}@minga`);
    expect(override.uid).toBe(master.uid);
    expect(master.tzid).toBe('America/New_York');
    expect(master.rrule).toBe('FREQ=MONTHLY;COUNT=5');
    expect(master.exdates).toEqual(['2027-04-10T10:00:00']);
    expect(override.recurrenceId).toBe('2027-05-10T10:00:00');
    expect(override.start.toISOString()).toBe('2027-05-11T14:00:00.000Z');
    expect(master.sequence).toBeGreaterThanOrEqual(2);
    expect(master.url).toBe('https://meet.example.org/open-data');
    // ical.js's own expansion lands on the server's instants: EST before 14 March, EDT after; April excluded.
    expect(expandWithIcal(master.event)).toEqual([
      '2027-02-10T15:00:00.000Z',
      '2027-03-10T15:00:00.000Z',
      '2027-05-10T14:00:00.000Z',
      '2027-06-10T14:00:00.000Z',
    ]);
  });

  it('stamps every event in UTC (DTSTAMP ends in Z, as RFC 5545 requires), whatever the zones involved', async () => {
    const { meeting, occurrences } = await schedule({
      timeZone: 'Asia/Tokyo',
      localStart: '2027-02-10T10:00',
      durationMinutes: 60,
      rrule: 'FREQ=WEEKLY;COUNT=3',
    });
    await t
      .http()
      .patch(`/api/occurrences/${itemAt(occurrences, 1).id}`)
      .set(bearer(coordinator))
      .send({ startsAt: '2027-02-17T03:00:00Z', endsAt: '2027-02-17T04:00:00Z' })
      .expect(200);
    const body: string = (await ics(meeting.id, coordinator).expect(200)).body;
    const stamps = body.match(/^DTSTAMP:.*$/gm) ?? [];
    expect(stamps).toHaveLength(2);
    for (const line of stamps) {
      expect(line).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
      const [, y, mo, d, h, mi, se] = /(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/.exec(line) ?? [];
      const stamp = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
      expect(Math.abs(Date.now() - stamp)).toBeLessThan(5 * 60_000);
    }
  });

  it('places a half-hour zone meeting right through its VTIMEZONE, and bumps SEQUENCE and STATUS on cancel', async () => {
    const { meeting } = await schedule({ timeZone: 'Asia/Kolkata', localStart: '2027-06-01T18:00', durationMinutes: 60 });
    const before = itemAt(parse((await ics(meeting.id, coordinator).expect(200)).body).events);
    expect(before.tzid).toBe('Asia/Kolkata');
    expect(before.start.toISOString()).toBe('2027-06-01T12:30:00.000Z');
    expect(before.status).toBe('CONFIRMED');
    await t.http().patch(`/api/meetings/${meeting.id}`).set(bearer(coordinator)).send({ status: 'cancelled' }).expect(200);
    const after = itemAt(parse((await ics(meeting.id, coordinator).expect(200)).body).events);
    expect(after.uid).toBe(before.uid);
    expect(after.status).toBe('CANCELLED');
    expect(after.sequence).toBe(before.sequence + 1);
  });

  it('leaves the join link out for people who are not invited', async () => {
    const { meeting } = await schedule({
      timeZone: 'Asia/Tokyo',
      localStart: '2027-07-01T09:00',
      durationMinutes: 60,
      onlineUrl: 'https://meet.example.org/secret-room',
    });
    const res = await ics(meeting.id, farExpert).expect(200);
    expect(res.body).not.toContain('secret-room');
    expect(itemAt(parse(res.body).events).url).toBe(`http://minga.test/meetings/${meeting.id}`);
  });

  it('names the organiser with their email to a reader who may contact them, and by name only to one who may not', async () => {
    const { meeting } = await schedule({ timeZone: 'Asia/Tokyo', localStart: '2027-07-05T09:00', durationMinutes: 60 });
    const organizerAs = async (who: TestPerson) => {
      const body: string = (await ics(meeting.id, who).expect(200)).body;
      const property = itemAt(parse(body).events).event.component.getFirstProperty('organizer');
      return { body, value: property?.getFirstValue() as string | undefined, cn: property?.getParameter('cn') as string | undefined };
    };

    const own = await organizerAs(coordinator);
    expect(own.cn).toBe(coordinator.session.user.name);
    expect(own.value).toBe(`mailto:${coordinator.email}`);

    // The people directory hides the coordinator's email from an official of another hub's city: so does the calendar.
    const official = await organizerAs(tsukubaOfficial);
    expect(official.cn).toBe(coordinator.session.user.name);
    expect(official.value).not.toMatch(/^mailto:/);
    expect(official.body).not.toContain(coordinator.email);
  });

  it('gives invitees the join link as a CONFERENCE calendar apps can open, and others none', async () => {
    const { meeting } = await schedule({
      timeZone: 'Asia/Tokyo',
      localStart: '2027-07-06T09:00',
      durationMinutes: 60,
      onlineUrl: 'https://meet.example.org/conference-room',
    });
    const conferenceAs = async (who: TestPerson) =>
      itemAt(parse((await ics(meeting.id, who).expect(200)).body).events).event.component.getFirstProperty('conference');

    const conference = await conferenceAs(tsukubaOfficial);
    expect(conference?.getFirstValue()).toBe('https://meet.example.org/conference-room');
    expect(conference?.type).toBe('uri');
    expect(conference?.getParameter('feature')).toBe('AUDIO,VIDEO');
    expect(conference?.getParameter('label')).toBe('Join online');
    expect(await conferenceAs(farExpert)).toBeNull();

    const { meeting: inPerson } = await schedule({ timeZone: 'Asia/Tokyo', localStart: '2027-07-07T09:00', durationMinutes: 60 });
    expect(
      itemAt(parse((await ics(inPerson.id, tsukubaOfficial).expect(200)).body).events).event.component.getFirstProperty('conference'),
    ).toBeNull();
  });

  it('tells calendar apps to refresh a subscription hourly, in the standard and the widely read property', async () => {
    const created = await t.http().post('/api/me/calendar-feeds').set(bearer(tsukubaOfficial)).send({ kind: 'user' }).expect(201);
    const { calendar } = parse((await feedText(created.body.url).expect(200)).body);
    const interval = calendar.getFirstProperty('refresh-interval');
    expect(interval?.getFirstValue()?.toString()).toBe('PT1H');
    expect(interval?.type).toBe('duration');
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
  });

  it('serves a personal feed by secret token with only the owner’s meetings, stores only a hash, and revokes it', async () => {
    const { meeting } = await schedule({
      title: 'Feed meeting',
      timeZone: 'Asia/Tokyo',
      localStart: '2027-08-01T09:00',
      durationMinutes: 60,
      onlineUrl: 'https://meet.example.org/feed-room',
    });
    const created = await t.http().post('/api/me/calendar-feeds').set(bearer(tsukubaOfficial)).send({ kind: 'user' }).expect(201);
    expect(created.body.url).toMatch(/^http:\/\/minga\.test\/api\/calendars\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(created.body.webcalUrl).toMatch(/^webcal:\/\/minga\.test\//);
    const token = (created.body.url as string).split('/').pop()?.replace('.ics', '') as string;
    const stored = await t.db.query('SELECT token_hash FROM calendar_feeds WHERE id = $1', [created.body.id]);
    expect(stored[0].token_hash).not.toContain(token);

    const res = await feedText(created.body.url).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const { events } = parse(res.body);
    expect(events.map((e) => e.uid)).toContain(`${meeting.id}@minga`);
    expect(res.body).toContain('feed-room');

    // Someone outside the cohort: their personal feed has none of its meetings.
    const other = await t.http().post('/api/me/calendar-feeds').set(bearer(farExpert)).send({ kind: 'user' }).expect(201);
    expect(parse((await feedText(other.body.url).expect(200)).body).events).toEqual([]);

    const list = await t.http().get('/api/me/calendar-feeds').set(bearer(tsukubaOfficial)).expect(200);
    expect(list.body.map((f: { id: string }) => f.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain(token);
    await t.http().delete(`/api/me/calendar-feeds/${created.body.id}`).set(bearer(farExpert)).expect(404);
    await t.http().delete(`/api/me/calendar-feeds/${created.body.id}`).set(bearer(tsukubaOfficial)).expect(204);
    await feedText(created.body.url).expect(404);
    await t.http().get('/api/calendars/feeds/not-a-token.ics').expect(404);
  });

  it('serves a cohort feed without join links for members who are not invited, and nothing once the owner loses their role', async () => {
    await schedule({
      title: 'Cohort feed meeting',
      timeZone: 'America/Mexico_City',
      localStart: '2027-09-01T10:00',
      durationMinutes: 60,
      onlineUrl: 'https://meet.example.org/cohort-room',
    });
    const bad = await t.http().post('/api/me/calendar-feeds').set(bearer(farExpert)).send({ kind: 'cohort' }).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['cohortId']);
    const created = await t
      .http()
      .post('/api/me/calendar-feeds')
      .set(bearer(farExpert))
      .send({ kind: 'cohort', cohortId: cohort.id })
      .expect(201);
    const res = await feedText(created.body.url).expect(200);
    const { events } = parse(res.body);
    expect(events.map((e) => e.summary)).toContain('Cohort feed meeting');
    expect(res.body).not.toContain('cohort-room');

    const admin = await createPerson(t, [{ role: 'admin' }]);
    const [grant] = await t.db.query(`SELECT id FROM role_assignments WHERE user_id = $1`, [farExpert.id]);
    await t.http().delete(`/api/role-assignments/${grant.id}`).set(bearer(admin)).expect(204);
    expect(parse((await feedText(created.body.url).expect(200)).body).events).toEqual([]);
  });
});
