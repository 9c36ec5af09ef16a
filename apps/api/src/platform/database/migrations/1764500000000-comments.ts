import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comment threads and suggestions anchored to a draft's text by Yjs relative positions (never marks in the document),
 * their comments, accepted suggestions as contributions, and people's notifications with their preferences.
 */
export class Comments1764500000000 implements MigrationInterface {
  name = 'Comments1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE comment_threads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        draft_id uuid NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        kind varchar(12) NOT NULL CHECK (kind IN ('comment', 'suggestion')),
        anchor_start bytea,
        anchor_end bytea,
        quote text NOT NULL DEFAULT '',
        status varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        author_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_by uuid REFERENCES users(id),
        resolved_at timestamptz,
        replacement text,
        suggestion_state varchar(10) CHECK (suggestion_state IN ('pending', 'accepted', 'rejected')),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        CHECK ((anchor_start IS NULL) = (anchor_end IS NULL)),
        CHECK ((kind = 'suggestion') = (suggestion_state IS NOT NULL AND replacement IS NOT NULL))
      )`);
    // The list is newest first per draft, optionally per status; "mine" adds the author.
    await q.query(`CREATE INDEX comment_threads_draft_idx ON comment_threads (draft_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX comment_threads_draft_status_idx ON comment_threads (draft_id, status, created_at DESC, id)`);
    await q.query(`CREATE INDEX comment_threads_author_idx ON comment_threads (author_id, draft_id)`);

    await q.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        thread_id uuid NOT NULL REFERENCES comment_threads(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users(id),
        body text,
        mentions uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        deleted_at timestamptz,
        CHECK ((deleted_at IS NULL) = (body IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX comments_thread_idx ON comments (thread_id, created_at, id)`);
    // "Mentioning me": threads with a comment whose mentions contain the caller.
    await q.query(`CREATE INDEX comments_mentions_idx ON comments USING gin (mentions)`);

    await q.query(`
      CREATE TABLE draft_contributions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        draft_id uuid NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        thread_id uuid NOT NULL UNIQUE REFERENCES comment_threads(id) ON DELETE CASCADE,
        heading text,
        before_text text NOT NULL,
        after_text text NOT NULL,
        proposed_by uuid NOT NULL REFERENCES users(id),
        accepted_by uuid NOT NULL REFERENCES users(id),
        accepted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX draft_contributions_draft_idx ON draft_contributions (draft_id, accepted_at, id)`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(24) NOT NULL CHECK (kind IN ('mention', 'reply', 'suggestion', 'suggestion_accepted', 'suggestion_rejected')),
        draft_id uuid NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        thread_id uuid NOT NULL REFERENCES comment_threads(id) ON DELETE CASCADE,
        comment_id uuid REFERENCES comments(id) ON DELETE SET NULL,
        actor_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        in_app boolean NOT NULL,
        email varchar(12) NOT NULL CHECK (email IN ('off', 'immediate', 'daily_digest')),
        emailed_at timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id) WHERE in_app`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE in_app AND read_at IS NULL`);
    await q.query(
      `CREATE INDEX notifications_digest_idx ON notifications (user_id, created_at) WHERE email = 'daily_digest' AND emailed_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(24) NOT NULL CHECK (kind IN ('mention', 'reply', 'suggestion', 'suggestion_accepted', 'suggestion_rejected')),
        in_app boolean NOT NULL,
        email varchar(12) NOT NULL CHECK (email IN ('off', 'immediate', 'daily_digest')),
        PRIMARY KEY (user_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notification_preferences`);
    await q.query(`DROP TABLE IF EXISTS notifications`);
    await q.query(`DROP TABLE IF EXISTS draft_contributions`);
    await q.query(`DROP TABLE IF EXISTS comments`);
    await q.query(`DROP TABLE IF EXISTS comment_threads`);
  }
}
