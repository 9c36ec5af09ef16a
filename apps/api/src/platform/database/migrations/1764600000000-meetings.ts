import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cohorts (cities of any hub + experts, owned by a hub), meetings and series in their organiser's wall-clock time,
 * materialised occurrences (the stable ids the live room, notes, minutes, agenda and RSVPs hang off), invitees,
 * RSVPs with a FIFO waiting list, and secret-token calendar feeds (only the token's SHA-256 is stored).
 */
export class Meetings1764600000000 implements MigrationInterface {
  name = 'Meetings1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cohorts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hub_id uuid NOT NULL REFERENCES hubs(id) ON DELETE RESTRICT,
        name varchar(200) NOT NULL,
        model_policy_id uuid REFERENCES model_policies(id) ON DELETE SET NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on)
      )`);
    // A hub's cohorts, latest first.
    await q.query(`CREATE INDEX cohorts_hub_idx ON cohorts (hub_id, starts_on DESC, id)`);
    await q.query(`CREATE INDEX cohorts_model_policy_idx ON cohorts (model_policy_id) WHERE model_policy_id IS NOT NULL`);
    await q.query(`CREATE INDEX cohorts_created_by_idx ON cohorts (created_by) WHERE created_by IS NOT NULL`);

    await q.query(`
      CREATE TABLE cohort_cities (
        cohort_id uuid NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
        city_id uuid NOT NULL REFERENCES cities(id) ON DELETE CASCADE,
        PRIMARY KEY (cohort_id, city_id)
      )`);
    // "Cohorts of my city" (an official's meetings and feeds).
    await q.query(`CREATE INDEX cohort_cities_city_idx ON cohort_cities (city_id, cohort_id)`);

    await q.query(`
      CREATE TABLE cohort_experts (
        cohort_id uuid NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (cohort_id, user_id)
      )`);
    await q.query(`CREATE INDEX cohort_experts_user_idx ON cohort_experts (user_id, cohort_id)`);

    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hub_id uuid NOT NULL REFERENCES hubs(id) ON DELETE RESTRICT,
        cohort_id uuid REFERENCES cohorts(id) ON DELETE RESTRICT,
        title varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        organiser_id uuid NOT NULL REFERENCES users(id),
        time_zone varchar(64) NOT NULL,
        -- Wall-clock start of the first occurrence in time_zone (no zone: it is local by definition).
        local_start timestamp NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
        rrule text,
        online_url text,
        place text,
        capacity integer CHECK (capacity > 0),
        draft_id uuid REFERENCES drafts(id) ON DELETE SET NULL,
        sequence integer NOT NULL DEFAULT 0,
        status varchar(10) NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX meetings_hub_idx ON meetings (hub_id, id)`);
    await q.query(`CREATE INDEX meetings_cohort_idx ON meetings (cohort_id, id) WHERE cohort_id IS NOT NULL`);
    await q.query(`CREATE INDEX meetings_organiser_idx ON meetings (organiser_id)`);
    await q.query(`CREATE INDEX meetings_draft_idx ON meetings (draft_id) WHERE draft_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE meeting_occurrences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        -- The original wall-clock start in the meeting's zone: RFC 5545 RECURRENCE-ID, stable across moves.
        recurrence_id timestamp NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        overridden boolean NOT NULL DEFAULT false,
        sequence integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CONSTRAINT meeting_occurrences_recurrence_key UNIQUE (meeting_id, recurrence_id)
      )`);
    // Lists by date range: per meeting (and so per cohort, hub, invitee through meetings), and across all.
    await q.query(`CREATE INDEX meeting_occurrences_meeting_start_idx ON meeting_occurrences (meeting_id, starts_at, id)`);
    await q.query(`CREATE INDEX meeting_occurrences_start_idx ON meeting_occurrences (starts_at, id)`);

    await q.query(`
      CREATE TABLE meeting_agenda_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        -- Null: the series' template, copied to each new occurrence.
        occurrence_id uuid REFERENCES meeting_occurrences(id) ON DELETE CASCADE,
        position integer NOT NULL,
        title varchar(200) NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
        presenter_id uuid REFERENCES users(id) ON DELETE SET NULL,
        draft_id uuid REFERENCES drafts(id) ON DELETE SET NULL,
        draft_section text
      )`);
    await q.query(
      `CREATE INDEX meeting_agenda_items_occurrence_idx ON meeting_agenda_items (occurrence_id, position) WHERE occurrence_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX meeting_agenda_items_template_idx ON meeting_agenda_items (meeting_id, position) WHERE occurrence_id IS NULL`,
    );
    await q.query(`CREATE INDEX meeting_agenda_items_presenter_idx ON meeting_agenda_items (presenter_id) WHERE presenter_id IS NOT NULL`);
    await q.query(`CREATE INDEX meeting_agenda_items_draft_idx ON meeting_agenda_items (draft_id) WHERE draft_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE meeting_invitees (
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (meeting_id, user_id)
      )`);
    // "My meetings" and personal feeds start from the person.
    await q.query(`CREATE INDEX meeting_invitees_user_idx ON meeting_invitees (user_id, meeting_id)`);

    // Waiting-list tickets: increasing numbers, so the list is first come, first served.
    await q.query(`CREATE SEQUENCE meeting_waitlist_seq`);
    await q.query(`
      CREATE TABLE meeting_rsvps (
        occurrence_id uuid NOT NULL REFERENCES meeting_occurrences(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        response varchar(5) NOT NULL CHECK (response IN ('yes', 'no', 'maybe')),
        -- Set while a 'yes' waits for a place (ticket order); null once it has one.
        waitlist_position bigint,
        responded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (occurrence_id, user_id),
        CHECK (waitlist_position IS NULL OR response = 'yes')
      )`);
    await q.query(
      `CREATE INDEX meeting_rsvps_waitlist_idx ON meeting_rsvps (occurrence_id, waitlist_position) WHERE waitlist_position IS NOT NULL`,
    );
    await q.query(`CREATE INDEX meeting_rsvps_user_idx ON meeting_rsvps (user_id)`);

    await q.query(`
      CREATE TABLE calendar_feeds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(8) NOT NULL CHECK (kind IN ('user', 'cohort')),
        cohort_id uuid REFERENCES cohorts(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CHECK ((kind = 'cohort') = (cohort_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX calendar_feeds_user_idx ON calendar_feeds (user_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX calendar_feeds_cohort_idx ON calendar_feeds (cohort_id) WHERE cohort_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS calendar_feeds`);
    await q.query(`DROP TABLE IF EXISTS meeting_rsvps`);
    await q.query(`DROP SEQUENCE IF EXISTS meeting_waitlist_seq`);
    await q.query(`DROP TABLE IF EXISTS meeting_invitees`);
    await q.query(`DROP TABLE IF EXISTS meeting_agenda_items`);
    await q.query(`DROP TABLE IF EXISTS meeting_occurrences`);
    await q.query(`DROP TABLE IF EXISTS meetings`);
    await q.query(`DROP TABLE IF EXISTS cohort_experts`);
    await q.query(`DROP TABLE IF EXISTS cohort_cities`);
    await q.query(`DROP TABLE IF EXISTS cohorts`);
  }
}
