import { instantToLocal, isValidTimeZone, localTimesIn, localToInstant, offsetMinutes } from './time-zones';

const iso = (local: string, zone: string) => localToInstant(local, zone).toISOString();

describe('wall-clock times and instants', () => {
  it('knows IANA zones and refuses offsets and typos', () => {
    expect(isValidTimeZone('Asia/Kathmandu')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Asia/Kathmandoo')).toBe(false);
    expect(isValidTimeZone('+05:30')).toBe(false);
  });

  it('moves a time in the New York spring-forward gap forward by the gap', () => {
    expect(iso('2027-03-14T02:30', 'America/New_York')).toBe('2027-03-14T07:30:00.000Z');
    expect(instantToLocal('2027-03-14T07:30:00Z', 'America/New_York')).toBe('2027-03-14T03:30');
  });

  it('takes the earlier offset for an ambiguous time in the New York fall-back overlap', () => {
    expect(iso('2027-11-07T01:30', 'America/New_York')).toBe('2027-11-07T05:30:00.000Z');
    expect(iso('2027-11-07T02:30', 'America/New_York')).toBe('2027-11-07T07:30:00.000Z');
  });

  it('handles London: the 01:00 gap in March and the 01:00 overlap in October', () => {
    expect(iso('2027-03-28T01:30', 'Europe/London')).toBe('2027-03-28T01:30:00.000Z');
    expect(instantToLocal('2027-03-28T01:30:00Z', 'Europe/London')).toBe('2027-03-28T02:30');
    expect(iso('2027-10-31T01:30', 'Europe/London')).toBe('2027-10-31T00:30:00.000Z');
    expect(iso('2027-07-01T10:00', 'Europe/London')).toBe('2027-07-01T09:00:00.000Z');
    expect(iso('2027-12-01T10:00', 'Europe/London')).toBe('2027-12-01T10:00:00.000Z');
  });

  it('keeps Mexico City at UTC-6 all year (no DST since 2022)', () => {
    expect(iso('2027-01-15T10:00', 'America/Mexico_City')).toBe('2027-01-15T16:00:00.000Z');
    expect(iso('2027-04-15T10:00', 'America/Mexico_City')).toBe('2027-04-15T16:00:00.000Z');
    expect(iso('2027-07-15T10:00', 'America/Mexico_City')).toBe('2027-07-15T16:00:00.000Z');
    expect(iso('2027-11-15T10:00', 'America/Mexico_City')).toBe('2027-11-15T16:00:00.000Z');
  });

  it('handles half- and quarter-hour zones and zones without DST', () => {
    expect(iso('2027-01-05T09:00', 'Asia/Kolkata')).toBe('2027-01-05T03:30:00.000Z');
    expect(iso('2027-07-05T09:00', 'Asia/Kolkata')).toBe('2027-07-05T03:30:00.000Z');
    expect(iso('2027-01-05T09:00', 'Asia/Kathmandu')).toBe('2027-01-05T03:15:00.000Z');
    expect(iso('2027-01-05T09:00', 'Asia/Tokyo')).toBe('2027-01-05T00:00:00.000Z');
    expect(iso('2027-07-05T09:00', 'Asia/Tokyo')).toBe('2027-07-05T00:00:00.000Z');
    expect(iso('2027-01-05T09:00', 'Asia/Jakarta')).toBe('2027-01-05T02:00:00.000Z');
    expect(offsetMinutes('2027-01-05T00:00:00Z', 'Asia/Kathmandu')).toBe(345);
    expect(instantToLocal('2027-01-05T00:10:00Z', 'Asia/Kolkata')).toBe('2027-01-05T05:40');
  });

  it('crosses the date line: a Mexico City evening is the next morning in Tokyo', () => {
    expect(instantToLocal(localToInstant('2027-02-09T18:00', 'America/Mexico_City'), 'Asia/Tokyo')).toBe('2027-02-10T09:00');
  });

  it('lists the local time in each place, west to east, with the day shift against a reference zone', () => {
    const strip = localTimesIn(
      '2027-02-10T00:00:00Z',
      '2027-02-10T01:00:00Z',
      [
        { name: 'Tsukuba', timeZone: 'Asia/Tokyo' },
        { name: 'Mexico City', timeZone: 'America/Mexico_City' },
        { name: 'Delhi', timeZone: 'Asia/Kolkata' },
        { name: 'Jakarta', timeZone: 'Asia/Jakarta' },
        { name: 'Bandung', timeZone: 'Asia/Jakarta' },
      ],
      'America/Mexico_City',
    );
    expect(strip.map((row) => [row.places.join('+'), row.localStart, row.dayShift])).toEqual([
      ['Mexico City', '2027-02-09T18:00', 0],
      ['Delhi', '2027-02-10T05:30', 1],
      ['Jakarta+Bandung', '2027-02-10T07:00', 1],
      ['Tsukuba', '2027-02-10T09:00', 1],
    ]);
  });
});
