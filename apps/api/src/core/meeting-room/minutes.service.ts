import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JSONContent } from '@tiptap/core';
import {
  MAX_MINUTES_BYTES,
  meetingNotesDocName,
  type Minutes,
  type MinutesStatus,
  type OccurrenceContext,
  type UpdateMinutes,
} from '@minga/contracts';
import { toHtml, toPlainText, yDocToJson } from '@minga/editor';
import type { AuthPrincipal } from '../../platform/access/principal';
import { LiveDocuments } from '../../platform/collab/live-documents.service';
import { Problem } from '../../platform/common/problem';
import { returning } from '../../platform/database/returning';
import { NotificationsService } from '../notifications/notifications.service';

interface MinutesRow {
  occurrence_id: string;
  status: MinutesStatus;
  content: JSONContent;
  html: string;
  text: string;
  created_by: string;
  created_by_name: string;
  updated_at: Date;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  published_at: Date | null;
}

const SELECT_MINUTES = `
  SELECT mm.occurrence_id, mm.status, mm.content, mm.html, mm.text, mm.created_by, c.name AS created_by_name, mm.updated_at,
         mm.approved_by, a.name AS approved_by_name, mm.approved_at, mm.published_at
  FROM meeting_minutes mm JOIN users c ON c.id = mm.created_by LEFT JOIN users a ON a.id = mm.approved_by
  WHERE mm.occurrence_id = $1`;

/**
 * Minutes of an occurrence: drafted from its shared notes (converted with libs/editor, as versions and exports are),
 * edited as a draft, approved by the host, then published to the participants (invitees and whoever attended).
 */
@Injectable()
export class MinutesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: LiveDocuments,
    private readonly notifications: NotificationsService,
  ) {}

  /** Hosts see every stage; the others only published minutes (404 before). */
  async get(occurrenceId: string, isHost: boolean): Promise<Minutes> {
    const row = await this.row(occurrenceId);
    if (!row || (!isHost && row.status !== 'published')) throw new Problem('not_found', 'These minutes are not published yet');
    return toMinutes(row);
  }

  /** Drafts (or drafts again) the minutes from the notes as they are now; approved or published minutes are kept (409). */
  async draftFromNotes(occurrenceId: string, me: AuthPrincipal): Promise<Minutes> {
    const content = await this.documents.read(meetingNotesDocName(occurrenceId), (doc) => yDocToJson(doc));
    const { html, text } = render(content);
    const rows: unknown[] = await this.db.query(
      `INSERT INTO meeting_minutes (occurrence_id, content, html, text, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (occurrence_id) DO UPDATE SET content = EXCLUDED.content, html = EXCLUDED.html, text = EXCLUDED.text,
         created_by = EXCLUDED.created_by, updated_at = now()
       WHERE meeting_minutes.status = 'draft'
       RETURNING occurrence_id`,
      [occurrenceId, JSON.stringify(content), html, text, me.id],
    );
    if (!rows.length) throw new Problem('minutes_not_draft', 'The minutes were approved already; they can no longer be drafted again');
    return this.get(occurrenceId, true);
  }

  async update(occurrenceId: string, input: UpdateMinutes): Promise<Minutes> {
    const content = input.content as JSONContent;
    if (JSON.stringify(content).length > MAX_MINUTES_BYTES) {
      throw new Problem('validation_failed', 'The minutes are too long', [
        { path: 'content', message: `At most ${MAX_MINUTES_BYTES} bytes` },
      ]);
    }
    let rendered: { html: string; text: string };
    try {
      rendered = render(content);
    } catch (err) {
      throw new Problem('validation_failed', 'The minutes are not a valid document', [
        { path: 'content', message: err instanceof Error ? err.message : 'Invalid document' },
      ]);
    }
    await this.transition(occurrenceId, 'minutes_not_draft', () =>
      returning(
        this.db,
        `UPDATE meeting_minutes SET content = $2, html = $3, text = $4, updated_at = now() WHERE occurrence_id = $1 AND status = 'draft' RETURNING occurrence_id`,
        [occurrenceId, JSON.stringify(content), rendered.html, rendered.text],
      ),
    );
    return this.get(occurrenceId, true);
  }

  async approve(occurrenceId: string, me: AuthPrincipal): Promise<Minutes> {
    await this.transition(occurrenceId, 'minutes_not_draft', () =>
      returning(
        this.db,
        `UPDATE meeting_minutes SET status = 'approved', approved_by = $2, approved_at = now(), updated_at = now() WHERE occurrence_id = $1 AND status = 'draft' RETURNING occurrence_id`,
        [occurrenceId, me.id],
      ),
    );
    return this.get(occurrenceId, true);
  }

  /** Publishes approved minutes and tells every invitee and attendee (not the publisher). */
  async publish(ctx: OccurrenceContext, me: AuthPrincipal): Promise<Minutes> {
    const occurrenceId = ctx.occurrence.id;
    await this.transition(occurrenceId, 'minutes_not_approved', () =>
      returning(
        this.db,
        `UPDATE meeting_minutes SET status = 'published', published_at = now(), updated_at = now() WHERE occurrence_id = $1 AND status = 'approved' RETURNING occurrence_id`,
        [occurrenceId],
      ),
    );
    const attendees: { user_id: string }[] = await this.db.query(
      'SELECT DISTINCT user_id FROM meeting_attendance WHERE occurrence_id = $1',
      [occurrenceId],
    );
    const people = new Set([...ctx.inviteeIds, ...attendees.map((a) => a.user_id)]);
    await this.notifications.notify(
      [...people].map((userId) => ({ userId, kind: 'minutes_published' as const, occurrenceId, actorId: me.id })),
    );
    return this.get(occurrenceId, true);
  }

  /** Runs a status change (an UPDATE ... RETURNING), or answers 404 (no minutes) / 409 (not in the expected status). */
  private async transition(
    occurrenceId: string,
    conflict: 'minutes_not_draft' | 'minutes_not_approved',
    change: () => Promise<unknown[]>,
  ): Promise<void> {
    if ((await change()).length) return;
    if (!(await this.row(occurrenceId))) throw new Problem('not_found', 'No minutes yet: draft them from the notes first');
    throw new Problem(conflict);
  }

  private async row(occurrenceId: string): Promise<MinutesRow | null> {
    const rows: MinutesRow[] = await this.db.query(SELECT_MINUTES, [occurrenceId]);
    return rows[0] ?? null;
  }
}

function render(content: JSONContent): { html: string; text: string } {
  return { html: toHtml(content), text: toPlainText(content) };
}

function toMinutes(row: MinutesRow): Minutes {
  return {
    occurrenceId: row.occurrence_id,
    status: row.status,
    content: row.content as Record<string, unknown>,
    html: row.html,
    text: row.text,
    createdBy: { id: row.created_by, name: row.created_by_name },
    updatedAt: row.updated_at.toISOString(),
    approvedBy: row.approved_by ? { id: row.approved_by, name: row.approved_by_name ?? '' } : null,
    approvedAt: row.approved_at ? row.approved_at.toISOString() : null,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
  };
}
