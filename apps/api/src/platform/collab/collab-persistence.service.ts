import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { oneRow } from '../database/one-row';

interface StoredDocument {
  snapshot: Uint8Array | null;
  /** Which compaction wrote the snapshot (0: never compacted). */
  revision: number;
  updates: Uint8Array[];
  /** The log rows' ids, in the order of `updates`. */
  updateIds: string[];
}

interface AppendedUpdate {
  docName: string;
  update: Uint8Array;
}

export interface AppendedRow {
  id: string;
  docName: string;
}

/** What a compaction stores, taken from the open document in one synchronous step. */
interface CompactedState {
  snapshot: Uint8Array;
  /** The searchable text, or null to keep the stored one (extracting it costs a conversion of the whole document). */
  plainText: string | null;
  /** Log rows the snapshot is known to contain: only these are deleted. */
  rowIds: string[];
}

/**
 * PostgreSQL storage of collaboration documents: an append-only update log plus a compacted snapshot.
 * A document is always its snapshot plus every log row still present; compaction deletes exactly the rows it
 * merged, in the transaction that writes the new snapshot.
 */
@Injectable()
export class CollabPersistence {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Snapshot and log in one statement: a single statement reads one consistent snapshot of the database, so a
   * concurrent compaction is seen whole or not at all, in one round trip (the cold load's first cost).
   */
  async load(name: string): Promise<StoredDocument> {
    // FROM (SELECT 1) LEFT JOIN: one row, whether the document exists or not.
    const row = oneRow<{ snapshot: Buffer | null; revision: number | null; updates: Buffer[]; ids: string[] }>(
      await this.db.query(
        `SELECT d.snapshot, d.revision,
              ARRAY(SELECT update FROM collab_updates WHERE doc_name = $1 ORDER BY id) AS updates,
              ARRAY(SELECT id FROM collab_updates WHERE doc_name = $1 ORDER BY id) AS ids
         FROM (SELECT 1) AS one LEFT JOIN collab_documents d ON d.name = $1`,
        [name],
      ),
    );
    return { snapshot: row.snapshot, revision: row.revision ?? 0, updates: row.updates, updateIds: row.ids.map(String) };
  }

  /**
   * What another instance may have stored since a document was loaded here: the log rows after `afterId`, and the
   * snapshot when another process compacted since `knownRevision` (it deleted rows this instance may not have seen).
   */
  async since(name: string, afterId: string, knownRevision: number): Promise<StoredDocument> {
    // FROM (SELECT 1) LEFT JOIN: one row, whether the document exists or not.
    const row = oneRow<{ snapshot: Buffer | null; revision: number | null; updates: Buffer[]; ids: string[] }>(
      await this.db.query(
        `SELECT d.revision, CASE WHEN d.revision <> $3 THEN d.snapshot END AS snapshot,
              ARRAY(SELECT update FROM collab_updates WHERE doc_name = $1 AND id > $2 ORDER BY id) AS updates,
              ARRAY(SELECT id FROM collab_updates WHERE doc_name = $1 AND id > $2 ORDER BY id) AS ids
         FROM (SELECT 1) AS one LEFT JOIN collab_documents d ON d.name = $1`,
        [name, afterId, knownRevision],
      ),
    );
    return { snapshot: row.snapshot, revision: row.revision ?? 0, updates: row.updates, updateIds: row.ids.map(String) };
  }

  /**
   * One multi-row INSERT for a whole group commit; returns each new row's id and document. The hot path of every
   * edit: it goes straight to the pg pool TypeORM opened, as a prepared statement (each connection parses it once),
   * which costs less than half the CPU of TypeORM's query runner (measured 80-100 µs against 200 µs per commit).
   */
  async append(batch: AppendedUpdate[]): Promise<AppendedRow[]> {
    if (batch.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string; doc_name: string }>({
      name: 'collab-append',
      text: 'INSERT INTO collab_updates (doc_name, update) SELECT * FROM unnest($1::varchar[], $2::bytea[]) RETURNING id, doc_name',
      values: [batch.map((b) => b.docName), batch.map((b) => Buffer.from(b.update.buffer, b.update.byteOffset, b.update.byteLength))],
    });
    return rows.map((r) => ({ id: String(r.id), docName: r.doc_name }));
  }

  /** TypeORM's PostgresDriver keeps its pg pool as `master` (typed `any` there). */
  private get pool(): Pool {
    return (this.db.driver as unknown as { master: Pool }).master;
  }

  /**
   * Folds the log into the snapshot, under an advisory lock so two processes never compact the same document.
   * The snapshot comes from the caller's open Y.Doc (`take`), which costs one encoding instead of rebuilding the
   * document from the log. If another process compacted since `knownRevision`, its snapshot is handed to `take`
   * first to merge, so nothing it folded in is dropped. Only the rows `take` names are deleted: rows written by
   * others and not yet seen stay in the log. Returns the new revision, or null when another process holds the lock.
   */
  async compact(name: string, knownRevision: number, take: (newerSnapshot: Uint8Array | null) => CompactedState): Promise<number | null> {
    return this.db.transaction(async (em) => {
      const { locked } = oneRow<{ locked: boolean }>(
        await em.query('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 7461)) AS locked', [name]),
      );
      if (!locked) return null;
      // The stored snapshot is read only when another process wrote it since `knownRevision`.
      const stored: { revision: number; newer: Buffer | null }[] = await em.query(
        'SELECT revision, CASE WHEN revision <> $2 THEN snapshot END AS newer FROM collab_documents WHERE name = $1',
        [name, knownRevision],
      );
      const revision = stored[0]?.revision ?? 0;
      const newer = stored[0]?.newer ?? null;
      const state = take(newer);
      const snapshot = Buffer.from(state.snapshot.buffer, state.snapshot.byteOffset, state.snapshot.byteLength);
      await em.query(
        `INSERT INTO collab_documents (name, snapshot, plain_text, compacted_at, revision) VALUES ($1, $2, COALESCE($3, ''), now(), $4)
         ON CONFLICT (name) DO UPDATE SET snapshot = EXCLUDED.snapshot, compacted_at = now(), revision = EXCLUDED.revision,
           plain_text = COALESCE($3, collab_documents.plain_text)`,
        [name, snapshot, state.plainText, revision + 1],
      );
      if (state.rowIds.length) await em.query('DELETE FROM collab_updates WHERE id = ANY($1::bigint[])', [state.rowIds]);
      return revision + 1;
    });
  }
}
