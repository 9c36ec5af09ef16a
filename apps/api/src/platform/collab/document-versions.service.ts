import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import type { DraftVersion } from '@minga/contracts';
import { Problem } from '../common/problem';
import { CollabPersistence } from './collab-persistence.service';
import { oneRow } from '../database/one-row';

type VersionKind = DraftVersion['kind'];

interface VersionRow {
  id: string;
  kind: VersionKind;
  label: string | null;
  created_by: string | null;
  creator_name: string | null;
  created_at: Date;
}

/** Whole-document states kept as versions; each is a self-contained Yjs update that loads on its own. */
@Injectable()
export class DocumentVersions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persistence: CollabPersistence,
  ) {}

  async save(docName: string, kind: VersionKind, state: Uint8Array, label: string | null, userId: string | null): Promise<DraftVersion> {
    const row = oneRow<{ id: string }>(
      await this.db.query(
        'INSERT INTO collab_versions (doc_name, kind, label, state, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [docName, kind, label, Buffer.from(state), userId],
      ),
    );
    return this.meta(docName, row.id);
  }

  /**
   * An automatic version, unless this draft already has one younger than `withinMs`. Every instance holding a draft
   * runs the same timer; the advisory lock makes them take turns, so each period gets one version however many
   * instances hold the draft.
   */
  async saveAutomatic(docName: string, state: Uint8Array, withinMs: number): Promise<boolean> {
    return this.db.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7462))', [docName]);
      const rows: { id: string }[] = await em.query(
        `INSERT INTO collab_versions (doc_name, kind, state)
         SELECT $1::text, 'auto', $2::bytea WHERE NOT EXISTS (
           SELECT 1 FROM collab_versions WHERE doc_name = $1::text AND kind = 'auto' AND created_at > now() - $3::float8 * interval '1 millisecond')
         RETURNING id`,
        [docName, Buffer.from(state), withinMs],
      );
      return rows.length > 0;
    });
  }

  async list(docName: string, limit = 200): Promise<DraftVersion[]> {
    const rows: VersionRow[] = await this.db.query(
      `SELECT v.id, v.kind, v.label, v.created_by, u.name AS creator_name, v.created_at
       FROM collab_versions v LEFT JOIN users u ON u.id = v.created_by
       WHERE v.doc_name = $1 ORDER BY v.created_at DESC, v.id DESC LIMIT $2`,
      [docName, limit],
    );
    return rows.map(toVersion);
  }

  async meta(docName: string, id: string): Promise<DraftVersion> {
    const [row]: VersionRow[] = await this.db.query(
      `SELECT v.id, v.kind, v.label, v.created_by, u.name AS creator_name, v.created_at
       FROM collab_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.doc_name = $1 AND v.id = $2`,
      [docName, id],
    );
    if (!row) throw new Problem('not_found', 'No such version of this draft');
    return toVersion(row);
  }

  async state(docName: string, id: string): Promise<Uint8Array> {
    const [row]: { state: Buffer }[] = await this.db.query('SELECT state FROM collab_versions WHERE doc_name = $1 AND id = $2', [
      docName,
      id,
    ]);
    if (!row) throw new Problem('not_found', 'No such version of this draft');
    return row.state;
  }

  /** The stored document as a Y.Doc (snapshot plus log), for a document nobody has open. */
  async storedDoc(docName: string): Promise<Y.Doc> {
    const stored = await this.persistence.load(docName);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return doc;
  }
}

function toVersion(row: VersionRow): DraftVersion {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    createdBy: row.created_by && row.creator_name ? { id: row.created_by, name: row.creator_name } : null,
    createdAt: row.created_at.toISOString(),
  };
}
