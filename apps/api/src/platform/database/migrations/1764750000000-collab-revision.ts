import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compaction writes the snapshot from the document a process holds open, instead of rebuilding it from the log.
 * The revision tells that process whether someone else compacted since it loaded: if so, it merges that newer
 * snapshot first, so a snapshot never drops what another process had already folded in.
 */
export class CollabRevision1764750000000 implements MigrationInterface {
  name = 'CollabRevision1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE collab_documents ADD COLUMN revision integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE collab_documents DROP COLUMN revision`);
  }
}
