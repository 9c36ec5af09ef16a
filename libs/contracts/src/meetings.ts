// Meetings of a hub or a cohort: single meetings and recurring series, their occurrences, agendas and RSVPs,
// and the fair slot finder. Times: a meeting is defined in its organiser's wall-clock time (time zone + local
// start); each occurrence is an instant (startsAt/endsAt, ISO 8601 with offset) that clients show in the viewer's zone.
import { normalizeRrule, rruleProblem, rruleUntilProblems } from '@minga/scheduling';
import { z } from 'zod';
import { isoDateSchema, isoDateTimeSchema, isYearInRange, pageQuerySchema, timeZoneSchema, uuidSchema, YEAR_RANGE_MESSAGE } from './common';
import { personRefSchema } from './comments';
import { minutesStatusSchema } from './meeting-room';
import { roleSchema } from './roles';

const timestamp = z.iso.datetime({ offset: true });

/** A series expands to at most this many occurrences, all within MAX_SERIES_YEARS of its first one. */
export const MAX_OCCURRENCES = 100;
export const MAX_SERIES_YEARS = 2;
const MIN_DURATION_MINUTES = 5;
const MAX_DURATION_MINUTES = 12 * 60;
const MAX_AGENDA_ITEMS = 30;
const MAX_INVITEES = 1000;
const MAX_CAPACITY = 10_000;
/** A date range asked of an occurrence list spans at most this many days. */
const MAX_RANGE_DAYS = 400;

const MEETING_STATUSES = ['scheduled', 'cancelled'] as const;
export const meetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

export const RSVP_RESPONSES = ['yes', 'no', 'maybe'] as const;
export const rsvpResponseSchema = z.enum(RSVP_RESPONSES);
export type RsvpResponse = z.infer<typeof rsvpResponseSchema>;

/** A wall-clock date-time without offset, `YYYY-MM-DDTHH:mm` (seconds allowed, always :00 in answers). */
const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:00)?$/, 'Local date-time as YYYY-MM-DDTHH:mm')
  .refine(isRealDate, { message: 'No such calendar date' });
/** A wall-clock time someone gives: also in years 1000-9999 (answers show what is stored). */
const localDateTimeInputSchema = localDateTimeSchema.refine(isYearInRange, { message: YEAR_RANGE_MESSAGE });

function isRealDate(value: string): boolean {
  // Zod runs this refinement even when the pattern failed, so the value may have fewer than three parts ("2027-02").
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * An RFC 5545 RRULE without DTSTART (`FREQ=MONTHLY;BYDAY=2TU;COUNT=12`), of the subset @minga/scheduling expands.
 * It must end (COUNT or UNTIL); COUNT is bounded here, UNTIL against the start in the meeting's schema, and the
 * exact expansion on the server.
 */
const rruleSchema = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .superRefine((rule, ctx) => {
    const problem = rruleProblem(rule, { maxOccurrences: MAX_OCCURRENCES });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  // Stored and sent to calendars in one form: upper case, no "RRULE:" prefix.
  .transform(normalizeRrule);

const durationSchema = z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES);
const titleSchema = z.string().trim().min(1).max(200);
/** Join links are followed by every invitee: https only. */
const onlineUrlSchema = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'Must be an https:// URL' }).max(2000);

export const agendaItemInputSchema = z
  .object({
    title: titleSchema,
    durationMinutes: z.number().int().min(1).max(MAX_DURATION_MINUTES),
    presenterId: uuidSchema.nullable().default(null),
    draftId: uuidSchema.nullable().default(null),
    /** A heading of the linked draft (its text), so the room can open the draft at that section. */
    draftSection: z.string().trim().min(1).max(300).nullable().default(null),
  })
  .strict()
  .refine((item) => item.draftSection === null || item.draftId !== null, { message: 'A section needs its draft', path: ['draftSection'] });
export type AgendaItemInput = z.input<typeof agendaItemInputSchema>;

export const agendaItemSchema = z.object({
  id: uuidSchema,
  position: z.number().int(),
  title: z.string(),
  durationMinutes: z.number().int(),
  presenter: personRefSchema.nullable(),
  draft: z.object({ id: uuidSchema, title: z.string() }).nullable(),
  draftSection: z.string().nullable(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

/** PUT /api/occurrences/:id/agenda (one occurrence) — the series template is `agenda` on the meeting. */
export const replaceAgendaSchema = z.object({ items: z.array(agendaItemInputSchema).max(MAX_AGENDA_ITEMS) }).strict();
export type ReplaceAgenda = z.input<typeof replaceAgendaSchema>;

const meetingFieldsSchema = z.object({
  title: titleSchema,
  description: z.string().trim().max(10_000),
  /** The organiser's IANA time zone: the series keeps its wall-clock time there across DST. */
  timeZone: timeZoneSchema,
  /** First occurrence, wall-clock in `timeZone`. Give this or `startsAt`. */
  localStart: localDateTimeInputSchema,
  /** First occurrence as an instant (ISO 8601 with offset); converted to wall-clock in `timeZone`. */
  startsAt: isoDateTimeSchema,
  /** Give this or `localEnd` (wall-clock end of the first occurrence, same day or later). */
  durationMinutes: durationSchema,
  localEnd: localDateTimeInputSchema,
  rrule: rruleSchema.nullable(),
  onlineUrl: onlineUrlSchema.nullable(),
  place: z.string().trim().min(1).max(300).nullable(),
  /** Number of `yes` answers per occurrence; further `yes` answers join a waiting list. Null: no limit. */
  capacity: z.number().int().min(1).max(MAX_CAPACITY).nullable(),
  draftId: uuidSchema.nullable(),
  /** Replaces the default invitees (the cohort's members, or the hub's members for a hub meeting). */
  inviteeIds: z.array(uuidSchema).max(MAX_INVITEES),
  /** The template agenda every occurrence starts from. */
  agenda: z.array(agendaItemInputSchema).max(MAX_AGENDA_ITEMS),
});

type TimingInput = { localStart?: string; startsAt?: string; durationMinutes?: number; localEnd?: string; rrule?: string | null };

/** Cross-field checks: one start, one end, end after start, bounded duration, UNTIL after start and within range. */
function timingIsValid(input: TimingInput, ctx: z.RefinementCtx, partial: boolean): void {
  if (input.localStart !== undefined && input.startsAt !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'Give localStart or startsAt, not both', path: ['startsAt'] });
  } else if (!partial && input.localStart === undefined && input.startsAt === undefined) {
    ctx.addIssue({ code: 'custom', message: 'Give localStart (with timeZone) or startsAt', path: ['localStart'] });
  }
  if (input.durationMinutes !== undefined && input.localEnd !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'Give durationMinutes or localEnd, not both', path: ['localEnd'] });
  } else if (!partial && input.durationMinutes === undefined && input.localEnd === undefined) {
    ctx.addIssue({ code: 'custom', message: 'Give durationMinutes or localEnd', path: ['durationMinutes'] });
  }
  if (input.localEnd !== undefined) {
    const startWall = input.localStart ?? null;
    if (startWall && localMinutesBetween(startWall, input.localEnd) !== null) {
      const minutes = localMinutesBetween(startWall, input.localEnd) ?? 0;
      if (minutes <= 0) ctx.addIssue({ code: 'custom', message: 'End must be after start', path: ['localEnd'] });
      else if (minutes < MIN_DURATION_MINUTES || minutes > MAX_DURATION_MINUTES) {
        ctx.addIssue({
          code: 'custom',
          message: `A meeting lasts ${MIN_DURATION_MINUTES} minutes to ${MAX_DURATION_MINUTES / 60} hours`,
          path: ['localEnd'],
        });
      }
    }
  }
  const startDay = (input.localStart ?? input.startsAt)?.slice(0, 10);
  if (input.rrule && startDay) {
    for (const message of rruleUntilProblems(input.rrule, startDay, { maxYears: MAX_SERIES_YEARS })) {
      ctx.addIssue({ code: 'custom', message, path: ['rrule'] });
    }
  }
}

/** Minutes from one wall-clock time to another, ignoring zones (both are in the organiser's zone). */
export function localMinutesBetween(from: string, to: string): number | null {
  const a = Date.parse(`${from.slice(0, 16)}:00Z`);
  const b = Date.parse(`${to.slice(0, 16)}:00Z`);
  return Number.isNaN(a) || Number.isNaN(b) ? null : Math.round((b - a) / 60_000);
}

/** POST /api/cohorts/:id/meetings or /api/hubs/:hubId/meetings. */
export const createMeetingSchema = meetingFieldsSchema
  .partial({ localStart: true, startsAt: true, durationMinutes: true, localEnd: true, inviteeIds: true })
  .extend({
    description: meetingFieldsSchema.shape.description.default(''),
    rrule: meetingFieldsSchema.shape.rrule.default(null),
    onlineUrl: meetingFieldsSchema.shape.onlineUrl.default(null),
    place: meetingFieldsSchema.shape.place.default(null),
    capacity: meetingFieldsSchema.shape.capacity.default(null),
    draftId: meetingFieldsSchema.shape.draftId.default(null),
    agenda: meetingFieldsSchema.shape.agenda.default([]),
  })
  .strict()
  .superRefine((input, ctx) => timingIsValid(input, ctx, false));
export type CreateMeeting = z.input<typeof createMeetingSchema>;

/**
 * PATCH /api/meetings/:id: any subset. Changing the time, zone or rule re-expands the series: occurrences whose
 * recurrence id survives keep their id (and RSVPs, agenda, notes); moved and cancelled ones stay as they are.
 * `status: 'cancelled'` cancels the meeting (every occurrence); the sequence is bumped on every change.
 */
export const updateMeetingSchema = meetingFieldsSchema
  .partial()
  .extend({ status: meetingStatusSchema.optional() })
  .strict()
  .superRefine((input, ctx) => timingIsValid(input, ctx, true));
export type UpdateMeeting = z.infer<typeof updateMeetingSchema>;

export const meetingSchema = z.object({
  id: uuidSchema,
  hubId: uuidSchema,
  hubName: z.string(),
  cohort: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  title: z.string(),
  description: z.string(),
  organiser: personRefSchema,
  timeZone: z.string(),
  localStart: localDateTimeSchema,
  durationMinutes: z.number().int(),
  rrule: z.string().nullable(),
  /** Only for invitees, coordinators of the hub and admins; null for everyone else. */
  onlineUrl: z.string().nullable(),
  place: z.string().nullable(),
  capacity: z.number().int().nullable(),
  draft: z.object({ id: uuidSchema, title: z.string() }).nullable(),
  sequence: z.number().int(),
  status: meetingStatusSchema,
  agenda: z.array(agendaItemSchema),
  invited: z.boolean(),
  /** The caller may edit, move and cancel it (coordinators of the hub, admins). */
  canManage: z.boolean(),
  inviteeCount: z.number().int(),
  occurrenceCount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Meeting = z.infer<typeof meetingSchema>;

export const rsvpCountsSchema = z.object({
  yes: z.number().int(),
  no: z.number().int(),
  maybe: z.number().int(),
  waitlisted: z.number().int(),
});
export type RsvpCounts = z.infer<typeof rsvpCountsSchema>;

/** The caller's answer: a `yes` past capacity waits at `waitlistPosition` (1 = next to get a place). */
export const myRsvpSchema = z.object({
  response: rsvpResponseSchema,
  waitlistPosition: z.number().int().nullable(),
  respondedAt: timestamp,
});
export type MyRsvp = z.infer<typeof myRsvpSchema>;

/** GET /api/occurrences/:id/rsvp: the caller's answer, null before they answer. */
export const myRsvpEnvelopeSchema = z.object({ rsvp: myRsvpSchema.nullable() });
export type MyRsvpEnvelope = z.infer<typeof myRsvpEnvelopeSchema>;

export const occurrenceSchema = z.object({
  id: uuidSchema,
  meetingId: uuidSchema,
  title: z.string(),
  hubId: uuidSchema,
  cohort: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  organiser: personRefSchema,
  /** The organiser's zone, in which `localStart` and `recurrenceId` are wall-clock times. */
  timeZone: z.string(),
  localStart: localDateTimeSchema,
  /** The occurrence's original wall-clock start (RFC 5545 RECURRENCE-ID); differs from localStart once moved. */
  recurrenceId: localDateTimeSchema,
  startsAt: timestamp,
  endsAt: timestamp,
  /** Cancelled when the occurrence or its whole meeting is cancelled. */
  status: meetingStatusSchema,
  overridden: z.boolean(),
  sequence: z.number().int(),
  onlineUrl: z.string().nullable(),
  place: z.string().nullable(),
  capacity: z.number().int().nullable(),
  invited: z.boolean(),
  canManage: z.boolean(),
  rsvpCounts: rsvpCountsSchema,
  myRsvp: myRsvpSchema.nullable(),
});
export type Occurrence = z.infer<typeof occurrenceSchema>;

/** GET /api/occurrences/:id: one occurrence with its agenda and the cities whose local time the page shows. */
export const occurrenceDetailSchema = occurrenceSchema.extend({
  agenda: z.array(agendaItemSchema),
  /** The host gave this occurrence an agenda of its own: changes to the series' agenda do not reach it. */
  ownAgenda: z.boolean(),
  draft: z.object({ id: uuidSchema, title: z.string() }).nullable(),
  cities: z.array(z.object({ id: uuidSchema, name: z.string(), timeZone: z.string(), locale: z.string() })),
  /** The minutes' stage as this viewer may know it: null while there are none (for all but hosts: none published). */
  minutes: minutesStatusSchema.nullable(),
});
export type OccurrenceDetail = z.infer<typeof occurrenceDetailSchema>;

/**
 * Occurrences starting in [from, to) by start, in pages (keyset on startsAt, id). Defaults: from now, 90 days.
 * Used by /api/cohorts/:id/occurrences, /api/hubs/:hubId/occurrences, /api/meetings/:id/occurrences, /api/me/meetings.
 */
export const occurrenceQuerySchema = pageQuerySchema
  .extend({
    from: isoDateTimeSchema.optional(),
    to: isoDateTimeSchema.optional(),
    /** Include cancelled occurrences (shown struck through); default true. */
    includeCancelled: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to) {
      const span = Date.parse(q.to) - Date.parse(q.from);
      if (span <= 0) ctx.addIssue({ code: 'custom', message: '`to` must be after `from`', path: ['to'] });
      else if (span > MAX_RANGE_DAYS * 86_400_000)
        ctx.addIssue({ code: 'custom', message: `At most ${MAX_RANGE_DAYS} days`, path: ['to'] });
    }
  });
export type OccurrenceQuery = z.input<typeof occurrenceQuerySchema>;

export const occurrencePageSchema = z.object({ items: z.array(occurrenceSchema), nextCursor: z.string().nullable() });
export type OccurrencePage = z.infer<typeof occurrencePageSchema>;

/** PATCH /api/occurrences/:id: move one occurrence (both instants), or cancel/restore it. */
export const updateOccurrenceSchema = z
  .object({ startsAt: isoDateTimeSchema, endsAt: isoDateTimeSchema, status: meetingStatusSchema })
  .partial()
  .strict()
  .superRefine((input, ctx) => {
    if ((input.startsAt === undefined) !== (input.endsAt === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Give both startsAt and endsAt to move an occurrence',
        path: [input.startsAt ? 'endsAt' : 'startsAt'],
      });
      return;
    }
    if (input.startsAt && input.endsAt) {
      const minutes = (Date.parse(input.endsAt) - Date.parse(input.startsAt)) / 60_000;
      if (minutes <= 0) ctx.addIssue({ code: 'custom', message: 'End must be after start', path: ['endsAt'] });
      else if (minutes < MIN_DURATION_MINUTES || minutes > MAX_DURATION_MINUTES) {
        ctx.addIssue({
          code: 'custom',
          message: `A meeting lasts ${MIN_DURATION_MINUTES} minutes to ${MAX_DURATION_MINUTES / 60} hours`,
          path: ['endsAt'],
        });
      }
    }
  });
export type UpdateOccurrence = z.infer<typeof updateOccurrenceSchema>;

/** PUT /api/occurrences/:id/rsvp: only invitees answer. */
export const rsvpInputSchema = z.object({ response: rsvpResponseSchema }).strict();
export type RsvpInput = z.infer<typeof rsvpInputSchema>;

/** The answer to an RSVP: the caller's answer (a `yes` past capacity is waitlisted) and the new counts. */
export const rsvpResultSchema = z.object({ rsvp: myRsvpSchema, rsvpCounts: rsvpCountsSchema });
export type RsvpResult = z.infer<typeof rsvpResultSchema>;

/** GET /api/occurrences/:id/rsvps: who answered what (invitees, coordinators, admins). */
export const rsvpListSchema = z.array(
  z.object({
    person: personRefSchema,
    response: rsvpResponseSchema,
    waitlistPosition: z.number().int().nullable(),
    respondedAt: timestamp,
  }),
);
export type RsvpList = z.infer<typeof rsvpListSchema>;

/** GET /api/meetings/:id/invitees: which occurrence the answers are read from (by default the next upcoming one). */
export const inviteeQuerySchema = z.object({ occurrenceId: uuidSchema.optional() }).strict();

/**
 * A meeting's invitees (for those who may attend it) with their answer to one occurrence: `occurrenceId` is that
 * occurrence (null when the meeting has none to come and none was asked for), `response` null before they answer.
 * `role` is the person's role as it concerns the meeting (an official's city, else coordinator, expert, ...).
 */
export const inviteeListSchema = z.object({
  occurrenceId: uuidSchema.nullable(),
  invitees: z.array(
    z.object({
      person: personRefSchema,
      role: roleSchema.nullable(),
      city: z.object({ id: uuidSchema, name: z.string() }).nullable(),
      response: rsvpResponseSchema.nullable(),
      waitlistPosition: z.number().int().nullable(),
    }),
  ),
});
export type InviteeList = z.infer<typeof inviteeListSchema>;

/** GET /api/cohorts/:id/slots: the fair slot finder. */
export const slotQuerySchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    durationMinutes: z.coerce.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES),
    stepMinutes: z.coerce
      .number()
      .int()
      .refine((s) => [15, 30, 60].includes(s), 'Step is 15, 30 or 60 minutes')
      .default(30),
    limit: z.coerce.number().int().min(1).max(20).default(5),
    /** For a series of this many meetings, also propose a rotation that spreads the inconvenient hours. */
    seriesLength: z.coerce.number().int().min(2).max(24).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: 'custom', message: 'End must not be before start', path: ['to'] });
    else if (Date.parse(q.to) - Date.parse(q.from) > 31 * 86_400_000)
      ctx.addIssue({ code: 'custom', message: 'At most 31 days', path: ['to'] });
  });
export type SlotQuery = z.input<typeof slotQuerySchema>;

/** One participant outside their hours for a slot: how far, and whether it is their weekend. */
const slotInconvenienceSchema = z.object({
  person: personRefSchema,
  cityName: z.string().nullable(),
  timeZone: z.string(),
  localStart: localDateTimeSchema,
  localEnd: localDateTimeSchema,
  minutesOutside: z.number().int(),
  weekend: z.boolean(),
});

export const slotSchema = z.object({
  startsAt: timestamp,
  endsAt: timestamp,
  /** Lower is better: minutes outside working hours summed over people, weekends weighing more. */
  score: z.number(),
  insideCount: z.number().int(),
  outside: z.array(slotInconvenienceSchema),
  /** Local time in each participating zone (one row per zone, with its cities). */
  local: z.array(
    z.object({ timeZone: z.string(), places: z.array(z.string()), localStart: localDateTimeSchema, localEnd: localDateTimeSchema }),
  ),
});
export type Slot = z.infer<typeof slotSchema>;

export const slotResultSchema = z.object({
  participantCount: z.number().int(),
  slots: z.array(slotSchema),
  /** For a series: one slot per meeting, in order, so that the inconvenient hours rotate across zones. */
  rotation: z.array(slotSchema).nullable(),
  /** For the rotation: how many of its meetings fall outside hours for each zone. */
  burdenByZone: z.array(z.object({ timeZone: z.string(), places: z.array(z.string()), meetingsOutsideHours: z.number().int() })).nullable(),
});
export type SlotResult = z.infer<typeof slotResultSchema>;

/**
 * What the meeting room learns about an occurrence from `MeetingsService.occurrenceContext(id)`:
 * who may attend (invitees + hub coordinators + admins, decided by the policy's `attend` on Meeting) and who hosts
 * (organiser, hub coordinators, admins: `host`). Server-side only; not a route.
 */
export const occurrenceContextSchema = z.object({
  occurrence: z.object({
    id: uuidSchema,
    startsAt: timestamp,
    endsAt: timestamp,
    status: meetingStatusSchema,
    localStart: localDateTimeSchema,
  }),
  meeting: z.object({
    id: uuidSchema,
    title: z.string(),
    timeZone: z.string(),
    organiserId: uuidSchema,
    status: meetingStatusSchema,
    onlineUrl: z.string().nullable(),
  }),
  hub: z.object({ id: uuidSchema, name: z.string() }),
  cohort: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  draft: z.object({ id: uuidSchema, title: z.string(), cityId: uuidSchema }).nullable(),
  agenda: z.array(agendaItemSchema),
  inviteeIds: z.array(uuidSchema),
});
export type OccurrenceContext = z.infer<typeof occurrenceContextSchema>;
