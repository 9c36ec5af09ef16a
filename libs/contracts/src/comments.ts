// Comment threads and suggested changes on a draft, anchored to its live text; and their live events on /collab.
import { z } from 'zod';
import { pageQuerySchema, uuidSchema } from './common';

export const MAX_COMMENT_BODY = 10_000;
export const MAX_QUOTE = 2_000;
export const MAX_REPLACEMENT = 2_000;
/** An encoded Yjs relative position is a few dozen bytes; this bounds what the server bothers to decode. */
const MAX_POSITION_BASE64 = 512;

const isoDate = z.iso.datetime({ offset: true });

/** base64 of `Y.encodeRelativePosition(...)`, a position in the draft's Yjs document (`default` XmlFragment). */
const relativePositionSchema = z.base64().min(1).max(MAX_POSITION_BASE64);

/**
 * A range of the draft's text as two Yjs relative positions, so it follows concurrent edits. Make `start` with
 * assoc >= 0 (sticks to the first covered character) and `end` with assoc < 0 (sticks to the last one), e.g. with
 * y-prosemirror's `absolutePositionToRelativePosition` or `Y.createRelativePositionFromTypeIndex(text, i, assoc)`.
 */
export const anchorSchema = z.object({ start: relativePositionSchema, end: relativePositionSchema }).strict();
export type Anchor = z.infer<typeof anchorSchema>;

export const personRefSchema = z.object({ id: uuidSchema, name: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;

const THREAD_KINDS = ['comment', 'suggestion'] as const;
export const threadKindSchema = z.enum(THREAD_KINDS);
export type ThreadKind = z.infer<typeof threadKindSchema>;

const THREAD_STATUSES = ['open', 'resolved'] as const;
export const threadStatusSchema = z.enum(THREAD_STATUSES);
export type ThreadStatus = z.infer<typeof threadStatusSchema>;

const SUGGESTION_STATES = ['pending', 'accepted', 'rejected'] as const;
export const suggestionStateSchema = z.enum(SUGGESTION_STATES);
export type SuggestionState = z.infer<typeof suggestionStateSchema>;

/**
 * Mentions are written in the body as `@[Name](userId)`; the server reads them from there (and checks that each
 * person may see the draft), so the text and the list can never disagree.
 */
export const MENTION_PATTERN = /@\[([^\]\n]{1,120})\]\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/gi;

export function mentionedIds(body: string): string[] {
  const ids = new Set<string>();
  // The id group is not optional: every match has one.
  for (const [, , id] of body.matchAll(MENTION_PATTERN)) if (id !== undefined) ids.add(id.toLowerCase());
  return [...ids];
}

/** Plain text with a safe subset of Markdown (emphasis, lists, code, http/https/mailto links); never HTML. */
const commentBodySchema = z
  .string()
  .max(MAX_COMMENT_BODY, `At most ${MAX_COMMENT_BODY} characters`)
  .refine((body) => body.trim().length > 0, { message: 'A comment needs some text' });

export const commentSchema = z.object({
  id: uuidSchema,
  threadId: uuidSchema,
  author: personRefSchema,
  /** null once deleted: the comment stays as a placeholder so replies keep their context. */
  body: z.string().nullable(),
  mentions: z.array(uuidSchema),
  createdAt: isoDate,
  editedAt: isoDate.nullable(),
  deleted: z.boolean(),
});
export type Comment = z.infer<typeof commentSchema>;

const suggestionSchema = z.object({
  replacement: z.string(),
  state: suggestionStateSchema,
  decidedBy: personRefSchema.nullable(),
  decidedAt: isoDate.nullable(),
});

export const threadSchema = z.object({
  id: uuidSchema,
  draftId: uuidSchema,
  kind: threadKindSchema,
  /** null: a thread on the draft as a whole. */
  anchor: anchorSchema.nullable(),
  /** The text the anchor covered when the thread started; kept when that text is deleted. */
  quote: z.string(),
  /** The anchored text was deleted: the thread stays, with its quote, but points nowhere. */
  detached: z.boolean(),
  /**
   * The section the anchor sits in now: the id of its heading (`sectionIdOf` in @minga/editor: the heading's Yjs
   * item id, `client:clock`, stable while the text moves) and the heading's text; null before the first heading or
   * for a whole-draft thread.
   */
  sectionId: z.string().nullable(),
  heading: z.string().nullable(),
  status: threadStatusSchema,
  author: personRefSchema,
  createdAt: isoDate,
  resolvedBy: personRefSchema.nullable(),
  resolvedAt: isoDate.nullable(),
  /** Oldest first; the first comment is the thread's opening text. */
  comments: z.array(commentSchema),
  /** Present on suggestions only. */
  suggestion: suggestionSchema.nullable(),
});
export type Thread = z.infer<typeof threadSchema>;

export const createThreadSchema = z
  .object({
    kind: threadKindSchema.default('comment'),
    /** Omit (or null) for a comment on the whole draft; suggestions need one. */
    anchor: anchorSchema.nullable().default(null),
    /** The text the client saw selected; when given and the server's text differs, the answer is 409. */
    quote: z.string().max(MAX_QUOTE).optional(),
    body: commentBodySchema,
    /** Suggestions: the text to put in place of the anchored text (one paragraph, no line breaks). */
    replacement: z
      .string()
      .max(MAX_REPLACEMENT)
      .refine((s) => !/[\r\n]/.test(s), { message: 'A replacement stays within one paragraph' })
      .optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.kind === 'suggestion') {
      if (!input.anchor) ctx.addIssue({ code: 'custom', path: ['anchor'], message: 'A suggestion needs the text it replaces' });
      if (input.replacement === undefined)
        ctx.addIssue({ code: 'custom', path: ['replacement'], message: 'A suggestion needs a replacement' });
    } else if (input.replacement !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['replacement'], message: 'Only suggestions carry a replacement' });
    }
  });
export type CreateThread = z.input<typeof createThreadSchema>;

export const updateThreadSchema = z.object({ status: threadStatusSchema }).strict();

export const createCommentSchema = z.object({ body: commentBodySchema }).strict();
export const updateCommentSchema = z.object({ body: commentBodySchema }).strict();

const booleanFlag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const threadQuerySchema = pageQuerySchema.extend({
  status: threadStatusSchema.optional(),
  kind: threadKindSchema.optional(),
  /** Threads I started. */
  mine: booleanFlag,
  /** Threads with a comment that mentions me. */
  mentioningMe: booleanFlag,
});

/** Open threads of the whole draft (whatever the filters), by section of the outline. */
export const threadCountsSchema = z.object({
  open: z.number().int(),
  detached: z.number().int(),
  bySection: z.array(z.object({ sectionId: z.string().nullable(), heading: z.string().nullable(), open: z.number().int() })),
});
export type ThreadCounts = z.infer<typeof threadCountsSchema>;

/** Newest first (keyset on created_at, id). */
export const threadPageSchema = z.object({
  items: z.array(threadSchema),
  nextCursor: z.string().nullable(),
  counts: threadCountsSchema,
});
export type ThreadPage = z.infer<typeof threadPageSchema>;

/** An accepted suggestion: which expert input changed which clause. */
export const contributionSchema = z.object({
  id: uuidSchema,
  threadId: uuidSchema,
  heading: z.string().nullable(),
  before: z.string(),
  after: z.string(),
  proposedBy: personRefSchema,
  acceptedBy: personRefSchema,
  acceptedAt: isoDate,
});
export type Contribution = z.infer<typeof contributionSchema>;
export const contributionPageSchema = z.object({ items: z.array(contributionSchema), nextCursor: z.string().nullable() });

export const mentionableQuerySchema = z.object({
  q: z.string().trim().max(120).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** Someone who can see the draft, with what they may do with it. */
export const mentionableSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  access: z.enum(['edit', 'comment', 'view']),
});
export type Mentionable = z.infer<typeof mentionableSchema>;

export const THREAD_EVENT_TYPES = [
  'thread_created',
  'comment_added',
  'comment_edited',
  'comment_deleted',
  'thread_resolved',
  'thread_reopened',
  'suggestion_accepted',
  'suggestion_rejected',
] as const;
export type ThreadEventType = (typeof THREAD_EVENT_TYPES)[number];

/** What changed, who did it, and the whole thread as it is now (replace the client's copy by id). */
export const threadEventSchema = z.object({
  type: z.enum(THREAD_EVENT_TYPES),
  actor: personRefSchema,
  thread: threadSchema,
});
export type ThreadEvent = z.infer<typeof threadEventSchema>;

export const COMMENT_EVENTS = {
  /** /collab, server -> members of a document: (docName, ThreadEvent). Members only: access was checked at join. */
  thread: 'comment-thread',
} as const;
