import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open data pages a hub's measurements by (plan, KPI, date): KPIs are walked in (plan, id) order from the cursor,
 * each KPI's measurements on its (kpi_id, measured_on) key, so a page costs the rows it returns.
 */
export class ActionPlanReadIndexes1764450000000 implements MigrationInterface {
  name = 'ActionPlanReadIndexes1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX IF NOT EXISTS kpis_plan_id_idx ON kpis (action_plan_id, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS kpis_plan_id_idx');
  }
}
