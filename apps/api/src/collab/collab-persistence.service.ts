import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';

export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

export interface AppendedUpdate {
  docName: string;
  update: Uint8Array;
}

/** Extracts the searchable text of a document when it is compacted. */
export type TextExtractor = (doc: Y.Doc) => string;

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
    const [row]: { snapshot: Buffer | null; updates: Buffer[] }[] = await this.db.query(
      `SELECT (SELECT snapshot FROM collab_documents WHERE name = $1) AS snapshot,
              ARRAY(SELECT update FROM collab_updates WHERE doc_name = $1 ORDER BY id) AS updates`,
      [name],
    );
    return { snapshot: row.snapshot, updates: row.updates };
  }

  /** One multi-row INSERT for a whole group commit. */
  async append(batch: AppendedUpdate[]): Promise<void> {
    if (batch.length === 0) return;
    await this.db.query('INSERT INTO collab_updates (doc_name, update) SELECT * FROM unnest($1::varchar[], $2::bytea[])', [
      batch.map((b) => b.docName),
      batch.map((b) => Buffer.from(b.update.buffer, b.update.byteOffset, b.update.byteLength)),
    ]);
  }

  /**
   * Merges the log into the snapshot through a fresh Y.Doc (linear, unlike one giant Y.mergeUpdates), under an
   * advisory lock so two processes never compact the same document. Returns false when another process holds it.
   */
  async compact(name: string, extractText: TextExtractor): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const [{ locked }]: { locked: boolean }[] = await em.query('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 7461)) AS locked', [name]);
      if (!locked) return false;
      const rows: { id: string; update: Buffer }[] = await em.query('SELECT id, update FROM collab_updates WHERE doc_name = $1 ORDER BY id', [name]);
      if (rows.length === 0) return true;
      const snap: { snapshot: Buffer }[] = await em.query('SELECT snapshot FROM collab_documents WHERE name = $1', [name]);
      const doc = new Y.Doc();
      try {
        if (snap[0]) Y.applyUpdate(doc, snap[0].snapshot);
        for (const row of rows) Y.applyUpdate(doc, row.update);
        const snapshot = Buffer.from(Y.encodeStateAsUpdate(doc));
        await em.query(
          `INSERT INTO collab_documents (name, snapshot, plain_text, compacted_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (name) DO UPDATE SET snapshot = EXCLUDED.snapshot, plain_text = EXCLUDED.plain_text, compacted_at = now()`,
          [name, snapshot, extractText(doc)],
        );
        await em.query('DELETE FROM collab_updates WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
        return true;
      } finally {
        doc.destroy();
      }
    });
  }
}
