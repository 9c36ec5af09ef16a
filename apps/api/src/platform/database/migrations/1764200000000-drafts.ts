import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alliance's model policies and the cities' policy drafts made from them. A draft's text lives in the
 * collaboration tables (document `draft:<id>`); these rows hold what lists and access need.
 */
export class Drafts1764200000000 implements MigrationInterface {
  name = 'Drafts1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE model_policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key varchar(60) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        summary text NOT NULL,
        language varchar(35) NOT NULL DEFAULT 'en',
        template jsonb CHECK (template IS NULL OR jsonb_typeof(template) = 'array'),
        unveiled_on date
      )`);

    await q.query(`
      CREATE TABLE drafts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        city_id uuid NOT NULL REFERENCES cities(id) ON DELETE RESTRICT,
        model_policy_id uuid NOT NULL REFERENCES model_policies(id) ON DELETE RESTRICT,
        language varchar(35) NOT NULL,
        status varchar(30) NOT NULL DEFAULT 'drafting'
          CHECK (status IN ('drafting', 'legal_review', 'public_consultation', 'adopted')),
        -- Drafts outlive the account that started them.
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One index per list filter, each in the list's keyset order (updated_at DESC, id). The hub filter joins
    // cities and walks the city index for each of the hub's cities.
    await q.query(`CREATE INDEX drafts_updated_idx ON drafts (updated_at DESC, id)`);
    await q.query(`CREATE INDEX drafts_city_updated_idx ON drafts (city_id, updated_at DESC, id)`);
    await q.query(`CREATE INDEX drafts_status_updated_idx ON drafts (status, updated_at DESC, id)`);
    await q.query(`CREATE INDEX drafts_model_policy_updated_idx ON drafts (model_policy_id, updated_at DESC, id)`);
    await q.query(`CREATE INDEX drafts_created_by_idx ON drafts (created_by) WHERE created_by IS NOT NULL`);

    await q.query(`
      CREATE TABLE draft_owners (
        draft_id uuid NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (draft_id, user_id)
      )`);
    await q.query(`CREATE INDEX draft_owners_user_idx ON draft_owners (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['draft_owners', 'drafts', 'model_policies']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
