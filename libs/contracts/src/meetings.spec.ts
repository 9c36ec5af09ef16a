import { createCohortSchema } from './cohorts';
import { createCalendarFeedSchema } from './calendars';
import {
  createMeetingSchema,
  occurrenceQuerySchema,
  replaceAgendaSchema,
  slotQuerySchema,
  updateMeetingSchema,
  updateOccurrenceSchema,
} from './meetings';

const base = { title: 'Open data sync', timeZone: 'America/Mexico_City', localStart: '2027-03-10T10:00', durationMinutes: 60 };

function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('meeting contracts', () => {
  it('accepts a monthly series that ends', () => {
    const parsed = createMeetingSchema.parse({ ...base, rrule: 'FREQ=MONTHLY;BYDAY=2WE;COUNT=12' });
    expect(parsed.capacity).toBeNull();
    expect(parsed.agenda).toEqual([]);
  });

  it.each([
    ['an unknown zone', { ...base, timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['an offset instead of a zone', { ...base, timeZone: '+05:30' }, 'timeZone'],
    ['a date that does not exist', { ...base, localStart: '2027-02-30T10:00' }, 'localStart'],
    ['a date without its day and time', { ...base, localStart: '2027-03' }, 'localStart'],
    ['an end before the start', { ...base, durationMinutes: undefined, localEnd: '2027-03-10T09:00' }, 'localEnd'],
    ['a too short meeting', { ...base, durationMinutes: 2 }, 'durationMinutes'],
    ['a too long meeting', { ...base, durationMinutes: 13 * 60 }, 'durationMinutes'],
    ['a series that never ends', { ...base, rrule: 'FREQ=WEEKLY' }, 'rrule'],
    ['a series with too many occurrences', { ...base, rrule: 'FREQ=DAILY;COUNT=500' }, 'rrule'],
    ['a series ending after two years', { ...base, rrule: 'FREQ=MONTHLY;UNTIL=20300101' }, 'rrule'],
    ['a series ending before it starts', { ...base, rrule: 'FREQ=MONTHLY;UNTIL=20260101' }, 'rrule'],
    ['an hourly series', { ...base, rrule: 'FREQ=HOURLY;COUNT=5' }, 'rrule'],
    ['a rule with its own DTSTART', { ...base, rrule: 'DTSTART:20270101T000000Z\nRRULE:FREQ=DAILY;COUNT=2' }, 'rrule'],
    ['a negative capacity', { ...base, capacity: -1 }, 'capacity'],
    ['an http join link', { ...base, onlineUrl: 'http://meet.example.org/x' }, 'onlineUrl'],
    ['both a local start and an instant', { ...base, startsAt: '2027-03-10T16:00:00Z' }, 'startsAt'],
    ['no start', { ...base, localStart: undefined }, 'localStart'],
    ['a start in year 0999', { ...base, localStart: '0999-12-31T10:00' }, 'localStart'],
    ['an instant in year 0', { ...base, localStart: undefined, startsAt: '0000-01-01T10:00:00Z' }, 'startsAt'],
  ])('rejects %s at the field', (_name, input, field) => {
    const result = createMeetingSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(issuesOf(result).some((i) => i.startsWith(`${field}:`))).toBe(true);
  });

  it('stores the rule in one form: upper case, without an RRULE: prefix, trimmed', () => {
    expect(createMeetingSchema.parse({ ...base, rrule: '  rrule:freq=monthly;byday=2we;count=12 ' }).rrule).toBe(
      'FREQ=MONTHLY;BYDAY=2WE;COUNT=12',
    );
    expect(updateMeetingSchema.parse({ rrule: 'freq=weekly;until=20270601t120000z' }).rrule).toBe('FREQ=WEEKLY;UNTIL=20270601T120000Z');
    expect(updateMeetingSchema.parse({ rrule: null }).rrule).toBeNull();
  });

  it.each([
    ['FREQ=WEEKLY', 'A series must end: give COUNT or UNTIL'],
    ['FREQ=DAILY;COUNT=500', 'COUNT must be between 1 and 100'],
    ['FREQ=HOURLY;COUNT=5', 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY'],
    ['FREQ=DAILY;BYHOUR=9;COUNT=5', 'Unsupported RRULE part BYHOUR'],
    ['FREQ=DAILY;COUNT=5;UNTIL=20270601', 'Give COUNT or UNTIL, not both'],
    ['FREQ=DAILY;UNTIL=2027-06-01', 'UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ'],
    ['FREQ=DAILY;COUNT=5;INTERVAL=0', 'INTERVAL must be a whole number from 1'],
    ['DTSTART:20270101T000000Z\nRRULE:FREQ=DAILY;COUNT=2', 'Give the RRULE without DTSTART: the start is the meeting’s start'],
    ['FREQ=MONTHLY;UNTIL=20300101', 'A series spans at most 2 years'],
    ['FREQ=MONTHLY;UNTIL=20270309T235959Z', 'UNTIL is before the first occurrence'],
  ])('rejects the rule %j with one message at rrule', (rrule, message) => {
    expect(issuesOf(createMeetingSchema.safeParse({ ...base, rrule }))).toEqual([`rrule: ${message}`]);
    expect(issuesOf(updateMeetingSchema.safeParse({ localStart: base.localStart, rrule }))).toEqual([`rrule: ${message}`]);
  });

  it('checks UNTIL against the day of the start, given as a local time or as an instant', () => {
    const instant = { ...base, localStart: undefined, startsAt: '2027-03-10T16:00:00Z' };
    expect(issuesOf(createMeetingSchema.safeParse({ ...instant, rrule: 'FREQ=WEEKLY;UNTIL=20290310' }))).toEqual([]);
    expect(issuesOf(createMeetingSchema.safeParse({ ...instant, rrule: 'FREQ=WEEKLY;UNTIL=20290311' }))).toEqual([
      'rrule: A series spans at most 2 years',
    ]);
    // A change of rule alone is checked against the stored start by expanding it on the server.
    expect(issuesOf(updateMeetingSchema.safeParse({ rrule: 'FREQ=WEEKLY;UNTIL=20000101' }))).toEqual([]);
  });

  it('rejects an agenda section without its draft', () => {
    const result = replaceAgendaSchema.safeParse({ items: [{ title: 'Data', durationMinutes: 10, draftSection: 'Scope' }] });
    expect(issuesOf(result)).toEqual(['items.0.draftSection: A section needs its draft']);
  });

  it('rejects moving an occurrence to end before it starts', () => {
    const result = updateOccurrenceSchema.safeParse({ startsAt: '2027-03-10T16:00:00Z', endsAt: '2027-03-10T15:00:00Z' });
    expect(issuesOf(result)).toEqual(['endsAt: End must be after start']);
  });

  it('bounds the date range of occurrence lists and slot searches', () => {
    expect(issuesOf(occurrenceQuerySchema.safeParse({ from: '2027-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }))).toEqual([
      'to: `to` must be after `from`',
    ]);
    expect(issuesOf(slotQuerySchema.safeParse({ from: '2027-01-01', to: '2027-03-01', durationMinutes: '60' }))).toEqual([
      'to: At most 31 days',
    ]);
  });

  it('rejects a cohort that ends before it starts, and a cohort feed without its cohort', () => {
    expect(issuesOf(createCohortSchema.safeParse({ name: 'X', startsOn: '2027-05-01', endsOn: '2027-01-01' }))).toEqual([
      'endsOn: End must not be before start',
    ]);
    expect(issuesOf(createCalendarFeedSchema.safeParse({ kind: 'cohort' }))).toHaveLength(1);
  });
});
