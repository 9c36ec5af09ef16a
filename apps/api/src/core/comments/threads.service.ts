import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { fromBase64 } from 'lib0/buffer';
import type { CommentResource, DraftResource, ThreadResource } from '@minga/access';
import {
  isoDateTimeSchema,
  COMMENT_EVENTS,
  MAX_QUOTE,
  draftDocName,
  mentionedIds,
  uuidSchema,
  type Mentionable,
  type PersonRef,
  type Thread,
  type ThreadCounts,
  type ThreadEventType,
  type ThreadPage,
  type ThreadStatus,
} from '@minga/contracts';
import { DocumentText } from '@minga/editor';
import { AccessService } from '../../platform/access/access.service';
import { LiveDocuments } from '../../platform/collab/live-documents.service';
import { decodeCursor, pageFrom } from '../../platform/common/cursor';
import { escapeLike } from '../../platform/common/escape-like';
import { Problem } from '../../platform/common/problem';
import { SqlConditions } from '../../platform/common/sql-conditions';
import { returning } from '../../platform/database/returning';
import { DraftsService } from '../drafts/drafts.service';
import { NotificationsService, type NotificationInput } from '../notifications/notifications.service';
import { RolesService } from '../roles/roles.service';
import type { CreateThreadDto, MentionableQueryDto, ThreadQueryDto } from './comments.dto';
import { placementOf, SELECT_THREADS, toThread, type ThreadRow } from './thread-view';
import { oneRow } from '../../platform/database/one-row';

const CURSOR_KEY = z.tuple([isoDateTimeSchema, uuidSchema]);

/** A thread with the draft scope that decides access to it. */
export interface ThreadScope {
  resource: ThreadResource;
  draft: DraftResource;
  docName: string;
  kind: 'comment' | 'suggestion';
}

interface CommentScope {
  resource: CommentResource;
  draft: DraftResource;
  threadId: string;
  deleted: boolean;
}

/** Comment threads on drafts: anchored by Yjs relative positions in PostgreSQL, resolved against the live text. */
@Injectable()
export class ThreadsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly drafts: DraftsService,
    private readonly documents: LiveDocuments,
    private readonly access: AccessService,
    private readonly roles: RolesService,
    private readonly notifications: NotificationsService,
  ) {}

  async draftScope(draftId: string): Promise<DraftResource> {
    const scope = await this.drafts.scopeOf(draftId);
    if (!scope) throw new Problem('not_found', 'No such draft');
    return { kind: 'Draft', id: draftId, ...scope };
  }

  async threadScope(threadId: string): Promise<ThreadScope> {
    const [r]: { draft_id: string; city_id: string; hub_id: string | null; author_id: string; kind: 'comment' | 'suggestion' }[] =
      await this.db.query(
        `SELECT t.draft_id, d.city_id, c.hub_id, t.author_id, t.kind
         FROM comment_threads t JOIN drafts d ON d.id = t.draft_id JOIN cities c ON c.id = d.city_id WHERE t.id = $1`,
        [threadId],
      );
    if (!r) throw new Problem('not_found', 'No such thread');
    const scope = { draftId: r.draft_id, cityId: r.city_id, hubId: r.hub_id };
    return {
      resource: { kind: 'Thread', id: threadId, ...scope, authorId: r.author_id },
      draft: { kind: 'Draft', id: r.draft_id, cityId: r.city_id, hubId: r.hub_id },
      docName: draftDocName(r.draft_id),
      kind: r.kind,
    };
  }

  async commentScope(commentId: string): Promise<CommentScope> {
    const [r]: { thread_id: string; draft_id: string; city_id: string; hub_id: string | null; author_id: string; deleted: boolean }[] =
      await this.db.query(
        `SELECT cm.thread_id, t.draft_id, d.city_id, c.hub_id, cm.author_id, cm.deleted_at IS NOT NULL AS deleted
         FROM comments cm JOIN comment_threads t ON t.id = cm.thread_id JOIN drafts d ON d.id = t.draft_id
         JOIN cities c ON c.id = d.city_id WHERE cm.id = $1`,
        [commentId],
      );
    if (!r) throw new Problem('not_found', 'No such comment');
    return {
      resource: { kind: 'Comment', id: commentId, draftId: r.draft_id, cityId: r.city_id, hubId: r.hub_id, authorId: r.author_id },
      draft: { kind: 'Draft', id: r.draft_id, cityId: r.city_id, hubId: r.hub_id },
      threadId: r.thread_id,
      deleted: r.deleted,
    };
  }

  /** Newest first, filtered; the counts cover every open thread of the draft whatever the filters. */
  async list(draftId: string, query: ThreadQueryDto, me: PersonRef): Promise<ThreadPage> {
    const conditions = new SqlConditions();
    conditions.add('t.draft_id = ?', draftId);
    if (query.status) conditions.add('t.status = ?', query.status);
    if (query.kind) conditions.add('t.kind = ?', query.kind);
    if (query.mine) conditions.add('t.author_id = ?', me.id);
    if (query.mentioningMe) {
      conditions.add('EXISTS (SELECT 1 FROM comments mc WHERE mc.thread_id = t.id AND mc.mentions @> ARRAY[?::uuid])', me.id);
    }
    const after = decodeCursor(query.cursor, CURSOR_KEY);
    if (after) {
      conditions.add('t.created_at <= ?::timestamptz AND (t.created_at < ?::timestamptz OR t.id > ?::uuid)', after[0], after[0], after[1]);
    }
    const limit = conditions.param(query.limit + 1);
    const [rows, open]: [ThreadRow[], Pick<ThreadRow, 'anchor_start' | 'anchor_end' | 'quote' | 'kind'>[]] = await Promise.all([
      this.db.query(`${SELECT_THREADS} ${conditions.where()} ORDER BY t.created_at DESC, t.id ASC LIMIT ${limit}`, conditions.params),
      this.db.query(`SELECT anchor_start, anchor_end, quote, kind FROM comment_threads WHERE draft_id = $1 AND status = 'open'`, [draftId]),
    ]);
    const page = pageFrom(rows, query.limit, (r) => [r.created_key, r.id]);
    return this.documents.read(draftDocName(draftId), (doc) => {
      const text = new DocumentText(doc);
      return { items: page.items.map((row) => toThread(row, text)), nextCursor: page.nextCursor, counts: countsOf(open, text) };
    });
  }

  async get(threadId: string): Promise<Thread> {
    const [row]: ThreadRow[] = await this.db.query(`${SELECT_THREADS} WHERE t.id = $1`, [threadId]);
    if (!row) throw new Problem('not_found', 'No such thread');
    // A whole-draft thread has nothing to place: no need to read the document.
    if (!row.anchor_start) return toThread(row, null);
    return this.documents.read(draftDocName(row.draft_id), (doc) => toThread(row, new DocumentText(doc)));
  }

  /** Starts a thread (or a suggestion): checks the anchor against the draft's current text and stores it, never a mark. */
  async create(draft: DraftResource, input: CreateThreadDto, me: PersonRef): Promise<Thread> {
    const docName = draftDocName(draft.id);
    let quote = '';
    if (input.anchor) {
      const anchor = input.anchor;
      const checked = await this.documents.read(docName, (doc) => new DocumentText(doc).resolve(anchor));
      if (!checked.ok) {
        if (checked.reason === 'gone') throw new Problem('text_changed', 'The selected text was deleted meanwhile; select it again');
        const message = checked.reason === 'reversed' ? 'The anchor ends before it starts' : 'Not a position in this draft’s text';
        throw new Problem('validation_failed', message, [{ path: 'anchor', message }]);
      }
      quote = checked.range.text;
      if (input.quote !== undefined && input.quote !== quote) {
        throw new Problem('text_changed', 'The selected text changed meanwhile; select it again');
      }
      if (quote.length > MAX_QUOTE) {
        throw new Problem('validation_failed', `Select at most ${MAX_QUOTE} characters`, [
          { path: 'anchor', message: 'The selection is too long' },
        ]);
      }
      if (input.kind === 'comment' && quote.length === 0) {
        throw new Problem('validation_failed', 'Select some text, or comment on the whole draft', [
          { path: 'anchor', message: 'Empty selection' },
        ]);
      }
      if (input.kind === 'suggestion') {
        if (!checked.range.xmlText) {
          throw new Problem('validation_failed', 'A suggestion must stay within one paragraph', [
            { path: 'anchor', message: 'Spans several paragraphs' },
          ]);
        }
        if (input.replacement === quote) {
          throw new Problem('validation_failed', 'The replacement is the same as the text', [
            { path: 'replacement', message: 'Nothing would change' },
          ]);
        }
      }
    }
    const mentions = await this.checkMentions(draft, input.body);
    const { threadId, commentId } = await this.db.transaction(async (em) => {
      const thread = oneRow<{ id: string }>(
        await em.query(
          `INSERT INTO comment_threads (draft_id, kind, anchor_start, anchor_end, quote, author_id, replacement, suggestion_state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            draft.id,
            input.kind,
            input.anchor ? Buffer.from(fromBase64(input.anchor.start)) : null,
            input.anchor ? Buffer.from(fromBase64(input.anchor.end)) : null,
            quote,
            me.id,
            input.kind === 'suggestion' ? input.replacement : null,
            input.kind === 'suggestion' ? 'pending' : null,
          ],
        ),
      );
      const comment = await this.insertComment(em, thread.id, me.id, input.body, mentions);
      return { threadId: thread.id, commentId: comment };
    });
    const thread = await this.get(threadId);
    this.publish(docName, 'thread_created', me, thread);
    const owners = input.kind === 'suggestion' ? await this.ownersOf(draft.id) : [];
    await this.notifications.notify([
      ...mentions.map((userId) => note(userId, 'mention', draft.id, threadId, commentId, me.id)),
      ...owners.map((userId) => note(userId, 'suggestion', draft.id, threadId, commentId, me.id)),
    ]);
    return thread;
  }

  async reply(scope: ThreadScope, body: string, me: PersonRef): Promise<Thread> {
    const mentions = await this.checkMentions(scope.draft, body);
    const commentId = await this.db.transaction((em) => this.insertComment(em, scope.resource.id, me.id, body, mentions));
    const thread = await this.get(scope.resource.id);
    this.publish(scope.docName, 'comment_added', me, thread);
    await this.notifications.notify([
      ...mentions.map((userId) => note(userId, 'mention', scope.draft.id, thread.id, commentId, me.id)),
      note(scope.resource.authorId, 'reply', scope.draft.id, thread.id, commentId, me.id),
    ]);
    return thread;
  }

  async editComment(scope: CommentScope, body: string, me: PersonRef): Promise<Thread> {
    if (scope.deleted) throw new Problem('comment_deleted');
    const mentions = await this.checkMentions(scope.draft, body);
    const [before] = await returning<{ mentions: string[] }>(
      this.db,
      `UPDATE comments n SET body = $2, mentions = $3::uuid[], edited_at = now()
       FROM comments o WHERE n.id = $1 AND o.id = n.id RETURNING o.mentions`,
      [scope.resource.id, body, mentions],
    );
    // Comments are only soft-deleted: one gone missing went with its draft, since scopeOf found it.
    if (!before) throw new Problem('not_found', 'No such comment');
    const thread = await this.get(scope.threadId);
    this.publish(draftDocName(scope.draft.id), 'comment_edited', me, thread);
    // Only people newly mentioned by the edit hear about it.
    const added = mentions.filter((id) => !before.mentions.includes(id));
    await this.notifications.notify(added.map((userId) => note(userId, 'mention', scope.draft.id, thread.id, scope.resource.id, me.id)));
    return thread;
  }

  /** The comment stays as a placeholder without its text, so the replies around it keep their sense. */
  async deleteComment(scope: CommentScope, me: PersonRef): Promise<void> {
    if (scope.deleted) return;
    await this.db.query(`UPDATE comments SET body = NULL, mentions = '{}', deleted_at = now() WHERE id = $1`, [scope.resource.id]);
    this.publish(draftDocName(scope.draft.id), 'comment_deleted', me, await this.get(scope.threadId));
  }

  async setStatus(scope: ThreadScope, status: ThreadStatus, me: PersonRef): Promise<Thread> {
    const changed = await returning(
      this.db,
      `UPDATE comment_threads
       SET status = $2, resolved_by = CASE WHEN $2 = 'resolved' THEN $3::uuid END, resolved_at = CASE WHEN $2 = 'resolved' THEN now() END
       WHERE id = $1 AND status <> $2 RETURNING id`,
      [scope.resource.id, status, me.id],
    );
    const thread = await this.get(scope.resource.id);
    if (changed.length) this.publish(scope.docName, status === 'resolved' ? 'thread_resolved' : 'thread_reopened', me, thread);
    return thread;
  }

  /** People who can see the draft, by name, with what they may do with it; the access policy decides each. */
  async mentionable(draft: DraftResource, query: MentionableQueryDto): Promise<Mentionable[]> {
    const rows: { id: string; name: string }[] = await this.db.query(
      `SELECT u.id, u.name FROM users u
       WHERE u.name ILIKE $1 AND EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = u.id)
       ORDER BY u.name, u.id LIMIT $2`,
      [`%${escapeLike(query.q)}%`, query.limit],
    );
    const roles = await this.roles.principalRolesByUser(rows.map((r) => r.id));
    return rows.flatMap((row) => {
      const ability = this.access.abilityFor({ id: row.id, roles: roles.get(row.id) ?? [] });
      if (!ability.can('read', draft)) return [];
      const access = ability.can('editContent', draft) ? 'edit' : ability.can('comment', draft) ? 'comment' : 'view';
      return [{ id: row.id, name: row.name, access }];
    });
  }

  /** A live event to everyone who has the draft open (the collaboration room checked their access at join). */
  publish(docName: string, type: ThreadEventType, actor: PersonRef, thread: Thread): void {
    this.documents.emitToMembers(docName, COMMENT_EVENTS.thread, docName, { type, actor: { id: actor.id, name: actor.name }, thread });
  }

  async ownersOf(draftId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await this.db.query('SELECT user_id FROM draft_owners WHERE draft_id = $1', [draftId]);
    return rows.map((r) => r.user_id);
  }

  /** Mentions come from `@[Name](id)` tokens; each must be someone who can see the draft. */
  private async checkMentions(draft: DraftResource, body: string): Promise<string[]> {
    const ids = mentionedIds(body);
    if (!ids.length) return [];
    const roles = await this.roles.principalRolesByUser(ids);
    const refused = ids.filter((id) => !this.access.can({ id, roles: roles.get(id) ?? [] }, 'read', draft));
    if (refused.length) {
      throw new Problem('validation_failed', 'Mentions someone who cannot see this draft', [
        { path: 'body', message: `Cannot be mentioned here: ${refused.join(', ')}` },
      ]);
    }
    return ids;
  }

  private async insertComment(em: EntityManager, threadId: string, authorId: string, body: string, mentions: string[]): Promise<string> {
    const row = oneRow<{ id: string }>(
      await em.query('INSERT INTO comments (thread_id, author_id, body, mentions) VALUES ($1, $2, $3, $4::uuid[]) RETURNING id', [
        threadId,
        authorId,
        body,
        mentions,
      ]),
    );
    return row.id;
  }
}

function note(
  userId: string,
  kind: NotificationInput['kind'],
  draftId: string,
  threadId: string,
  commentId: string | null,
  actorId: string,
): NotificationInput {
  return { userId, kind, draftId, threadId, commentId, actorId };
}

function countsOf(open: Pick<ThreadRow, 'anchor_start' | 'anchor_end' | 'quote' | 'kind'>[], text: DocumentText): ThreadCounts {
  const bySection = new Map<string | null, { sectionId: string | null; heading: string | null; open: number }>();
  let detached = 0;
  for (const row of open) {
    const placement = placementOf(row, text);
    if (placement.detached) detached += 1;
    const entry = bySection.get(placement.sectionId) ?? { sectionId: placement.sectionId, heading: placement.heading, open: 0 };
    entry.open += 1;
    bySection.set(placement.sectionId, entry);
  }
  return { open: open.length, detached, bySection: [...bySection.values()] };
}
