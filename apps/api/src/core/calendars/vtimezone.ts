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

/**
 * A VTIMEZONE for `name` covering a year either side of each of `instants`, or null for an unknown zone. Only those
 * spans are scanned day by day: a meeting in year 9999 next to one today costs four years of days, not eight thousand.
 */
export function vtimezone(name: string, instants: Date[]): string | null {
  const zone = IANAZone.create(name);
  if (!zone.isValid || instants.length === 0) return null;
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
  let offset: number | null = null;
  for (const [spanStart, spanEnd] of spansAround(instants.map((instant) => instant.getTime()))) {
    // The observance in force where a span starts (the first, or a change since the previous span), then its transitions.
    const atStart = zone.offset(spanStart);
    if (offset === null) observance(spanStart, atStart, atStart);
    else if (atStart !== offset) observance(spanStart, offset, atStart);
    offset = atStart;
    for (let day = spanStart; day < spanEnd; day += DAY) {
      const after = zone.offset(day + DAY);
      if (after !== offset) {
        const at = transitionIn(zone, day, day + DAY);
        observance(at, offset, zone.offset(at));
        offset = zone.offset(at);
      }
    }
  }
  return ['BEGIN:VTIMEZONE', `TZID:${name}`, ...observances, 'END:VTIMEZONE'].join('\r\n');
}

/** Whole UTC days from a year before to a year after each instant, overlapping spans merged, in order. */
function spansAround(instants: number[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const instant of [...instants].sort((a, b) => a - b)) {
    // Whole UTC days: transitions are then found on whole minutes, not on the seconds of the clock that asked.
    const start = Math.floor((instant - 366 * DAY) / DAY) * DAY;
    const end = Math.ceil((instant + 366 * DAY) / DAY) * DAY;
    const last = spans.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else spans.push([start, end]);
  }
  return spans;
}
