import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_KINDS = `'mention', 'reply', 'suggestion', 'suggestion_accepted', 'suggestion_rejected'`;
const NEW_KINDS = `${OLD_KINDS}, 'minutes_published', 'meeting_reminder'`;

/**
 * The live meeting room of an occurrence: attendance stays, polls with their ballots, the current agenda item (so a
 * restart keeps it), minutes, action items (and the milestone each became), reminders sent, and notifications that
 * point at a meeting occurrence instead of a draft's thread.
 */
export class MeetingRoom1764650000000 implements MigrationInterface {
  name = 'MeetingRoom1764650000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per stay: several tabs of one person are one stay, and a reconnect within the grace continues it.
    await q.query(`
      CREATE TABLE meeting_attendance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurrence_id uuid NOT NULL REFERENCES meeting_occurrences(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        room_role varchar(12) NOT NULL CHECK (room_role IN ('host', 'participant')),
        joined_at timestamptz NOT NULL,
        left_at timestamptz,
        CHECK (left_at IS NULL OR left_at >= joined_at)
      )`);
    await q.query(`CREATE INDEX meeting_attendance_occurrence_idx ON meeting_attendance (occurrence_id, user_id, joined_at)`);
    await q.query(`CREATE INDEX meeting_attendance_user_idx ON meeting_attendance (user_id)`);

    await q.query(`
      CREATE TABLE meeting_room_state (
        occurrence_id uuid PRIMARY KEY REFERENCES meeting_occurrences(id) ON DELETE CASCADE,
        current_agenda_item_id uuid REFERENCES meeting_agenda_items(id) ON DELETE SET NULL,
        set_by uuid REFERENCES users(id) ON DELETE SET NULL,
        set_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX meeting_room_state_agenda_item_idx ON meeting_room_state (current_agenda_item_id) WHERE current_agenda_item_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE meeting_polls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurrence_id uuid NOT NULL REFERENCES meeting_occurrences(id) ON DELETE CASCADE,
        question varchar(300) NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('single', 'multiple')),
        status varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        opened_by uuid NOT NULL REFERENCES users(id),
        opened_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        closed_at timestamptz,
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX meeting_polls_occurrence_idx ON meeting_polls (occurrence_id, opened_at, id)`);
    await q.query(`
      CREATE TABLE meeting_poll_options (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        poll_id uuid NOT NULL REFERENCES meeting_polls(id) ON DELETE CASCADE,
        position int NOT NULL,
        label varchar(200) NOT NULL,
        UNIQUE (poll_id, position),
        UNIQUE (id, poll_id)
      )`);
    // One ballot per person per poll; a multiple-choice ballot holds one row per chosen option.
    await q.query(`
      CREATE TABLE meeting_poll_ballots (
        poll_id uuid NOT NULL REFERENCES meeting_polls(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        voted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (poll_id, user_id)
      )`);
    await q.query(`CREATE INDEX meeting_poll_ballots_user_idx ON meeting_poll_ballots (user_id)`);
    await q.query(`
      CREATE TABLE meeting_poll_votes (
        poll_id uuid NOT NULL,
        user_id uuid NOT NULL,
        option_id uuid NOT NULL,
        PRIMARY KEY (poll_id, user_id, option_id),
        FOREIGN KEY (poll_id, user_id) REFERENCES meeting_poll_ballots(poll_id, user_id) ON DELETE CASCADE,
        FOREIGN KEY (option_id, poll_id) REFERENCES meeting_poll_options(id, poll_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX meeting_poll_votes_option_idx ON meeting_poll_votes (option_id, poll_id)`);

    await q.query(`
      CREATE TABLE meeting_minutes (
        occurrence_id uuid PRIMARY KEY REFERENCES meeting_occurrences(id) ON DELETE CASCADE,
        status varchar(10) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'published')),
        content jsonb NOT NULL,
        html text NOT NULL,
        text text NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        approved_by uuid REFERENCES users(id),
        approved_at timestamptz,
        published_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE meeting_action_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurrence_id uuid NOT NULL REFERENCES meeting_occurrences(id) ON DELETE CASCADE,
        title varchar(300) NOT NULL,
        owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
        due_on date,
        city_id uuid REFERENCES cities(id) ON DELETE SET NULL,
        action_plan_id uuid REFERENCES action_plans(id) ON DELETE SET NULL,
        milestone_id uuid REFERENCES milestones(id) ON DELETE SET NULL,
        sent_at timestamptz,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX meeting_action_items_occurrence_idx ON meeting_action_items (occurrence_id, created_at, id)`);
    // For the ON DELETE SET NULL of people, cities, plans and milestones.
    await q.query(`CREATE INDEX meeting_action_items_owner_idx ON meeting_action_items (owner_id) WHERE owner_id IS NOT NULL`);
    await q.query(`CREATE INDEX meeting_action_items_city_idx ON meeting_action_items (city_id) WHERE city_id IS NOT NULL`);
    await q.query(`CREATE INDEX meeting_action_items_plan_idx ON meeting_action_items (action_plan_id) WHERE action_plan_id IS NOT NULL`);
    await q.query(`CREATE INDEX meeting_action_items_milestone_idx ON meeting_action_items (milestone_id) WHERE milestone_id IS NOT NULL`);

    // A reminder is sent once per occurrence, person and kind, however many instances sweep at the same moment.
    await q.query(`
      CREATE TABLE meeting_reminders (
        occurrence_id uuid NOT NULL REFERENCES meeting_occurrences(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(8) NOT NULL CHECK (kind IN ('24h', '15m')),
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (occurrence_id, user_id, kind)
      )`);
    await q.query(`CREATE INDEX meeting_reminders_user_idx ON meeting_reminders (user_id)`);

    // Notifications about a meeting occurrence (reminders, published minutes) point at it instead of a draft's thread.
    await q.query(`ALTER TABLE notifications ALTER COLUMN draft_id DROP NOT NULL, ALTER COLUMN thread_id DROP NOT NULL`);
    await q.query(`ALTER TABLE notifications ADD COLUMN occurrence_id uuid REFERENCES meeting_occurrences(id) ON DELETE CASCADE`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_subject_check CHECK ((draft_id IS NOT NULL AND thread_id IS NOT NULL) OR occurrence_id IS NOT NULL)`,
    );
    await q.query(`CREATE INDEX notifications_occurrence_idx ON notifications (occurrence_id) WHERE occurrence_id IS NOT NULL`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NEW_KINDS}))`);
    await q.query(`ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check`);
    await q.query(`ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check CHECK (kind IN (${NEW_KINDS}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification_preferences WHERE kind IN ('minutes_published', 'meeting_reminder')`);
    await q.query(`DELETE FROM notifications WHERE occurrence_id IS NOT NULL`);
    await q.query(`ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check`);
    await q.query(`ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check CHECK (kind IN (${OLD_KINDS}))`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${OLD_KINDS}))`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_subject_check`);
    await q.query(`ALTER TABLE notifications DROP COLUMN occurrence_id`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN draft_id SET NOT NULL, ALTER COLUMN thread_id SET NOT NULL`);
    for (const table of [
      'meeting_reminders',
      'meeting_action_items',
      'meeting_minutes',
      'meeting_poll_votes',
      'meeting_poll_ballots',
      'meeting_poll_options',
      'meeting_polls',
      'meeting_room_state',
      'meeting_attendance',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
