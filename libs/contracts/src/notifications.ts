// A person's notifications (mentions, replies, suggestions and their outcomes; meetings one is invited to, changed or
// cancelled, reminders and published minutes), their preferences, and live events on /events.
import { z } from 'zod';
import { pageQuerySchema, uuidSchema } from './common';
import { personRefSchema } from './comments';

export const NOTIFICATION_KINDS = [
  'mention',
  'reply',
  'suggestion',
  'suggestion_accepted',
  'suggestion_rejected',
  'minutes_published',
  'meeting_reminder',
  'meeting_invited',
  'meeting_changed',
  'meeting_cancelled',
] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const notificationSchema = z.object({
  id: uuidSchema,
  kind: notificationKindSchema,
  draft: z.object({ id: uuidSchema, title: z.string() }).nullable(),
  thread: z.object({ id: uuidSchema, quote: z.string() }).nullable(),
  /** For meeting kinds: the occurrence (the room is /occurrences/:id/room, the minutes /occurrences/:id/minutes). */
  meeting: z
    .object({ occurrenceId: uuidSchema, meetingId: uuidSchema, title: z.string(), startsAt: z.iso.datetime({ offset: true }) })
    .nullable(),
  /** The comment that mentioned or replied, when there is one (null once deleted). */
  commentId: uuidSchema.nullable(),
  actor: personRefSchema,
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationQuerySchema = pageQuerySchema.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** Newest first (keyset on created_at, id), with the unread count of all of them. */
export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;

/** Mark some notifications read (`ids`), or all of them (`all: true`); exactly one of the two. */
export const markNotificationsReadSchema = z
  .object({ ids: z.array(uuidSchema).min(1).max(200).optional(), all: z.literal(true).optional() })
  .strict()
  .refine((input) => (input.ids === undefined) !== (input.all === undefined), { message: 'Give either ids or all', path: ['ids'] });
export type MarkNotificationsRead = z.infer<typeof markNotificationsReadSchema>;

export const unreadCountSchema = z.object({ unreadCount: z.number().int() });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

export const EMAIL_DELIVERIES = ['off', 'immediate', 'daily_digest'] as const;
export const emailDeliverySchema = z.enum(EMAIL_DELIVERIES);
export type EmailDelivery = z.infer<typeof emailDeliverySchema>;

export const kindPreferenceSchema = z.object({ inApp: z.boolean(), email: emailDeliverySchema }).strict();
export type KindPreference = z.infer<typeof kindPreferenceSchema>;

/** One entry per kind; email is only sent when the server has SMTP configured (`emailAvailable`). */
export const notificationPreferencesSchema = z.object({
  preferences: z.object(
    Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, kindPreferenceSchema])) as Record<
      NotificationKind,
      typeof kindPreferenceSchema
    >,
  ),
  emailAvailable: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** PUT: any subset of kinds; kinds left out keep their setting. */
export const updateNotificationPreferencesSchema = z
  .object({
    preferences: z
      .object(
        Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, kindPreferenceSchema.optional()])) as Record<
          NotificationKind,
          z.ZodOptional<typeof kindPreferenceSchema>
        >,
      )
      .strict(),
  })
  .strict();
export type UpdateNotificationPreferences = z.infer<typeof updateNotificationPreferencesSchema>;

export const DEFAULT_NOTIFICATION_PREFERENCE: Record<NotificationKind, KindPreference> = {
  mention: { inApp: true, email: 'immediate' },
  reply: { inApp: true, email: 'daily_digest' },
  suggestion: { inApp: true, email: 'daily_digest' },
  suggestion_accepted: { inApp: true, email: 'daily_digest' },
  suggestion_rejected: { inApp: true, email: 'daily_digest' },
  minutes_published: { inApp: true, email: 'immediate' },
  meeting_reminder: { inApp: true, email: 'immediate' },
  meeting_invited: { inApp: true, email: 'immediate' },
  meeting_changed: { inApp: true, email: 'immediate' },
  meeting_cancelled: { inApp: true, email: 'immediate' },
};

export const NOTIFICATION_EVENTS = {
  /** /events, server -> the person's `user:<id>` room: (NotificationEvent) */
  notification: 'notification',
  /** /events: ({ unreadCount }) after notifications were read in another tab */
  read: 'notifications-read',
} as const;

export const notificationEventSchema = z.object({ notification: notificationSchema, unreadCount: z.number().int() });
export type NotificationEvent = z.infer<typeof notificationEventSchema>;
