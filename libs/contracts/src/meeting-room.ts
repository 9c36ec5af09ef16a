// The live meeting room of one meeting occurrence: its socket.io protocol on /meetings (presence, current agenda
// item, raised hands, live polls) and its REST resources after the meeting (attendance, polls, minutes, action items).
import { z } from 'zod';
import { isoDateSchema, storedIsoDateSchema, uuidSchema } from './common';
import type { ErrorCode } from './errors';
import { REALTIME_ERROR_CODES } from './realtime';
import { personRefSchema } from './comments';
import { roleSchema } from './roles';

const timestamp = z.iso.datetime({ offset: true });

export const MEETING_ROOM_NAMESPACE = '/meetings';

/** The collaborative notes of an occurrence on /collab (edit for those who may attend, view for other members). */
export function meetingNotesDocName(occurrenceId: string): string {
  return `meeting-notes:${occurrenceId}`;
}

/**
 * Events on /meetings. Every client -> server event takes one object argument and an acknowledgement callback,
 * answered with `RoomAck` (`{ ok: true, ... }` or `{ ok: false, error }`); without a callback the error comes as a
 * `room-error` event instead. Every server -> client event carries the occurrence id, so one socket can hold several rooms.
 */
export const MEETING_ROOM_EVENTS = {
  /** client -> server: ({ occurrenceId }, ack(JoinRoomResult)). Works before the start too (the room is then a lobby). */
  join: 'join',
  /** client -> server: ({ occurrenceId }, ack?) */
  leave: 'leave',
  /** client -> server, host only: ({ occurrenceId, agendaItemId: uuid | null }, ack) */
  setAgendaItem: 'set-agenda-item',
  /** client -> server: ({ occurrenceId }, ack) raises the caller's own hand (again raising keeps the place) */
  raiseHand: 'raise-hand',
  /** client -> server: ({ occurrenceId, userId? }, ack) lowers one's own hand; lowering someone else's is host only */
  lowerHand: 'lower-hand',
  /** client -> server, host only: ({ occurrenceId }, ack({ ok, hand: HandEntry | null })) takes the first hand off the queue */
  nextHand: 'next-hand',
  /** client -> server, host only: ({ occurrenceId, question, kind, options: string[] }, ack({ ok, poll })) */
  openPoll: 'open-poll',
  /** client -> server: ({ occurrenceId, pollId, optionIds: uuid[] }, ack({ ok, poll })); replaces the caller's earlier vote */
  vote: 'vote',
  /** client -> server, host only: ({ occurrenceId, pollId }, ack({ ok, poll })) */
  closePoll: 'close-poll',
  /** client -> server, host only: ({ occurrenceId }, ack({ ok, endsAt })) ends a meeting under way now, for everyone */
  endMeeting: 'end-meeting',

  /** server -> client: (PresenceEvent) everyone present, after anyone arrives or leaves */
  presence: 'presence',
  /** server -> client: (AgendaEvent) the host moved the meeting to another agenda item (or none) */
  agenda: 'agenda',
  /** server -> client: (HandsEvent) the raise-hand queue, first raised first */
  hands: 'hands',
  /** server -> client: (PollEvent) a poll opened, got a vote (live tallies) or closed */
  poll: 'poll',
  /** server -> client: ({ occurrenceId, role }) after the caller's roles changed and they may still attend */
  role: 'room-role',
  /** server -> client: (TimingEvent) the host ended the meeting: its end is now */
  timing: 'room-timing',
  /** server -> client: (RoomError) for an event without an ack, or when the server removed the caller from a room */
  error: 'room-error',
} as const;

const ROOM_ROLES = ['host', 'participant'] as const;
export const roomRoleSchema = z.enum(ROOM_ROLES);
export type RoomRole = z.infer<typeof roomRoleSchema>;

/** The codes of the catalogue (errors.ts) that /meetings sends. */
const ROOM_ERROR_CODES = [
  'unauthenticated',
  /** No such occurrence (or it was deleted). */
  'not_found',
  /** The caller may not attend this meeting (or lost that right: they are removed from the room). */
  'forbidden',
  /** The action is for the host (organiser, hub coordinators, admins). */
  'host_only',
  'meeting_cancelled',
  /** The event needs a joined room. */
  'not_joined',
  /** The payload does not match the event's schema; `errors` lists the fields. */
  'validation_failed',
  'unknown_agenda_item',
  'unknown_poll',
  'unknown_option',
  'poll_closed',
  'too_many_options',
  'not_live',
  'internal_error',
  ...REALTIME_ERROR_CODES,
] as const satisfies readonly ErrorCode[];
export const roomErrorCodeSchema = z.enum(ROOM_ERROR_CODES);
export type RoomErrorCode = z.infer<typeof roomErrorCodeSchema>;

export const roomErrorSchema = z.object({
  code: roomErrorCodeSchema,
  message: z.string(),
  occurrenceId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type RoomError = z.infer<typeof roomErrorSchema>;

export const cityRefSchema = z.object({ id: uuidSchema, name: z.string() });
export type CityRef = z.infer<typeof cityRefSchema>;

/**
 * One person in the room, however many tabs they have open. `city` is the city they are an official of (null for
 * experts, coordinators and admins); `memberRole` is their most specific alliance role.
 */
export const presenceEntrySchema = z.object({
  user: personRefSchema,
  city: cityRefSchema.nullable(),
  memberRole: roleSchema.nullable(),
  role: roomRoleSchema,
  /** When this stay began (a reconnect within the grace period continues it). */
  joinedAt: timestamp,
});
export type PresenceEntry = z.infer<typeof presenceEntrySchema>;

export const roomAgendaItemSchema = z.object({
  id: uuidSchema,
  position: z.number().int(),
  title: z.string(),
  durationMinutes: z.number().int().nullable(),
  presenter: personRefSchema.nullable(),
  draftId: uuidSchema.nullable(),
  draftSection: z.string().nullable(),
});
export type RoomAgendaItem = z.infer<typeof roomAgendaItemSchema>;

export const currentAgendaItemSchema = z.object({
  agendaItemId: uuidSchema,
  setAt: timestamp,
  setBy: personRefSchema,
});
export type CurrentAgendaItem = z.infer<typeof currentAgendaItemSchema>;

export const handEntrySchema = z.object({ user: personRefSchema, city: cityRefSchema.nullable(), raisedAt: timestamp });
export type HandEntry = z.infer<typeof handEntrySchema>;

const POLL_KINDS = ['single', 'multiple'] as const;
export const pollKindSchema = z.enum(POLL_KINDS);
export type PollKind = z.infer<typeof pollKindSchema>;

const POLL_STATUSES = ['open', 'closed'] as const;
export const pollStatusSchema = z.enum(POLL_STATUSES);
export type PollStatus = z.infer<typeof pollStatusSchema>;

export const MAX_POLL_OPTIONS = 12;
export const MAX_POLL_QUESTION = 300;
export const MAX_POLL_OPTION_LABEL = 200;

export const pollOptionSchema = z.object({ id: uuidSchema, position: z.number().int(), label: z.string(), votes: z.number().int() });
export type PollOption = z.infer<typeof pollOptionSchema>;

/** A poll with its live tallies. Votes are counted, never shown per person. */
export const pollSchema = z.object({
  id: uuidSchema,
  occurrenceId: uuidSchema,
  question: z.string(),
  kind: pollKindSchema,
  status: pollStatusSchema,
  options: z.array(pollOptionSchema),
  /** People who voted (a multiple-choice vote of three options is one voter). */
  voterCount: z.number().int(),
  openedBy: personRefSchema,
  openedAt: timestamp,
  closedAt: timestamp.nullable(),
  /** The caller's own choice (empty when they have not voted); only in answers to the caller, never in broadcasts. */
  myOptionIds: z.array(uuidSchema).optional(),
});
export type Poll = z.infer<typeof pollSchema>;

const MEETING_PHASES = ['lobby', 'live', 'ended'] as const;
export const meetingPhaseSchema = z.enum(MEETING_PHASES);
export type MeetingPhase = z.infer<typeof meetingPhaseSchema>;

/** Everything a client needs to draw the room, sent with the join acknowledgement; events then carry each change. */
export const roomStateSchema = z.object({
  occurrenceId: uuidSchema,
  meeting: z.object({ id: uuidSchema, title: z.string(), hubId: uuidSchema, cohortId: uuidSchema.nullable(), timeZone: z.string() }),
  startsAt: timestamp,
  endsAt: timestamp,
  /** Before `startsAt` the room is a lobby (people gather and chat in the notes; presence is recorded all the same). */
  phase: meetingPhaseSchema,
  /** The caller's role in this room. */
  role: roomRoleSchema,
  present: z.array(presenceEntrySchema),
  agenda: z.array(roomAgendaItemSchema),
  currentAgendaItem: currentAgendaItemSchema.nullable(),
  hands: z.array(handEntrySchema),
  /** This occurrence's polls, open and closed, oldest first, with the caller's own choices. */
  polls: z.array(pollSchema),
  /** The collaborative notes on /collab (`meeting-notes:<occurrenceId>`). */
  notesDocName: z.string(),
  /** The draft linked to the meeting, to open beside the room with its own rules. */
  draftId: uuidSchema.nullable(),
});
export type RoomState = z.infer<typeof roomStateSchema>;

export type RoomAck<T extends object = object> = ({ ok: true } & T) | { ok: false; error: RoomError };
export type JoinRoomResult = RoomAck<{ role: RoomRole; state: RoomState }>;

// Client -> server payloads (the server validates each with these; bad input gets `validation_failed`).
/** Ids a client sends, in one spelling: they are keys (a live room, a vote), and an upper-case id is the same id. */
const idSchema = uuidSchema.transform((id) => id.toLowerCase());
export const roomRefSchema = z.object({ occurrenceId: idSchema }).strict();
export const setAgendaItemSchema = z.object({ occurrenceId: idSchema, agendaItemId: idSchema.nullable() }).strict();
export const lowerHandSchema = z.object({ occurrenceId: idSchema, userId: idSchema.optional() }).strict();
export const openPollSchema = z
  .object({
    occurrenceId: idSchema,
    question: z.string().trim().min(1).max(MAX_POLL_QUESTION),
    kind: pollKindSchema,
    options: z.array(z.string().trim().min(1).max(MAX_POLL_OPTION_LABEL)).min(2).max(MAX_POLL_OPTIONS),
  })
  .strict()
  .refine((p) => new Set(p.options.map((o) => o.toLowerCase())).size === p.options.length, {
    message: 'Options must differ',
    path: ['options'],
  });
export type OpenPoll = z.infer<typeof openPollSchema>;
export const voteSchema = z
  .object({ occurrenceId: idSchema, pollId: idSchema, optionIds: z.array(idSchema).min(1).max(MAX_POLL_OPTIONS) })
  .strict()
  .refine((v) => new Set(v.optionIds).size === v.optionIds.length, { message: 'Each option once', path: ['optionIds'] });
export const pollRefSchema = z.object({ occurrenceId: idSchema, pollId: idSchema }).strict();

// Server -> client events.
export const presenceEventSchema = z.object({ occurrenceId: uuidSchema, present: z.array(presenceEntrySchema) });
export type PresenceEvent = z.infer<typeof presenceEventSchema>;
export const agendaEventSchema = z.object({ occurrenceId: uuidSchema, currentAgendaItem: currentAgendaItemSchema.nullable() });
export type AgendaEvent = z.infer<typeof agendaEventSchema>;
export const handsEventSchema = z.object({ occurrenceId: uuidSchema, hands: z.array(handEntrySchema) });
export type HandsEvent = z.infer<typeof handsEventSchema>;
export const pollEventSchema = z.object({ occurrenceId: uuidSchema, poll: pollSchema });
export type PollEvent = z.infer<typeof pollEventSchema>;
export const roleEventSchema = z.object({ occurrenceId: uuidSchema, role: roomRoleSchema });
export type RoleEvent = z.infer<typeof roleEventSchema>;

/** The occurrence's end moved (the host ended it early); the room is over from `endsAt` on. */
export const timingEventSchema = z.object({ occurrenceId: uuidSchema, endsAt: timestamp });
export type TimingEvent = z.infer<typeof timingEventSchema>;
export type EndMeetingAck = RoomAck<{ endsAt: string }>;

// REST, after (and during) the meeting. Paths:
//   GET  /api/occurrences/:id/attendance                      AttendanceReport   (host)
//   GET  /api/occurrences/:id/polls                           Poll[]             (who may attend)
//   GET  /api/occurrences/:id/minutes                         Minutes            (host; published: who may attend)
//   POST /api/occurrences/:id/minutes                         Minutes, 201       (host; drafts them from the notes; 409 once approved)
//   PATCH /api/occurrences/:id/minutes   UpdateMinutes        Minutes            (host; draft only, else 409)
//   POST /api/occurrences/:id/minutes/approve                 Minutes            (host; draft -> approved)
//   POST /api/occurrences/:id/minutes/publish                 Minutes            (host; approved -> published, notifies participants)
//   GET  /api/occurrences/:id/action-items                    ActionItem[]       (who may attend)
//   POST /api/occurrences/:id/action-items  CreateActionItem  ActionItem, 201    (who may attend)
//   PATCH  /api/meeting-action-items/:id  UpdateActionItem            ActionItem         (host or its owner; 409 once sent)
//   DELETE /api/meeting-action-items/:id                              204                (host; 409 once sent)
//   POST /api/meeting-action-items/:id/send-to-plan  SendToPlan       ActionItem         (who may update the city's plan)

export const attendeeSchema = z.object({
  user: personRefSchema,
  city: cityRefSchema.nullable(),
  memberRole: roleSchema.nullable(),
  /** The room role they had (host if they hosted at any time). */
  role: roomRoleSchema,
  firstJoinedAt: timestamp,
  /** Null while they are still in the room. */
  lastLeftAt: timestamp.nullable(),
  /** Whole minutes present, overlapping stays (two devices) counted once. */
  minutesPresent: z.number().int(),
  stays: z.number().int(),
});
export type Attendee = z.infer<typeof attendeeSchema>;

export const attendanceReportSchema = z.object({
  occurrenceId: uuidSchema,
  startsAt: timestamp,
  endsAt: timestamp,
  /** By city name (people without a city last), then name. */
  attendees: z.array(attendeeSchema),
  /** Invitees who never joined. */
  absent: z.array(z.object({ user: personRefSchema, city: cityRefSchema.nullable() })),
});
export type AttendanceReport = z.infer<typeof attendanceReportSchema>;

const MINUTES_STATUSES = ['draft', 'approved', 'published'] as const;
export const minutesStatusSchema = z.enum(MINUTES_STATUSES);
export type MinutesStatus = z.infer<typeof minutesStatusSchema>;

export const MAX_MINUTES_BYTES = 1024 * 1024;

export const minutesSchema = z.object({
  occurrenceId: uuidSchema,
  status: minutesStatusSchema,
  /** The TipTap document (libs/editor schema), as the notes were when drafted and edited since. */
  content: z.record(z.string(), z.unknown()),
  /** Rendered by the server from `content` with libs/editor (safe to insert). */
  html: z.string(),
  text: z.string(),
  createdBy: personRefSchema,
  updatedAt: timestamp,
  approvedBy: personRefSchema.nullable(),
  approvedAt: timestamp.nullable(),
  publishedAt: timestamp.nullable(),
});
export type Minutes = z.infer<typeof minutesSchema>;

/** Editing a minutes draft: the whole new document (TipTap JSON, `{ type: 'doc', content: [...] }`). */
export const updateMinutesSchema = z
  .object({ content: z.looseObject({ type: z.literal('doc'), content: z.array(z.record(z.string(), z.unknown())).max(5000) }) })
  .strict();
export type UpdateMinutes = z.infer<typeof updateMinutesSchema>;

export const actionItemSchema = z.object({
  id: uuidSchema,
  occurrenceId: uuidSchema,
  title: z.string(),
  owner: personRefSchema.nullable(),
  dueOn: storedIsoDateSchema.nullable(),
  city: cityRefSchema.nullable(),
  /** Set once sent to the city's action plan. */
  actionPlanId: uuidSchema.nullable(),
  milestoneId: uuidSchema.nullable(),
  sentAt: timestamp.nullable(),
  createdBy: personRefSchema,
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ActionItem = z.infer<typeof actionItemSchema>;

const actionItemFields = z.object({
  title: z.string().trim().min(1).max(300),
  ownerId: uuidSchema.nullable(),
  dueOn: isoDateSchema.nullable(),
  cityId: uuidSchema.nullable(),
});
export const createActionItemSchema = actionItemFields
  .extend({
    ownerId: actionItemFields.shape.ownerId.default(null),
    dueOn: actionItemFields.shape.dueOn.default(null),
    cityId: actionItemFields.shape.cityId.default(null),
  })
  .strict();
export type CreateActionItem = z.input<typeof createActionItemSchema>;
export const updateActionItemSchema = actionItemFields.partial().strict();
export type UpdateActionItem = z.infer<typeof updateActionItemSchema>;

/**
 * Sending needs a city and a due date on the item (400 otherwise). The plan is `actionPlanId` when given (it must be
 * the city's), else the city's plan for the cohort's model policy, else the city's only plan; none is a 409.
 */
export const sendToPlanSchema = z.object({ actionPlanId: uuidSchema.optional() }).strict();
export type SendToPlan = z.infer<typeof sendToPlanSchema>;
