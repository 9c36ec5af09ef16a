import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An occurrence whose agenda its host edited keeps it: a later change to the series' template agenda no longer
 * overwrites it (until the host goes back to the series agenda).
 */
export class OccurrenceOwnAgenda1764800000000 implements MigrationInterface {
  name = 'OccurrenceOwnAgenda1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_occurrences ADD COLUMN own_agenda boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_occurrences DROP COLUMN own_agenda`);
  }
}
