import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Versions of collaboration documents: automatic snapshots while editing, named ones, and restore points. */
export class Versions1764300000000 implements MigrationInterface {
  name = 'Versions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE collab_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        doc_name varchar(120) NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('auto', 'named', 'restore')),
        label varchar(200),
        state bytea NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX collab_versions_doc_idx ON collab_versions (doc_name, created_at DESC, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS collab_versions`);
  }
}
