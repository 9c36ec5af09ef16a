import { findSlots, type SlotParticipant } from './slot-finder';

const nineToFive = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
const person = (id: string, cityName: string, timeZone: string, locale: string, workingHours = nineToFive): SlotParticipant => ({
  id,
  name: `Official of ${cityName}`,
  cityName,
  timeZone,
  locale,
  workingHours,
});

const tokyo = person('tokyo', 'Tsukuba', 'Asia/Tokyo', 'ja-JP');
const jakarta = person('jakarta', 'Jakarta', 'Asia/Jakarta', 'id-ID');
const cohort = [
  tokyo,
  person('mexico', 'Mexico City', 'America/Mexico_City', 'es-MX'),
  person('delhi', 'Delhi', 'Asia/Kolkata', 'hi-IN'),
  jakarta,
];
// Monday 1 to Sunday 7 February 2027.
const week = { from: '2027-02-01', to: '2027-02-07', durationMinutes: 60 };

describe('fair slot finder', () => {
  it('finds a slot inside everyone’s hours when there is one', () => {
    const result = findSlots([tokyo, jakarta], { ...week, limit: 3 });
    expect(result.slots[0]?.outside).toEqual([]);
    expect(result.slots[0]?.insideCount).toBe(2);
    // Tokyo 09:00–17:00 and Jakarta 09:00–17:00 overlap from 02:00 to 08:00 UTC.
    const hour = result.slots[0]?.startsAt.getUTCHours();
    expect(hour).toBeGreaterThanOrEqual(2);
    expect(hour).toBeLessThan(8);
  });

  it('says who is outside their hours across Tokyo, Mexico City, Delhi and Jakarta, and how far', () => {
    const result = findSlots(cohort, { ...week, limit: 5 });
    expect(result.participantCount).toBe(4);
    expect(result.slots).toHaveLength(5);
    for (const slot of result.slots) {
      // 15 hours apart: nobody finds a slot inside everyone's hours, and no proposed slot falls on a weekend.
      expect(slot.outside.length).toBeGreaterThan(0);
      expect(slot.outside.every((o) => !o.weekend)).toBe(true);
      expect(slot.insideCount + slot.outside.length).toBe(4);
      expect(slot.local.map((l) => l.timeZone)).toEqual(['America/Mexico_City', 'Asia/Kolkata', 'Asia/Jakarta', 'Asia/Tokyo']);
    }
    const best = result.slots[0];
    const delhi = best?.local.find((l) => l.timeZone === 'Asia/Kolkata');
    expect(delhi?.localStart.slice(14)).toMatch(/^(00|30)$/);
    // Slots are ordered best first and never overlap one another.
    const scores = result.slots.map((s) => s.score);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    for (const a of result.slots) {
      for (const b of result.slots) if (a !== b) expect(a.startsAt < b.endsAt && b.startsAt < a.endsAt).toBe(false);
    }
  });

  it('rotates the inconvenient hours of a series so that no zone is always outside its hours', () => {
    const result = findSlots(cohort, { ...week, seriesLength: 4 });
    expect(result.rotation).toHaveLength(4);
    const burden = new Map(result.burdenByZone?.map((b) => [b.timeZone, b.meetingsOutsideHours]));
    expect([...burden.keys()].sort()).toEqual(['America/Mexico_City', 'Asia/Jakarta', 'Asia/Kolkata', 'Asia/Tokyo']);
    for (const count of burden.values()) expect(count).toBeLessThan(4);
    // The rotation really moves: Mexico City is inside its hours for some meetings and outside for others.
    const mexicoOutside = result.rotation?.map((slot) => slot.outside.some((o) => o.person.id === 'mexico'));
    expect(mexicoOutside).toContain(true);
    expect(mexicoOutside).toContain(false);
  });

  it('respects a person’s own working days and a Friday–Saturday weekend', () => {
    const riyadh = person('riyadh', 'Riyadh', 'Asia/Riyadh', 'ar-SA');
    // Friday 5 February only: Riyadh's weekend.
    const friday = findSlots([riyadh], { from: '2027-02-05', to: '2027-02-05', durationMinutes: 60 });
    expect(friday.slots[0]?.outside[0]?.weekend).toBe(true);
    const sunday = findSlots([riyadh], { from: '2027-02-07', to: '2027-02-07', durationMinutes: 60 });
    expect(sunday.slots[0]?.outside).toEqual([]);
    const partTime = person('tue', 'Tokyo', 'Asia/Tokyo', 'ja-JP', { start: '10:00', end: '12:00', days: [2] });
    const result = findSlots([partTime], { ...week, limit: 1 });
    expect(result.slots[0]?.local[0]?.localStart).toMatch(/^2027-02-02T1[01]:00$/);
  });

  it('lists every person outside their hours, also people who share a zone and hours', () => {
    const people = [
      person('t1', 'Tsukuba', 'Asia/Tokyo', 'ja-JP'),
      person('t2', 'Kaga', 'Asia/Tokyo', 'ja-JP'),
      person('mx', 'Mexico City', 'America/Mexico_City', 'es-MX'),
    ];
    const result = findSlots(people, { ...week, limit: 3 });
    for (const slot of result.slots) {
      const tokyoOutside = slot.outside.filter((o) => o.timeZone === 'Asia/Tokyo').map((o) => o.person.id);
      expect(tokyoOutside.length === 0 || tokyoOutside.length === 2).toBe(true);
      expect(slot.insideCount + slot.outside.length).toBe(3);
    }
    expect(result.slots[0]?.local.find((l) => l.timeZone === 'Asia/Tokyo')?.places).toEqual(['Tsukuba', 'Kaga']);
  });

  it('refuses working hours whose times have no minutes, instead of scoring every slot NaN', () => {
    const hourOnly = person('hour', 'Tsukuba', 'Asia/Tokyo', 'ja-JP', { start: '9', end: '17', days: [1, 2, 3, 4, 5] });
    expect(() => findSlots([hourOnly], week)).toThrow(new RangeError('Not a time of day (HH:MM): 9'));
  });
});
