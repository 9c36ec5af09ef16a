import { dayPeriod, dayShift, instantOf, localClock, zoneCity } from './zone-times';

describe('zone times', () => {
  it('counts the days between the organiser’s date and another zone’s, half-hour and 45-minute zones included', () => {
    const tenInMexicoCity = new Date('2026-12-14T16:00:00Z');
    expect(dayShift(tenInMexicoCity, 'America/Mexico_City', 'Asia/Tokyo')).toBe(1);
    expect(localClock(tenInMexicoCity, 'Asia/Kolkata')).toEqual({ hour: 21, minute: 30 });
    expect(localClock(tenInMexicoCity, 'Asia/Kathmandu')).toEqual({ hour: 21, minute: 45 });
    expect(dayShift(tenInMexicoCity, 'America/Mexico_City', 'Asia/Kolkata')).toBe(0);
    expect(dayShift(new Date('2026-12-14T09:00:00Z'), 'Asia/Tokyo', 'Pacific/Honolulu')).toBe(-1);
  });

  it('keeps a wall-clock time across daylight saving, and moves a time skipped by the change forward', () => {
    expect(instantOf('2027-03-08T10:00', 'America/New_York')?.toISOString()).toBe('2027-03-08T15:00:00.000Z');
    expect(instantOf('2027-03-15T10:00', 'America/New_York')?.toISOString()).toBe('2027-03-15T14:00:00.000Z');
    expect(instantOf('2027-03-14T02:30', 'America/New_York')?.toISOString()).toBe('2027-03-14T07:30:00.000Z');
    expect(instantOf('not a time', 'America/New_York')).toBeNull();
  });

  it('says where in the day an hour falls, and names a zone by its city', () => {
    expect([1, 6, 7, 8, 9, 17, 18, 21, 22].map(dayPeriod)).toEqual([
      'night',
      'night',
      'morning',
      'morning',
      'day',
      'day',
      'evening',
      'evening',
      'night',
    ]);
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneCity('UTC')).toBe('UTC');
  });
});
