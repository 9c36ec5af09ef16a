// Expansion of a meeting series in its organiser's wall-clock time: RRULE (RFC 5545) on floating local times,
// each local start then turned into an instant in the organiser's zone, so a series stays at 10:00 local across DST.
import { RRule, type Options } from 'rrule';
import { DEFAULT_MAX_OCCURRENCES, DEFAULT_MAX_SERIES_YEARS } from './series-rule';
import { localToInstant, type LocalDateTime } from './time-zones';

interface SeriesInput {
  /** First occurrence, wall-clock in `timeZone`. */
  localStart: LocalDateTime;
  timeZone: string;
  durationMinutes: number;
  /** RRULE without DTSTART; null for a single meeting. */
  rrule: string | null;
}

export interface ExpandedOccurrence {
  /** The wall-clock start in the organiser's zone: the RFC 5545 RECURRENCE-ID. */
  recurrenceId: LocalDateTime;
  startsAt: Date;
  endsAt: Date;
}

export class RecurrenceError extends Error {}
/** An occurrence would end after the last instant dates may name (the end of year 9999). */
export class SeriesOutOfRangeError extends RecurrenceError {}

/** Dates in Minga lie in years 1000-9999 (PostgreSQL and people agree on those); occurrences end by this instant. */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Wall-clock as a "floating" Date: its UTC fields are the local fields (what rrule computes with). */
function floating(local: LocalDateTime): Date {
  return new Date(`${local.slice(0, 16)}:00Z`);
}

function fromFloating(date: Date): LocalDateTime {
  return date.toISOString().slice(0, 16);
}

/** The rule's options with DTSTART at the local start; UNTIL as a date includes that whole local day. */
function ruleOptions(input: SeriesInput): Partial<Options> {
  const body = (input.rrule ?? '').replace(/^RRULE:/i, '').trim();
  let options: Partial<Options>;
  try {
    options = RRule.parseString(body);
  } catch {
    throw new RecurrenceError('The RRULE cannot be read');
  }
  if (options.freq === undefined || options.freq === null) throw new RecurrenceError('The RRULE needs FREQ');
  const untilText = /UNTIL=([0-9TZ]+)/i.exec(body)?.[1] ?? null;
  if (untilText) {
    if (/^\d{8}$/.test(untilText)) {
      options.until = new Date(`${untilText.slice(0, 4)}-${untilText.slice(4, 6)}-${untilText.slice(6, 8)}T23:59:59Z`);
    } else if (/Z$/i.test(untilText)) {
      // A UTC UNTIL is an instant: compare it with local starts through the organiser's zone.
      const instant = options.until as Date;
      options.until = floating(instantToFloatingLocal(instant, input.timeZone));
    }
  }
  return { ...options, dtstart: floating(input.localStart), tzid: null };
}

function instantToFloatingLocal(instant: Date, zone: string): LocalDateTime {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/**
 * Every occurrence of a meeting, in order. Throws RecurrenceError when the rule is unreadable, yields nothing, or
 * expands past `maxOccurrences` or past `maxYears` after the first one.
 */
export function expandSeries(input: SeriesInput, limits: { maxOccurrences?: number; maxYears?: number } = {}): ExpandedOccurrence[] {
  const maxOccurrences = limits.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES;
  const maxYears = limits.maxYears ?? DEFAULT_MAX_SERIES_YEARS;
  const toOccurrence = (local: LocalDateTime): ExpandedOccurrence => {
    const startsAt = localToInstant(local, input.timeZone);
    // Duration is elapsed time: a meeting across a DST change still lasts its minutes.
    return { recurrenceId: local, startsAt, endsAt: new Date(startsAt.getTime() + input.durationMinutes * 60_000) };
  };
  const inRange = (occurrences: ExpandedOccurrence[]) => {
    if (occurrences.some((o) => o.endsAt.getTime() > LAST_INSTANT))
      throw new SeriesOutOfRangeError('Meetings must end by the end of year 9999');
    return occurrences;
  };
  if (!input.rrule) return inRange([toOccurrence(input.localStart.slice(0, 16))]);

  const rule = new RRule(ruleOptions(input));
  const horizon = floating(input.localStart);
  horizon.setUTCFullYear(horizon.getUTCFullYear() + maxYears);
  const locals: LocalDateTime[] = [];
  let tooMany = false;
  let tooLate = false;
  rule.all((date, index) => {
    if (index >= maxOccurrences) {
      tooMany = true;
      return false;
    }
    if (date > horizon) {
      tooLate = true;
      return false;
    }
    locals.push(fromFloating(date));
    return true;
  });
  if (tooMany) throw new RecurrenceError(`The series has more than ${maxOccurrences} occurrences`);
  if (tooLate) throw new RecurrenceError(`The series runs past ${maxYears} years`);
  if (locals.length === 0) throw new RecurrenceError('The RRULE yields no occurrence');
  return inRange(locals.map(toOccurrence));
}

/**
 * The RRULE for an iCalendar VEVENT whose DTSTART carries the organiser's TZID: a date-only or local UNTIL becomes
 * the UTC instant of the last occurrence's start, as RFC 5545 requires with a zoned DTSTART.
 */
export function rruleForCalendar(input: SeriesInput, occurrences: ExpandedOccurrence[]): string | null {
  if (!input.rrule) return null;
  const body = input.rrule.replace(/^RRULE:/i, '').trim();
  const last = occurrences.at(-1);
  if (!/UNTIL=/i.test(body) || last === undefined) return body;
  const until = last.startsAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return body.replace(/UNTIL=[0-9TZ]+/i, `UNTIL=${until}`);
}
