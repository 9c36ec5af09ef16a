// Calendar subscriptions: secret-token iCalendar feeds per person or per cohort (RFC 5545), and per-meeting .ics.
import { z } from 'zod';
import { uuidSchema } from './common';

const timestamp = z.iso.datetime({ offset: true });

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';
/** A person keeps a handful of subscriptions (phone, laptop, a shared calendar). */
export const MAX_ACTIVE_FEEDS = 20;

const CALENDAR_FEED_KINDS = ['user', 'cohort'] as const;
export const calendarFeedKindSchema = z.enum(CALENDAR_FEED_KINDS);
export type CalendarFeedKind = z.infer<typeof calendarFeedKindSchema>;

/**
 * A subscription. `user`: every meeting the owner is invited to; `cohort`: the cohort's meetings. Either shows only
 * what its owner may see when the calendar app asks (join links only where the owner is invited or coordinates).
 */
export const calendarFeedSchema = z.object({
  id: uuidSchema,
  kind: calendarFeedKindSchema,
  cohort: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  createdAt: timestamp,
  revokedAt: timestamp.nullable(),
});
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;

export const createCalendarFeedSchema = z
  .object({ kind: calendarFeedKindSchema, cohortId: uuidSchema.nullable().default(null) })
  .strict()
  .refine((input) => (input.kind === 'cohort') === (input.cohortId !== null), {
    message: 'A cohort feed needs cohortId; a personal feed takes none',
    path: ['cohortId'],
  });
export type CreateCalendarFeed = z.input<typeof createCalendarFeedSchema>;

/** Returned once on creation: the secret URL is not stored (only a hash of its token) and cannot be shown again. */
export const createdCalendarFeedSchema = calendarFeedSchema.extend({
  /** https://…/api/calendars/feeds/<token>.ics */
  url: z.string(),
  /** The same URL with the webcal: scheme, which calendar apps open as a subscription. */
  webcalUrl: z.string(),
});
export type CreatedCalendarFeed = z.infer<typeof createdCalendarFeedSchema>;

export const calendarFeedListSchema = z.array(calendarFeedSchema);
