// Wall-clock times in IANA zones and the instants they stand for, with the DST rules of the plan:
// a wall-clock time that does not exist (spring-forward gap) moves forward by the gap; an ambiguous one
// (fall-back overlap) takes the earlier instant (the offset in force before the change).
import { DateTime, IANAZone } from 'luxon';

/** `YYYY-MM-DDTHH:mm`: a wall-clock time without zone. */
export type LocalDateTime = string;

export function isValidTimeZone(zone: string): boolean {
  return (zone.includes('/') || zone === 'UTC') && IANAZone.isValidZone(zone);
}

function wallClockParts(local: LocalDateTime) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) throw new RangeError(`Not a local date-time: ${local}`);
  // Fixed-width fields, so each one is at a fixed place in the text the pattern just checked.
  const field = (from: number, to: number) => Number(local.slice(from, to));
  return { year: field(0, 4), month: field(5, 7), day: field(8, 10), hour: field(11, 13), minute: field(14, 16) };
}

/** The instant a wall-clock time in `zone` stands for (gaps shift forward, overlaps take the earlier offset). */
export function localToInstant(local: LocalDateTime, zone: string): Date {
  const { year, month, day, hour, minute } = wallClockParts(local);
  const tz = IANAZone.create(zone);
  if (!tz.isValid) throw new RangeError(`Unknown time zone: ${zone}`);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets a day before and a day after cover both sides of any transition near this time.
  const before = tz.offset(wall - 86_400_000);
  const after = tz.offset(wall + 86_400_000);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => instant + tz.offset(instant) * 60_000 === wall);
  // Two candidates: an overlap, take the earlier; none: a gap, keep the offset in force before it (shifts forward).
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(wall - before * 60_000);
}

/** The wall-clock time of an instant in `zone`, `YYYY-MM-DDTHH:mm`. */
export function instantToLocal(instant: Date | string | number, zone: string): LocalDateTime {
  const dt = DateTime.fromMillis(new Date(instant).getTime(), { zone });
  return dt.toFormat("yyyy-MM-dd'T'HH:mm");
}

/** Minutes east of UTC of `zone` at an instant (Asia/Kathmandu: 345). */
export function offsetMinutes(instant: Date | string | number, zone: string): number {
  return DateTime.fromMillis(new Date(instant).getTime(), { zone }).offset;
}

interface PlaceTime {
  timeZone: string;
  places: string[];
  localStart: LocalDateTime;
  localEnd: LocalDateTime;
  /** Minutes east of UTC at the start. */
  offsetMinutes: number;
  /** Days the local start falls after (+1) or before (-1) the reference zone's date. */
  dayShift: number;
}

/**
 * The local time of a meeting in each place (the strip under a meeting), one row per zone, ordered from west to
 * east; `reference` is the zone whose date the day shift compares with (the viewer's or the organiser's).
 */
export function localTimesIn(
  startsAt: Date | string,
  endsAt: Date | string,
  places: { name: string; timeZone: string }[],
  reference: string,
): PlaceTime[] {
  const byZone = new Map<string, string[]>();
  for (const place of places) byZone.set(place.timeZone, [...(byZone.get(place.timeZone) ?? []), place.name]);
  const referenceDay = instantToLocal(startsAt, reference).slice(0, 10);
  return [...byZone.entries()]
    .map(([timeZone, names]) => {
      const localStart = instantToLocal(startsAt, timeZone);
      const dayShift = Math.round((Date.parse(`${localStart.slice(0, 10)}T00:00Z`) - Date.parse(`${referenceDay}T00:00Z`)) / 86_400_000);
      return {
        timeZone,
        places: names,
        localStart,
        localEnd: instantToLocal(endsAt, timeZone),
        offsetMinutes: offsetMinutes(startsAt, timeZone),
        dayShift,
      };
    })
    .sort((a, b) => a.offsetMinutes - b.offsetMinutes || a.timeZone.localeCompare(b.timeZone));
}
