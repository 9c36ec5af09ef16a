import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '@minga/access';
import { meetingNotesDocName, uuidSchema, type DocAccess, type OccurrenceContext } from '@minga/contracts';
import { jsonToYUpdate } from '@minga/editor';
import { DocumentAccessRegistry, type DocumentAccessResolver } from '../../platform/collab/document-access';
import { RoomAccess } from './room-access';

const PREFIX = 'meeting-notes';

/**
 * `meeting-notes:<occurrenceId>` on /collab: the shared notes of a meeting, which later become its minutes.
 * Everyone who may attend edits them, other members of the alliance read them. A document opened for the first
 * time starts with the occurrence's agenda as headings.
 */
@Injectable()
export class MeetingNotesAccess implements DocumentAccessResolver, OnModuleInit {
  /** Notes known to have their first content, so the check runs once per document and process. */
  private readonly started = new Set<string>();

  constructor(
    private readonly registry: DocumentAccessRegistry,
    private readonly room: RoomAccess,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(PREFIX, this);
  }

  async accessFor(principal: Principal, docName: string): Promise<DocAccess | 'none' | null> {
    const id = docName.slice(PREFIX.length + 1);
    if (!docName.startsWith(`${PREFIX}:`) || !uuidSchema.safeParse(id).success) return null;
    const ctx = await this.room.context(id);
    if (!ctx) return null;
    if (!this.room.canRead(ctx, principal)) return 'none';
    await this.startWithAgenda(ctx);
    return this.room.roleIn(ctx, principal) ? 'edit' : 'view';
  }

  /**
   * Writes the agenda as the document's first log entry, once: under an advisory lock, and only when the document
   * has nothing stored yet, so two people opening new notes at the same moment do not get the agenda twice.
   */
  private async startWithAgenda(ctx: OccurrenceContext): Promise<void> {
    const name = meetingNotesDocName(ctx.occurrence.id);
    if (this.started.has(name)) return;
    const content = [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: ctx.meeting.title }] },
      ...ctx.agenda.map((item) => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: item.title }] })),
      { type: 'paragraph' },
    ];
    const update = Buffer.from(jsonToYUpdate({ type: 'doc', content }));
    await this.db.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7462))', [name]);
      await em.query(
        `INSERT INTO collab_updates (doc_name, update) SELECT $1::varchar, $2::bytea
         WHERE NOT EXISTS (SELECT 1 FROM collab_updates WHERE doc_name = $1::varchar)
           AND NOT EXISTS (SELECT 1 FROM collab_documents WHERE name = $1::varchar)`,
        [name, update],
      );
    });
    this.started.add(name);
  }
}
