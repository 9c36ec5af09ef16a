// Meetings as RFC 5545 iCalendar: one VEVENT per meeting (UID <meetingId>@minga) in the organiser's TZID, a series
// as RRULE + EXDATE (cancelled occurrences) + RECURRENCE-ID overrides (moved occurrences), SEQUENCE from the
// meeting's, STATUS:CANCELLED when cancelled, and the join link (URL, LOCATION) only where the viewer may attend.
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalEventData } from 'ical-generator';
import { DateTime } from 'luxon';
import { expandSeries, rruleForCalendar } from '@minga/scheduling';
import type { CalendarMeeting } from './calendar-read-model';
import { vtimezone } from './vtimezone';

interface IcsOptions {
  name: string;
  /** The zone calendar apps show the calendar in (the owner's). */
  timeZone: string;
  /** Link to the meeting's page in the web app. */
  pageUrl: (meetingId: string) => string;
  /** Whether the viewer may see the join link of a meeting. */
  mayAttend: (meeting: CalendarMeeting) => boolean;
}

const uid = (meetingId: string) => `${meetingId}@minga`;

function zoned(instant: Date, zone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone });
}

function wallClock(local: string, zone: string): DateTime {
  return DateTime.fromISO(local, { zone });
}

function icsLocal(local: string): string {
  return local.replace(/[-:]/g, '').slice(0, 13) + '00';
}

export function meetingsToIcs(meetings: CalendarMeeting[], options: IcsOptions): string {
  const instants = [new Date(), ...meetings.flatMap((m) => m.occurrences.flatMap((o) => [o.starts_at, o.ends_at]))];
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Minga', product: 'Meetings', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: options.timeZone === 'UTC' ? 'Etc/UTC' : options.timeZone, generator: (zone) => vtimezone(zone, instants) },
  });
  const stamps: Date[] = [];
  const addEvent = (event: ICalEventData & { stamp: Date }) => {
    stamps.push(event.stamp);
    calendar.createEvent(event);
  };

  for (const meeting of meetings) {
    const [first] = meeting.occurrences;
    if (!first) continue;
    const link = options.mayAttend(meeting) ? meeting.online_url : null;
    const cancelled = meeting.status === 'cancelled';
    const description = [
      meeting.description,
      meeting.cohort_name ? `Cohort: ${meeting.cohort_name}` : null,
      link ? `Join: ${link}` : null,
      options.pageUrl(meeting.id),
    ]
      .filter(Boolean)
      .join('\n\n');
    const common = {
      id: uid(meeting.id),
      summary: meeting.title,
      description,
      timezone: meeting.time_zone,
      sequence: meeting.sequence,
      stamp: meeting.updated_at,
      location: meeting.place ?? link ?? null,
      url: link ?? options.pageUrl(meeting.id),
    };

    if (!meeting.rrule) {
      const only = first;
      addEvent({
        ...common,
        start: zoned(only.starts_at, meeting.time_zone),
        end: zoned(only.ends_at, meeting.time_zone),
        status: cancelled || only.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
      continue;
    }

    // Which stored occurrences the rule still generates (others were detached from the series by an edit).
    const series = {
      localStart: meeting.local_start,
      timeZone: meeting.time_zone,
      durationMinutes: meeting.duration_minutes,
      rrule: meeting.rrule,
    };
    const expanded = expandSeries(series, { maxOccurrences: 10_000, maxYears: 10 });
    const inRule = new Set(expanded.map((e) => e.recurrenceId));
    const excluded = meeting.occurrences.filter((o) => inRule.has(o.recurrence_id) && o.status === 'cancelled');
    const moved = meeting.occurrences.filter((o) => inRule.has(o.recurrence_id) && o.status === 'scheduled' && o.overridden);
    const lines = [`RRULE:${rruleForCalendar(series, expanded)}`];
    if (excluded.length) lines.push(`EXDATE;TZID=${meeting.time_zone}:${excluded.map((o) => icsLocal(o.recurrence_id)).join(',')}`);
    const start = wallClock(meeting.local_start, meeting.time_zone);
    addEvent({
      ...common,
      start,
      end: start.plus({ minutes: meeting.duration_minutes }),
      repeating: lines.join('\n'),
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
    for (const occurrence of moved) {
      addEvent({
        ...common,
        recurrenceId: wallClock(occurrence.recurrence_id, meeting.time_zone),
        start: zoned(occurrence.starts_at, meeting.time_zone),
        end: zoned(occurrence.ends_at, meeting.time_zone),
        status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
    }
  }
  return withUtcStamps(calendar.toString(), stamps);
}

/**
 * ical-generator writes DTSTAMP in the calendar's zone without "Z" (from the process's clock fields), which RFC 5545
 * forbids (DTSTAMP is UTC, 3.8.7.2): each is rewritten from its event's stamp, in the order the events were added.
 */
function withUtcStamps(text: string, stamps: Date[]): string {
  let index = 0;
  return text.replace(/^DTSTAMP:.*$/gm, (line) => {
    const stamp = stamps[index++];
    return stamp ? `DTSTAMP:${DateTime.fromJSDate(stamp, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")}` : line;
  });
}
