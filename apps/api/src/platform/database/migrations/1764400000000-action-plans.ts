import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cities' action plans (one per city and model policy), their milestones and tasks, KPIs and measurements, the
 * history of every change, and a revision counter per hub that lets dashboards and open data be cached safely.
 * Progress, overdue flags and KPI status are computed when read, never stored, so they cannot drift.
 */
export class ActionPlans1764400000000 implements MigrationInterface {
  name = 'ActionPlans1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const stages = `'assess', 'localize', 'draft', 'legal_review', 'consultation', 'adopted', 'implementing', 'evaluating'`;
    await q.query(`
      CREATE TABLE action_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        city_id uuid NOT NULL REFERENCES cities(id) ON DELETE RESTRICT,
        model_policy_id uuid NOT NULL REFERENCES model_policies(id) ON DELETE RESTRICT,
        statement_of_intent text NOT NULL DEFAULT '',
        stage varchar(20) NOT NULL DEFAULT 'assess' CHECK (stage IN (${stages})),
        published boolean NOT NULL DEFAULT false,
        published_at timestamptz,
        draft_id uuid REFERENCES drafts(id) ON DELETE SET NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT action_plans_city_policy_key UNIQUE (city_id, model_policy_id),
        CONSTRAINT action_plans_published_at_check CHECK (published = (published_at IS NOT NULL))
      )`);
    // The unique key serves "plans of a city"; the dashboard filters by model policy and stage, open data by published.
    await q.query(`CREATE INDEX action_plans_model_policy_idx ON action_plans (model_policy_id, city_id)`);
    await q.query(`CREATE INDEX action_plans_stage_idx ON action_plans (stage, city_id)`);
    await q.query(`CREATE INDEX action_plans_published_idx ON action_plans (city_id) WHERE published`);
    await q.query(`CREATE INDEX action_plans_draft_idx ON action_plans (draft_id) WHERE draft_id IS NOT NULL`);
    await q.query(`CREATE INDEX action_plans_created_by_idx ON action_plans (created_by) WHERE created_by IS NOT NULL`);

    await q.query(`
      CREATE TABLE milestones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_plan_id uuid NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
        title varchar(300) NOT NULL,
        due_date date NOT NULL,
        owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
        status varchar(20) NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'blocked')),
        evidence_links text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A plan's milestones in due order; the partial index holds only open ones, which is all "overdue" and "due" look at.
    await q.query(`CREATE INDEX milestones_plan_due_idx ON milestones (action_plan_id, due_date, id)`);
    await q.query(`CREATE INDEX milestones_plan_open_due_idx ON milestones (action_plan_id, due_date) WHERE status <> 'done'`);
    await q.query(`CREATE INDEX milestones_owner_idx ON milestones (owner_id) WHERE owner_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE milestone_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        milestone_id uuid NOT NULL REFERENCES milestones(id) ON DELETE CASCADE,
        title varchar(300) NOT NULL,
        done boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX milestone_tasks_milestone_idx ON milestone_tasks (milestone_id, created_at, id) INCLUDE (done)`);

    await q.query(`
      CREATE TABLE kpis (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_plan_id uuid NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        unit varchar(40) NOT NULL,
        direction varchar(4) NOT NULL CHECK (direction IN ('up', 'down')),
        baseline_value double precision NOT NULL,
        baseline_date date NOT NULL,
        target_value double precision NOT NULL,
        target_date date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- A KPI is found by name in measurement imports.
        CONSTRAINT kpis_plan_name_key UNIQUE (action_plan_id, name),
        CONSTRAINT kpis_trajectory_check CHECK (
          target_date > baseline_date
          AND CASE direction WHEN 'up' THEN target_value > baseline_value ELSE target_value < baseline_value END)
      )`);

    await q.query(`
      CREATE TABLE kpi_measurements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kpi_id uuid NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
        measured_on date NOT NULL,
        value double precision NOT NULL,
        source varchar(500),
        note varchar(2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- One value per KPI and day, so "the latest measurement" is well defined.
        CONSTRAINT kpi_measurements_kpi_date_key UNIQUE (kpi_id, measured_on)
      )`);
    // The unique key (kpi_id, measured_on) serves both the chart order and "latest" (a backward index scan, LIMIT 1).

    await q.query(`
      CREATE TABLE action_plan_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- No foreign key: the history of a deleted plan, including its deletion, stays.
        action_plan_id uuid NOT NULL,
        city_id uuid NOT NULL,
        entity varchar(20) NOT NULL CHECK (entity IN ('action_plan', 'milestone', 'task', 'kpi', 'measurement')),
        entity_id uuid NOT NULL,
        action varchar(10) NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'array')
      )`);
    await q.query(`CREATE INDEX action_plan_history_plan_at_idx ON action_plan_history (action_plan_id, at DESC, id)`);
    await q.query(`CREATE INDEX action_plan_history_plan_entity_at_idx ON action_plan_history (action_plan_id, entity, at DESC, id)`);
    await q.query(`CREATE INDEX action_plan_history_actor_idx ON action_plan_history (actor_id) WHERE actor_id IS NOT NULL`);

    // Bumped in the transaction of every change to a plan or its parts (hubless cities count under the nil UUID).
    await q.query(`
      CREATE TABLE action_plan_revisions (
        hub_id uuid PRIMARY KEY,
        revision bigint NOT NULL DEFAULT 0
      )`);

    // The KPI status rule of libs/contracts (kpiStatusOf), in SQL so lists and dashboards compute it in their query.
    await q.query(`
      CREATE FUNCTION kpi_status(direction text, baseline_value float8, baseline_date date, target_value float8,
                                 target_date date, latest_value float8, latest_date date) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN latest_value IS NULL THEN 'no_data'
          WHEN ahead >= 0 THEN 'on_track'
          WHEN -ahead <= 0.1 * abs(target_value - baseline_value) THEN 'at_risk'
          ELSE 'off_track'
        END
        FROM (SELECT CASE WHEN direction = 'up' THEN latest_value - expected ELSE expected - latest_value END AS ahead
              FROM (SELECT baseline_value + (target_value - baseline_value)
                           * least(greatest((latest_date - baseline_date)::float8 / (target_date - baseline_date), 0), 1)
                           AS expected) e) a
      $$`);
    await q.query(`
      CREATE FUNCTION kpi_progress(baseline_value float8, target_value float8, latest_value float8) RETURNS float8
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT (latest_value - baseline_value) / nullif(target_value - baseline_value, 0)
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS kpi_progress(float8, float8, float8)');
    await q.query('DROP FUNCTION IF EXISTS kpi_status(text, float8, date, float8, date, float8, date)');
    for (const table of [
      'action_plan_revisions',
      'action_plan_history',
      'kpi_measurements',
      'kpis',
      'milestone_tasks',
      'milestones',
      'action_plans',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
