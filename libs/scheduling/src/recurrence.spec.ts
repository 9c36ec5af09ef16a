import { expandSeries, RecurrenceError, rruleForCalendar, SeriesOutOfRangeError } from './recurrence';
import { instantToLocal } from './time-zones';

describe('series expansion in the organiser’s wall-clock time', () => {
  it('keeps a monthly New York series at 10:00 local across both DST changes', () => {
    const series = expandSeries({
      localStart: '2027-01-12T10:00',
      timeZone: 'America/New_York',
      durationMinutes: 60,
      rrule: 'FREQ=MONTHLY;COUNT=12',
    });
    expect(series).toHaveLength(12);
    expect(series.every((o) => o.recurrenceId.endsWith('T10:00'))).toBe(true);
    expect(series.every((o) => instantToLocal(o.startsAt, 'America/New_York').endsWith('T10:00'))).toBe(true);
    // EST (UTC-5) in January and December, EDT (UTC-4) from April to October.
    expect(series[0]?.startsAt.toISOString()).toBe('2027-01-12T15:00:00.000Z');
    expect(series[3]?.startsAt.toISOString()).toBe('2027-04-12T14:00:00.000Z');
    expect(series[11]?.startsAt.toISOString()).toBe('2027-12-12T15:00:00.000Z');
    expect(series[3]?.endsAt.toISOString()).toBe('2027-04-12T15:00:00.000Z');
  });

  it('moves a weekly London series by one hour in UTC when the clocks change, not in London', () => {
    const series = expandSeries({
      localStart: '2027-03-22T09:00',
      timeZone: 'Europe/London',
      durationMinutes: 45,
      rrule: 'FREQ=WEEKLY;COUNT=3',
    });
    expect(series.map((o) => o.startsAt.toISOString())).toEqual([
      '2027-03-22T09:00:00.000Z',
      '2027-03-29T08:00:00.000Z',
      '2027-04-05T08:00:00.000Z',
    ]);
  });

  it('keeps a Mexico City series at the same UTC time all year (no DST), while New York shifts', () => {
    const mexico = expandSeries({
      localStart: '2027-02-10T10:00',
      timeZone: 'America/Mexico_City',
      durationMinutes: 60,
      rrule: 'FREQ=MONTHLY;BYDAY=2WE;COUNT=10',
    });
    expect(new Set(mexico.map((o) => o.startsAt.toISOString().slice(11)))).toEqual(new Set(['16:00:00.000Z']));
    expect(mexico.map((o) => o.recurrenceId.slice(0, 10))).toEqual([
      '2027-02-10',
      '2027-03-10',
      '2027-04-14',
      '2027-05-12',
      '2027-06-09',
      '2027-07-14',
      '2027-08-11',
      '2027-09-08',
      '2027-10-13',
      '2027-11-10',
    ]);
  });

  it('keeps the recurrence id of an occurrence in the spring-forward gap while its instant shifts forward', () => {
    const series = expandSeries({
      localStart: '2027-03-07T02:30',
      timeZone: 'America/New_York',
      durationMinutes: 30,
      rrule: 'FREQ=WEEKLY;COUNT=2',
    });
    expect(series.map((o) => o.recurrenceId)).toEqual(['2027-03-07T02:30', '2027-03-14T02:30']);
    expect(series.map((o) => instantToLocal(o.startsAt, 'America/New_York'))).toEqual(['2027-03-07T02:30', '2027-03-14T03:30']);
  });

  it('expands half-hour and quarter-hour zones to the right instants', () => {
    const delhi = expandSeries({
      localStart: '2027-01-04T18:00',
      timeZone: 'Asia/Kolkata',
      durationMinutes: 60,
      rrule: 'FREQ=DAILY;COUNT=2',
    });
    expect(delhi.map((o) => o.startsAt.toISOString())).toEqual(['2027-01-04T12:30:00.000Z', '2027-01-05T12:30:00.000Z']);
    const kathmandu = expandSeries({ localStart: '2027-01-04T18:00', timeZone: 'Asia/Kathmandu', durationMinutes: 60, rrule: null });
    expect(kathmandu.map((o) => o.startsAt.toISOString())).toEqual(['2027-01-04T12:15:00.000Z']);
  });

  it('includes the whole day of a date-only UNTIL', () => {
    const series = expandSeries({
      localStart: '2027-01-04T10:00',
      timeZone: 'Asia/Tokyo',
      durationMinutes: 60,
      rrule: 'FREQ=WEEKLY;UNTIL=20270125',
    });
    expect(series.map((o) => o.recurrenceId)).toEqual(['2027-01-04T10:00', '2027-01-11T10:00', '2027-01-18T10:00', '2027-01-25T10:00']);
  });

  it('compares a UTC UNTIL with local starts through the organiser’s zone', () => {
    // 2027-01-18T10:00 Tokyo is 01:00Z: an UNTIL of 00:30Z that day excludes it.
    const series = expandSeries({
      localStart: '2027-01-04T10:00',
      timeZone: 'Asia/Tokyo',
      durationMinutes: 60,
      rrule: 'FREQ=WEEKLY;UNTIL=20270118T003000Z',
    });
    expect(series).toHaveLength(2);
  });

  it('refuses a series past the maximum count or span, and one that yields nothing', () => {
    expect(() =>
      expandSeries({ localStart: '2027-01-01T10:00', timeZone: 'UTC', durationMinutes: 30, rrule: 'FREQ=DAILY;UNTIL=20271231' }),
    ).toThrow(RecurrenceError);
    expect(() =>
      expandSeries({ localStart: '2027-01-01T10:00', timeZone: 'UTC', durationMinutes: 30, rrule: 'FREQ=YEARLY;COUNT=3' }, { maxYears: 1 }),
    ).toThrow(/past 1 years/);
    expect(() =>
      expandSeries({
        localStart: '2027-01-01T10:00',
        timeZone: 'UTC',
        durationMinutes: 30,
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2;COUNT=3',
      }),
    ).toThrow(RecurrenceError);
  });

  it('refuses occurrences that would end after the year 9999, alone or in a series', () => {
    const late = { localStart: '9999-12-31T23:30', timeZone: 'UTC', durationMinutes: 60, rrule: null };
    expect(() => expandSeries(late)).toThrow(SeriesOutOfRangeError);
    expect(() => expandSeries({ ...late, localStart: '9999-12-30T23:30', rrule: 'FREQ=DAILY;COUNT=2' })).toThrow(/end of year 9999/);
    // West of UTC, late evening on the last day is already the next year in UTC.
    expect(() => expandSeries({ ...late, localStart: '9999-12-31T20:00', timeZone: 'America/Mexico_City', durationMinutes: 30 })).toThrow(
      SeriesOutOfRangeError,
    );
    expect(expandSeries({ ...late, durationMinutes: 29 })).toHaveLength(1);
  });

  it('writes UNTIL as a UTC instant for a calendar with a zoned DTSTART', () => {
    const input = { localStart: '2027-01-04T10:00', timeZone: 'Asia/Tokyo', durationMinutes: 60, rrule: 'FREQ=WEEKLY;UNTIL=20270125' };
    expect(rruleForCalendar(input, expandSeries(input))).toBe('FREQ=WEEKLY;UNTIL=20270125T010000Z');
    expect(rruleForCalendar({ ...input, rrule: 'FREQ=WEEKLY;COUNT=3' }, [])).toBe('FREQ=WEEKLY;COUNT=3');
  });
});
