import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROOM_KINDS = `'mention', 'reply', 'suggestion', 'suggestion_accepted', 'suggestion_rejected', 'minutes_published', 'meeting_reminder'`;
const KINDS = `${ROOM_KINDS}, 'meeting_invited', 'meeting_changed', 'meeting_cancelled'`;

/**
 * Notifications that a meeting was scheduled, changed or cancelled. They point at an occurrence like the meeting
 * room's reminders (the columns come from the meeting room's migration); only the allowed kinds grow.
 */
export class MeetingNotices1764700000000 implements MigrationInterface {
  name = 'MeetingNotices1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${KINDS}))`);
    await q.query(`ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check`);
    await q.query(`ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check CHECK (kind IN (${KINDS}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE kind IN ('meeting_invited', 'meeting_changed', 'meeting_cancelled')`);
    await q.query(`DELETE FROM notification_preferences WHERE kind IN ('meeting_invited', 'meeting_changed', 'meeting_cancelled')`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${ROOM_KINDS}))`);
    await q.query(`ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check`);
    await q.query(
      `ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check CHECK (kind IN (${ROOM_KINDS}))`,
    );
  }
}
