// What an instant looks like in a given time zone: its calendar day, clock time, whether it falls at night, and how
// many calendar days it lies from the same instant in another zone (the "+1 day" beside a time).
import { localToInstant } from '@minga/scheduling';

/** A readable name for an IANA zone: its exemplar city ("America/Mexico_City" -> "Mexico City"). */
export function zoneCity(timeZone: string): string {
  if (timeZone === 'UTC') return 'UTC';
  return (timeZone.split('/').at(-1) ?? timeZone).replaceAll('_', ' ');
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone. */
export function localDay(at: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD whatever the interface language.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The hour (0-23) and minute an instant shows on a clock in a zone. */
export function localClock(at: Date, timeZone: string): { hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { hour: value('hour'), minute: value('minute') };
}

/**
 * Calendar days from the day an instant falls on in `fromZone` to the day it falls on in `toZone`: 1 when it is
 * already tomorrow there, -1 when it is still yesterday.
 */
export function dayShift(at: Date, fromZone: string, toZone: string): number {
  const from = Date.parse(`${localDay(at, fromZone)}T00:00:00Z`);
  const to = Date.parse(`${localDay(at, toZone)}T00:00:00Z`);
  return Math.round((to - from) / 86_400_000);
}

export type DayPeriod = 'night' | 'morning' | 'day' | 'evening';

/** Where in a person's day a local hour falls: night is 22:00-06:59, the edges are early morning and evening. */
export function dayPeriod(hour: number): DayPeriod {
  if (hour >= 22 || hour < 7) return 'night';
  if (hour < 9) return 'morning';
  if (hour < 18) return 'day';
  return 'evening';
}

/** The instant of a wall-clock time in a zone, by the server's DST rules; null for an incomplete or unknown input. */
export function instantOf(local: string, timeZone: string): Date | null {
  try {
    return localToInstant(local, timeZone);
  } catch {
    return null;
  }
}
