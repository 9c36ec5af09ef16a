// Shapes shared by every resource: ids, pagination, time zones, locales, problem details.
import { z } from 'zod';

export const uuidSchema = z.uuid();

/**
 * Dates people give must lie in years 1000-9999. PostgreSQL refuses year 0, and past 9999 a date no longer prints as
 * the four-digit ISO 8601 the API answers with; years before 1000 are almost always typos (0202 for 2020).
 */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
export const YEAR_RANGE_MESSAGE = `The year must be between ${MIN_YEAR} and ${MAX_YEAR}`;

/** True when the calendar year of a date or local date-time (`YYYY-MM-DD...`) lies in MIN_YEAR-MAX_YEAR. */
export function isYearInRange(isoText: string): boolean {
  const year = Number(isoText.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** A calendar date someone gives, `YYYY-MM-DD`, in years 1000-9999. */
export const isoDateSchema = z.iso.date().refine(isYearInRange, { message: YEAR_RANGE_MESSAGE });

/** An instant someone gives, ISO 8601 with `Z` or an offset, in years 1000-9999 both as written and in UTC. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true }).refine(
  (instant) => {
    const utcYear = new Date(instant).getUTCFullYear();
    return isYearInRange(instant) && utcYear >= MIN_YEAR && utcYear <= MAX_YEAR;
  },
  { message: YEAR_RANGE_MESSAGE },
);

/**
 * A date as the API answers it, read from the database: the format without the year range, so that rows stored
 * before the range was checked stay readable. Only for answers; what people send is an isoDateSchema.
 */
export const storedIsoDateSchema = z.iso.date();

/** An IANA time zone the runtime knows (e.g. Asia/Kolkata); rejects offsets and typos. */
export const timeZoneSchema = z.string().min(1).max(64).refine(isKnownTimeZone, { message: 'Unknown IANA time zone' });

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

/** A BCP 47 language tag (e.g. ja-JP, es-MX); canonicalised. */
export const localeSchema = z.string().min(2).max(35).refine(isValidLocale, { message: 'Invalid BCP 47 locale' });

function isValidLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** ISO 3166-1 alpha-2 country code. */
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'Two upper-case letters (ISO 3166-1)');

const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Query parameters every cursor-paginated list accepts. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(512).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
  });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** RFC 9457 problem details: the one error shape of the API. */
export const problemDetailsSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
    /** The values the code's message names (errors.ts), e.g. `{ max: 50 }` for kpi_limit_reached. */
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .meta({ id: 'ProblemDetails' });
export type ProblemDetails = z.infer<typeof problemDetailsSchema>;

/** The most places unstorableText reports: enough to fix a request, short enough to answer. */
const MAX_UNSTORABLE_PLACES = 20;
/** A UTF-16 surrogate without its other half: not Unicode text (JSON.parse and msgpack let it through). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

interface UnstorableText {
  /** Where the string is: keys and array indexes joined by dots (`tasks.1.title`); empty for the value itself. */
  path: string;
  message: string;
}

function unstorableReason(text: string): string | null {
  if (text.includes('\u0000')) return 'Contains a NUL character (U+0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'Contains an unpaired UTF-16 surrogate, which is not valid Unicode text';
  return null;
}

/** A key as it appears in a path: the characters that cannot be stored are written as \uXXXX escapes. */
function printableKey(key: string): string {
  return key
    .split('\u0000')
    .join('\\u0000')
    .replace(LONE_SURROGATES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The strings anywhere in a value (object keys included) that PostgreSQL cannot store as text or JSON: those with a
 * NUL character (text and jsonb refuse it) or an unpaired UTF-16 surrogate (jsonb refuses its escape; a text column
 * would silently get U+FFFD instead). Empty when all is storable; at most 20 places. Binary data (Uint8Array,
 * Buffer) is not text and is skipped. Walks without recursion, so any nesting depth is safe.
 *
 * The API runs it on every request body and query (a 400 `validation_failed` with these as field errors) and on
 * the keys of page cursors; a socket gateway runs it on an event's payload before using it.
 */
export function unstorableText(value: unknown): UnstorableText[] {
  interface Place {
    value: unknown;
    key: string | null;
    parent: Place | null;
  }
  const pathOf = (place: Place): string => {
    const keys: string[] = [];
    for (let at: Place | null = place; at && at.key !== null; at = at.parent) keys.push(at.key);
    return keys.reverse().join('.');
  };
  const found: UnstorableText[] = [];
  const seen = new Set<object>();
  const pending: Place[] = [{ value, key: null, parent: null }];
  while (pending.length && found.length < MAX_UNSTORABLE_PLACES) {
    const place = pending.pop() as Place;
    const current = place.value;
    if (typeof current === 'string') {
      const reason = unstorableReason(current);
      if (reason) found.push({ path: pathOf(place), message: reason });
      continue;
    }
    if (!current || typeof current !== 'object' || ArrayBuffer.isView(current) || seen.has(current)) continue;
    seen.add(current);
    const children: Place[] = [];
    if (Array.isArray(current)) {
      current.forEach((item, index) => children.push({ value: item, key: String(index), parent: place }));
    } else {
      for (const [key, item] of Object.entries(current)) {
        const child: Place = { value: item, key: printableKey(key), parent: place };
        const reason = unstorableReason(key);
        if (reason) found.push({ path: pathOf(child), message: `Its name ${reason.charAt(0).toLowerCase()}${reason.slice(1)}` });
        children.push(child);
      }
    }
    // Last pushed, first visited: reversed, the places come out in the value's order.
    for (const child of children.reverse()) pending.push(child);
  }
  return found.slice(0, MAX_UNSTORABLE_PLACES);
}
