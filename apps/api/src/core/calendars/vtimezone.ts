// VTIMEZONE components (RFC 5545 §3.6.5) from the IANA database through luxon: the offset transitions of a zone
// over a range, so calendar apps place TZID times exactly as the server does (DST, +05:30, +05:45, no DST).
import { DateTime, IANAZone } from 'luxon';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function localStamp(instant: number, offsetMinutes: number): string {
  return DateTime.fromMillis(instant + offsetMinutes * 60_000, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss");
}

/** The first minute at which the zone's offset differs from its offset at `from` (offsets change once in a day). */
function transitionIn(zone: IANAZone, from: number, to: number): number {
  const before = zone.offset(from);
  let lo = from;
  let hi = to;
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** A VTIMEZONE for `name` covering [from, to], or null for an unknown zone. */
export function vtimezone(name: string, from: Date, to: Date): string | null {
  const zone = IANAZone.create(name);
  if (!zone.isValid) return null;
  // Whole UTC days: transitions are then found on whole minutes, not on the seconds of the clock that asked.
  const start = Math.floor((from.getTime() - 366 * DAY) / DAY) * DAY;
  const end = to.getTime() + 366 * DAY;
  const observances: string[] = [];
  const observance = (instant: number, fromOffset: number, toOffset: number) => {
    const daylight = DateTime.fromMillis(instant, { zone: name }).isInDST;
    const kind = daylight ? 'DAYLIGHT' : 'STANDARD';
    observances.push(
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(instant, fromOffset)}`,
      `TZOFFSETFROM:${offsetText(fromOffset)}`,
      `TZOFFSETTO:${offsetText(toOffset)}`,
      `TZNAME:${zone.offsetName(instant, { format: 'short' }) ?? offsetText(toOffset)}`,
      `END:${kind}`,
    );
  };
  // The observance in force at the start of the range, then one per transition.
  const initial = zone.offset(start);
  observance(start, initial, initial);
  for (let day = start; day < end; day += DAY) {
    const before = zone.offset(day);
    const after = zone.offset(day + DAY);
    if (before !== after) {
      const at = transitionIn(zone, day, day + DAY);
      observance(at, before, zone.offset(at));
    }
  }
  return ['BEGIN:VTIMEZONE', `TZID:${name}`, ...observances, 'END:VTIMEZONE'].join('\r\n');
}
