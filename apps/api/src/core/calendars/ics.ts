// Meetings as RFC 5545 iCalendar: one VEVENT per meeting (UID <meetingId>@minga) in the organiser's TZID, a series
// as RRULE + EXDATE (cancelled occurrences) + RECURRENCE-ID overrides (moved occurrences), SEQUENCE from the
// meeting's, STATUS:CANCELLED when cancelled, ORGANIZER (email only where the viewer may contact the organiser), and the
// join link (URL, LOCATION, CONFERENCE) only where the viewer may attend.
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
  /** The organiser's email where the viewer may contact them, else null (the organiser is then named only). */
  organiserEmail: (meeting: CalendarMeeting) => string | null;
  /** For subscriptions: how often calendar apps should fetch the feed again, in seconds. */
  refreshSeconds?: number;
}

/** What calendar apps show on their "join" button (RFC 7986 CONFERENCE LABEL). */
const CONFERENCE_LABEL = 'Join online';

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
    // REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL, which most calendar apps read instead.
    ttl: options.refreshSeconds ?? null,
  });
  const written: WrittenEvent[] = [];
  const addEvent = (event: ICalEventData & { stamp: Date }, extraLines: string[]) => {
    written.push({ stamp: event.stamp, extraLines });
    calendar.createEvent(event);
  };

  for (const meeting of meetings) {
    const [first] = meeting.occurrences;
    if (!first) continue;
    const link = options.mayAttend(meeting) ? meeting.online_url : null;
    const email = options.organiserEmail(meeting);
    // ical-generator writes neither an ORGANIZER without an email nor CONFERENCE: those lines are added after it.
    const extraLines = [
      ...(email ? [] : [`ORGANIZER;CN=${paramValue(meeting.organiser_name)}:urn:uuid:${meeting.organiser_id}`]),
      ...(link ? [`CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=${paramValue(CONFERENCE_LABEL)}:${link}`] : []),
    ];
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
      organizer: email ? { name: meeting.organiser_name, email } : null,
    };

    if (!meeting.rrule) {
      const only = first;
      addEvent(
        {
          ...common,
          start: zoned(only.starts_at, meeting.time_zone),
          end: zoned(only.ends_at, meeting.time_zone),
          status: cancelled || only.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        },
        extraLines,
      );
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
    addEvent(
      {
        ...common,
        start,
        end: start.plus({ minutes: meeting.duration_minutes }),
        repeating: lines.join('\n'),
        status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      },
      extraLines,
    );
    for (const occurrence of moved) {
      addEvent(
        {
          ...common,
          recurrenceId: wallClock(occurrence.recurrence_id, meeting.time_zone),
          start: zoned(occurrence.starts_at, meeting.time_zone),
          end: zoned(occurrence.ends_at, meeting.time_zone),
          status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        },
        extraLines,
      );
    }
  }
  return withExtraLines(withUtcStamps(calendar.toString(), written), written);
}

interface WrittenEvent {
  stamp: Date;
  /** Whole, unfolded content lines to add to the event. */
  extraLines: string[];
}

/**
 * ical-generator writes DTSTAMP in the calendar's zone without "Z" (from the process's clock fields), which RFC 5545
 * forbids (DTSTAMP is UTC, 3.8.7.2): each is rewritten from its event's stamp, in the order the events were added.
 */
function withUtcStamps(text: string, events: WrittenEvent[]): string {
  let index = 0;
  return text.replace(/^DTSTAMP:.*$/gm, (line) => {
    const stamp = events[index++]?.stamp;
    return stamp ? `DTSTAMP:${DateTime.fromJSDate(stamp, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")}` : line;
  });
}

/** Adds each event's extra lines, folded, before its END:VEVENT, in the order the events were added. */
function withExtraLines(text: string, events: WrittenEvent[]): string {
  let index = 0;
  return text.replace(/^END:VEVENT$/gm, (end) => {
    const lines = events[index++]?.extraLines ?? [];
    return [...lines.map(folded), end].join('\r\n');
  });
}

/** A parameter value (RFC 5545 3.2, with RFC 6868 caret escapes), quoted since names hold ":" ";" "," at times. */
function paramValue(text: string): string {
  return `"${text.replace(/\^/g, '^^').replace(/\r?\n/g, '^n').replace(/"/g, "^'")}"`;
}

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
function folded(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length ? 74 : 75;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
