import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins are counted per (email, client address) and per email across all addresses (client '*'),
 * for known and unknown emails alike, instead of on the user's row: a stranger could lock anyone out, and only
 * existing accounts ever answered "locked". The email is kept only as a keyed hash.
 */
export class SignInFailures1764850000000 implements MigrationInterface {
  name = 'SignInFailures1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_in_failures (
        email_hash bytea NOT NULL,
        client text NOT NULL,
        failures integer NOT NULL,
        locked_until timestamptz,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (email_hash, client)
      )`);
    // Rows past expires_at mean nothing any more; the cleanup after each failure finds them by it.
    await q.query(`CREATE INDEX sign_in_failures_expires_idx ON sign_in_failures (expires_at)`);
    await q.query(`ALTER TABLE users DROP COLUMN failed_sign_ins, DROP COLUMN locked_until`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN failed_sign_ins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz`);
    await q.query(`DROP TABLE sign_in_failures`);
  }
}
