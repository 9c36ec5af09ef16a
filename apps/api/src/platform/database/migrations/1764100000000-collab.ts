import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Collaboration documents: an append-only log of Yjs updates (written in group commits before `saved` is sent)
 * and one compacted snapshot per document. Compaction deletes exactly the log rows it merged, in the same
 * transaction as the new snapshot, so a document is always snapshot + every remaining row.
 */
export class Collab1764100000000 implements MigrationInterface {
  name = 'Collab1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE collab_documents (
        name varchar(120) PRIMARY KEY,
        snapshot bytea NOT NULL,
        plain_text text NOT NULL DEFAULT '',
        compacted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE collab_updates (
        id bigserial PRIMARY KEY,
        doc_name varchar(120) NOT NULL,
        update bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX collab_updates_doc_idx ON collab_updates (doc_name, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS collab_updates`);
    await q.query(`DROP TABLE IF EXISTS collab_documents`);
  }
}
