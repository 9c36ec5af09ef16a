// Thread rows as the API shows them: anchors resolved against the draft's current text, so a thread reports the
// section it sits in now and whether its words are gone.
import { toBase64 } from 'lib0/buffer';
import type { Comment, PersonRef, SuggestionState, Thread, ThreadKind, ThreadStatus } from '@minga/contracts';
import type { DocumentText } from '@minga/editor';

export interface ThreadRow {
  id: string;
  draft_id: string;
  kind: ThreadKind;
  anchor_start: Buffer | null;
  anchor_end: Buffer | null;
  quote: string;
  status: ThreadStatus;
  author: PersonRef;
  created_at: Date;
  created_key: string;
  resolved_by: PersonRef | null;
  resolved_at: Date | null;
  replacement: string | null;
  suggestion_state: SuggestionState | null;
  decided_by: PersonRef | null;
  decided_at: Date | null;
  comments: {
    id: string;
    author: PersonRef;
    body: string | null;
    mentions: string[];
    created_at: string;
    edited_at: string | null;
  }[];
}

/** Everything a thread shows, in one query: author, deciders and every comment with its author (no N+1). */
export const SELECT_THREADS = `
  SELECT t.id, t.draft_id, t.kind, t.anchor_start, t.anchor_end, t.quote, t.status, t.created_at,
         to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key,
         json_build_object('id', a.id, 'name', a.name) AS author,
         CASE WHEN rb.id IS NULL THEN NULL ELSE json_build_object('id', rb.id, 'name', rb.name) END AS resolved_by,
         t.resolved_at, t.replacement, t.suggestion_state,
         CASE WHEN db.id IS NULL THEN NULL ELSE json_build_object('id', db.id, 'name', db.name) END AS decided_by,
         t.decided_at,
         COALESCE((SELECT json_agg(json_build_object(
                      'id', c.id, 'author', json_build_object('id', ca.id, 'name', ca.name), 'body', c.body,
                      'mentions', c.mentions, 'created_at', c.created_at, 'edited_at', c.edited_at)
                    ORDER BY c.created_at, c.id)
                   FROM comments c JOIN users ca ON ca.id = c.author_id WHERE c.thread_id = t.id), '[]'::json) AS comments
  FROM comment_threads t
  JOIN users a ON a.id = t.author_id
  LEFT JOIN users rb ON rb.id = t.resolved_by
  LEFT JOIN users db ON db.id = t.decided_by`;

interface Placement {
  detached: boolean;
  sectionId: string | null;
  heading: string | null;
}

/** Where a stored anchor sits in the current text; a range whose words were all deleted is detached. */
export function placementOf(row: Pick<ThreadRow, 'anchor_start' | 'anchor_end' | 'quote' | 'kind'>, text: DocumentText | null): Placement {
  if (!row.anchor_start || !row.anchor_end || !text) return { detached: false, sectionId: null, heading: null };
  const resolved = text.resolve({ start: toBase64(row.anchor_start), end: toBase64(row.anchor_end) });
  if (!resolved.ok) return { detached: true, sectionId: null, heading: null };
  const section = text.sectionAt(resolved.range.from);
  // A suggestion that only inserts covers nothing from the start; any other range covered some words.
  const collapsed = resolved.range.from === resolved.range.to && row.quote.length > 0;
  return { detached: collapsed, sectionId: section?.sectionId ?? null, heading: section?.heading ?? null };
}

export function toThread(row: ThreadRow, text: DocumentText | null): Thread {
  const placement = placementOf(row, text);
  return {
    id: row.id,
    draftId: row.draft_id,
    kind: row.kind,
    anchor: row.anchor_start && row.anchor_end ? { start: toBase64(row.anchor_start), end: toBase64(row.anchor_end) } : null,
    quote: row.quote,
    ...placement,
    status: row.status,
    author: row.author,
    createdAt: row.created_at.toISOString(),
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    comments: row.comments.map((c) => toComment(row.id, c)),
    suggestion:
      row.kind === 'suggestion' && row.suggestion_state
        ? {
            replacement: row.replacement ?? '',
            state: row.suggestion_state,
            decidedBy: row.decided_by,
            decidedAt: row.decided_at?.toISOString() ?? null,
          }
        : null,
  };
}

function toComment(threadId: string, c: ThreadRow['comments'][number]): Comment {
  const deleted = c.body === null;
  return {
    id: c.id,
    threadId,
    author: c.author,
    body: c.body,
    mentions: deleted ? [] : c.mentions,
    createdAt: new Date(c.created_at).toISOString(),
    editedAt: c.edited_at ? new Date(c.edited_at).toISOString() : null,
    deleted,
  };
}
