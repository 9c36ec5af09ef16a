import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each open attendance stay records when its instance last vouched for it (`seen_at`). An instance that dies
 * (kill -9, a lost machine) stops vouching, and any instance then closes its stays as of that moment.
 */
export class AttendanceLiveness1764900000000 implements MigrationInterface {
  name = 'AttendanceLiveness1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_attendance ADD COLUMN seen_at timestamptz NOT NULL DEFAULT now()`);
    // The sweep looks only at open stays, which are few whatever the history.
    await q.query(`CREATE INDEX meeting_attendance_open_idx ON meeting_attendance (seen_at) WHERE left_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_attendance DROP COLUMN seen_at`);
  }
}
