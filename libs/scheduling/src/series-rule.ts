// The RRULE a meeting series may have: the subset of RFC 5545 Minga expands, read by `rrule`, and the problem to
// report to whoever wrote it. Used by the meeting contracts (libs/contracts), so the API and the schedule form agree.
import { Frequency, RRule, type Options } from 'rrule';

/** A series expands to at most this many occurrences, all within this many years of its first one (defaults). */
export const DEFAULT_MAX_OCCURRENCES = 100;
export const DEFAULT_MAX_SERIES_YEARS = 2;
const MAX_INTERVAL = 366;

/** The parts a series rule may have; BYHOUR, BYMINUTE and the like would put several occurrences in one day. */
const SUPPORTED_PARTS = ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'WKST'];
const SUPPORTED_FREQUENCIES: unknown[] = [Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY];

/** The rule as it is stored and sent to calendars: upper case, without an "RRULE:" prefix. */
export function normalizeRrule(rule: string): string {
  return rule.replace(/^RRULE:/i, '').toUpperCase();
}

/**
 * The parts of a rule by name (upper case), each value as written. Spaces around a part and empty parts have always
 * been accepted here, though `rrule` refuses them, so the rule is split before `rrule` reads each part.
 */
function partsOf(rule: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const pair of normalizeRrule(rule).split(';')) {
    const [name, value] = pair.split('=');
    if (name) parts[name.trim()] = (value ?? '').trim();
  }
  return parts;
}

/** One part as `rrule` reads it (FREQ as a Frequency, COUNT as a number, UNTIL as a Date), or null if it cannot. */
function readPart(name: string, value: string): Partial<Options> | null {
  try {
    return RRule.parseString(`${name}=${value}`);
  } catch {
    return null;
  }
}

/** A whole number from 1 to `max`; a value `rrule` leaves unread (not digits) is taken as JavaScript reads it. */
function isWholeNumber(value: unknown, max: number): boolean {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 && number <= max;
}

/**
 * What is wrong with an RRULE given for a series (without DTSTART: `FREQ=MONTHLY;BYDAY=2TU;COUNT=12`), or null
 * when nothing is. The rule must end (COUNT or UNTIL) and COUNT is bounded here; UNTIL is checked against the
 * start by `rruleUntilProblems`, and `expandSeries` checks the occurrences themselves.
 */
export function rruleProblem(rule: string, limits: { maxOccurrences?: number } = {}): string | null {
  const maxOccurrences = limits.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES;
  if (/DTSTART|\n|\r/i.test(rule)) return 'Give the RRULE without DTSTART: the start is the meeting’s start';
  const parts = partsOf(rule);
  const unsupported = Object.keys(parts).find((name) => !SUPPORTED_PARTS.includes(name));
  if (unsupported !== undefined) return `Unsupported RRULE part ${unsupported}`;
  const read = (name: string) => (parts[name] === undefined ? undefined : readPart(name, parts[name]));
  if (!SUPPORTED_FREQUENCIES.includes(read('FREQ')?.freq)) return 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY';
  const count = read('COUNT');
  const until = read('UNTIL');
  if (count === undefined && until === undefined) return 'A series must end: give COUNT or UNTIL';
  if (count !== undefined && until !== undefined) return 'Give COUNT or UNTIL, not both';
  if (count !== undefined && !isWholeNumber(count?.count, maxOccurrences)) return `COUNT must be between 1 and ${maxOccurrences}`;
  if (until === null) return 'UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ';
  const interval = read('INTERVAL');
  if (interval !== undefined && !isWholeNumber(interval?.interval, MAX_INTERVAL)) return 'INTERVAL must be a whole number from 1';
  if (!expandable(rule)) return 'The RRULE cannot be read: write it as NAME=VALUE parts joined by ; with valid values';
  return null;
}

/**
 * Whether `rrule` reads the whole rule as stored and can expand it, as expandSeries and calendar feeds will: a
 * space, an empty part or a BYDAY of `XX` would otherwise pass the checks above and fail later.
 */
function expandable(rule: string): boolean {
  try {
    const options = RRule.parseString(normalizeRrule(rule));
    new RRule({ ...options, dtstart: new Date(Date.UTC(2000, 0, 1)) }).all((_, index) => index < 1);
    return true;
  } catch {
    return false;
  }
}

/** The calendar day `YYYY-MM-DD` of a rule's UNTIL as written (no time zone applies to it), or null. */
function untilDay(rule: string): string | null {
  const until = partsOf(rule)['UNTIL'];
  if (until === undefined || !readPart('UNTIL', until)) return null;
  return `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
}

/**
 * What is wrong with a rule's UNTIL for a series whose first occurrence is on `startDay` (`YYYY-MM-DD`): it may not
 * be before that day, nor more than `maxYears` after it. Days are compared as written, `YYYY-MM-DD`.
 */
export function rruleUntilProblems(rule: string, startDay: string, limits: { maxYears?: number } = {}): string[] {
  const maxYears = limits.maxYears ?? DEFAULT_MAX_SERIES_YEARS;
  const until = untilDay(rule);
  if (!until) return [];
  const problems: string[] = [];
  if (until < startDay) problems.push('UNTIL is before the first occurrence');
  const limit = `${Number(startDay.slice(0, 4)) + maxYears}${startDay.slice(4)}`;
  if (until > limit) problems.push(`A series spans at most ${maxYears} years`);
  return problems;
}
