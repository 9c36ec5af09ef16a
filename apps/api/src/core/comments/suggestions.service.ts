import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { toBase64 } from 'lib0/buffer';
import { isoDateTimeSchema, uuidSchema, type Contribution, type Page, type PageQuery, type PersonRef, type Thread } from '@minga/contracts';
import { DocumentText, replaceInText } from '@minga/editor';
import { LiveDocuments } from '../../platform/collab/live-documents.service';
import { decodeCursor, pageFrom } from '../../platform/common/cursor';
import { Problem } from '../../platform/common/problem';
import { NotificationsService } from '../notifications/notifications.service';
import { ThreadsService, type ThreadScope } from './threads.service';

interface SuggestionRow {
  draft_id: string;
  anchor_start: Buffer;
  anchor_end: Buffer;
  quote: string;
  replacement: string;
  suggestion_state: 'pending' | 'accepted' | 'rejected';
  author_id: string;
}

interface ContributionRow {
  id: string;
  thread_id: string;
  heading: string | null;
  before_text: string;
  after_text: string;
  proposed_by: PersonRef;
  accepted_by: PersonRef;
  accepted_at: Date;
  accepted_key: string;
}

const CURSOR_KEY = z.tuple([isoDateTimeSchema, uuidSchema]);

/** Accepting a suggestion edits the live document on the server, so every open editor sees it and it is stored like any edit. */
@Injectable()
export class SuggestionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: LiveDocuments,
    private readonly threads: ThreadsService,
    private readonly notifications: NotificationsService,
  ) {}

  async accept(scope: ThreadScope, me: PersonRef): Promise<Thread> {
    await this.db.transaction(async (em) => {
      // The row lock makes acceptance happen once, however many editors click at the same moment.
      const row = await this.pending(scope, (sql, params) => em.query(sql, params));
      const heading = await this.documents.change(scope.docName, (doc) => {
        const text = new DocumentText(doc);
        const resolved = text.resolve({ start: toBase64(row.anchor_start), end: toBase64(row.anchor_end) });
        if (!resolved.ok || !resolved.range.xmlText || resolved.range.text !== row.quote) {
          throw new Problem('text_changed', 'The text this suggestion replaces has changed since it was made; it can only be rejected');
        }
        replaceInText(resolved.range.xmlText, resolved.range.textFrom, resolved.range.textTo, row.replacement);
        return text.sectionAt(resolved.range.from)?.heading ?? null;
      });
      await em.query(
        `UPDATE comment_threads SET suggestion_state = 'accepted', decided_by = $2, decided_at = now(),
                status = 'resolved', resolved_by = $2, resolved_at = now()
         WHERE id = $1`,
        [scope.resource.id, me.id],
      );
      await em.query(
        `INSERT INTO draft_contributions (draft_id, thread_id, heading, before_text, after_text, proposed_by, accepted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [row.draft_id, scope.resource.id, heading, row.quote, row.replacement, row.author_id, me.id],
      );
    });
    return this.decided(scope, 'accepted', me);
  }

  async reject(scope: ThreadScope, me: PersonRef): Promise<Thread> {
    await this.db.transaction(async (em) => {
      await this.pending(scope, (sql, params) => em.query(sql, params));
      await em.query(
        `UPDATE comment_threads SET suggestion_state = 'rejected', decided_by = $2, decided_at = now(),
                status = 'resolved', resolved_by = $2, resolved_at = now()
         WHERE id = $1`,
        [scope.resource.id, me.id],
      );
    });
    return this.decided(scope, 'rejected', me);
  }

  /** Accepted suggestions in the order they changed the draft: which expert input changed which clause. */
  async contributions(draftId: string, query: PageQuery): Promise<Page<Contribution>> {
    const after = decodeCursor(query.cursor, CURSOR_KEY);
    const params: unknown[] = [draftId];
    let where = 'WHERE k.draft_id = $1';
    if (after) {
      params.push(after[0], after[1]);
      where += ' AND k.accepted_at >= $2::timestamptz AND (k.accepted_at > $2::timestamptz OR k.id > $3::uuid)';
    }
    params.push(query.limit + 1);
    const rows: ContributionRow[] = await this.db.query(
      `SELECT k.id, k.thread_id, k.heading, k.before_text, k.after_text, k.accepted_at,
              to_char(k.accepted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS accepted_key,
              json_build_object('id', p.id, 'name', p.name) AS proposed_by,
              json_build_object('id', a.id, 'name', a.name) AS accepted_by
       FROM draft_contributions k JOIN users p ON p.id = k.proposed_by JOIN users a ON a.id = k.accepted_by
       ${where} ORDER BY k.accepted_at, k.id LIMIT $${params.length}`,
      params,
    );
    const page = pageFrom(rows, query.limit, (r) => [r.accepted_key, r.id]);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        threadId: r.thread_id,
        heading: r.heading,
        before: r.before_text,
        after: r.after_text,
        proposedBy: r.proposed_by,
        acceptedBy: r.accepted_by,
        acceptedAt: r.accepted_at.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }

  private async pending(scope: ThreadScope, query: (sql: string, params: unknown[]) => Promise<SuggestionRow[]>): Promise<SuggestionRow> {
    if (scope.kind !== 'suggestion') throw new Problem('not_found', 'No such suggestion');
    const [row] = await query(
      `SELECT draft_id, anchor_start, anchor_end, quote, replacement, suggestion_state, author_id
       FROM comment_threads WHERE id = $1 FOR UPDATE`,
      [scope.resource.id],
    );
    if (!row) throw new Problem('not_found', 'No such suggestion');
    if (row.suggestion_state !== 'pending') throw new Problem('suggestion_resolved', { state: row.suggestion_state });
    return row;
  }

  private async decided(scope: ThreadScope, outcome: 'accepted' | 'rejected', me: PersonRef): Promise<Thread> {
    const thread = await this.threads.get(scope.resource.id);
    this.threads.publish(scope.docName, outcome === 'accepted' ? 'suggestion_accepted' : 'suggestion_rejected', me, thread);
    await this.notifications.notify([
      {
        userId: scope.resource.authorId,
        kind: outcome === 'accepted' ? 'suggestion_accepted' : 'suggestion_rejected',
        draftId: scope.draft.id,
        threadId: thread.id,
        commentId: null,
        actorId: me.id,
      },
    ]);
    return thread;
  }
}
