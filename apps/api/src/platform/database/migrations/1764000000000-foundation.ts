import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        name varchar(120) NOT NULL,
        password_hash text NOT NULL,
        locale varchar(35) NOT NULL DEFAULT 'en',
        time_zone varchar(64) NOT NULL DEFAULT 'UTC',
        working_hours jsonb NOT NULL,
        failed_sign_ins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE INDEX users_name_id_idx ON users (name, id)`);

    await q.query(`
      CREATE TABLE hubs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key varchar(40) NOT NULL UNIQUE,
        name varchar(120) NOT NULL,
        languages text[] NOT NULL DEFAULT '{}',
        time_zones text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE cities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hub_id uuid REFERENCES hubs(id) ON DELETE RESTRICT,
        name varchar(120) NOT NULL,
        country char(2) NOT NULL,
        time_zone varchar(64) NOT NULL,
        locale varchar(35) NOT NULL,
        population bigint CHECK (population >= 0),
        area_km2 numeric(12, 2) CHECK (area_km2 >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cities_country_name_key UNIQUE (country, name)
      )`);
    await q.query(`CREATE INDEX cities_hub_name_idx ON cities (hub_id, name, id)`);
    await q.query(`CREATE INDEX cities_name_id_idx ON cities (name, id)`);
    await q.query(`CREATE INDEX cities_country_name_idx ON cities (country, name, id)`);

    const roleCheck = `role IN ('admin', 'coordinator', 'expert', 'official', 'observer')`;
    // Scope rules mirror ROLE_SCOPE in libs/contracts: the database refuses an ill-scoped role too.
    const scopeCheck = `(
      (role = 'admin' AND hub_id IS NULL AND city_id IS NULL) OR
      (role IN ('coordinator', 'expert') AND hub_id IS NOT NULL AND city_id IS NULL) OR
      (role = 'official' AND hub_id IS NULL AND city_id IS NOT NULL) OR
      (role = 'observer' AND city_id IS NULL))`;

    await q.query(`
      CREATE TABLE role_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role varchar(20) NOT NULL CHECK (${roleCheck}),
        hub_id uuid REFERENCES hubs(id) ON DELETE CASCADE,
        city_id uuid REFERENCES cities(id) ON DELETE CASCADE,
        granted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT role_assignments_scope_check CHECK ${scopeCheck},
        CONSTRAINT role_assignments_unique UNIQUE NULLS NOT DISTINCT (user_id, role, hub_id, city_id)
      )`);
    await q.query(`CREATE INDEX role_assignments_hub_idx ON role_assignments (hub_id) WHERE hub_id IS NOT NULL`);
    await q.query(`CREATE INDEX role_assignments_city_idx ON role_assignments (city_id) WHERE city_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        role varchar(20) NOT NULL CHECK (${roleCheck}),
        hub_id uuid REFERENCES hubs(id) ON DELETE CASCADE,
        city_id uuid REFERENCES cities(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL UNIQUE,
        invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invitations_scope_check CHECK ${scopeCheck}
      )`);
    await q.query(`CREATE INDEX invitations_hub_created_idx ON invitations (hub_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX invitations_city_created_idx ON invitations (city_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX invitations_created_idx ON invitations (created_at DESC, id)`);
    await q.query(`CREATE INDEX invitations_email_idx ON invitations (lower(email))`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        replaced_at timestamptz,
        user_agent varchar(300),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['refresh_tokens', 'invitations', 'role_assignments', 'cities', 'hubs', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
