import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import { KpisService } from '../action-plans/kpis.service';
import { MilestonesService } from '../action-plans/milestones.service';
import { demoActionPlans } from './demo-action-plans';

const SEED_LOCK = 7461002;

/**
 * Seeds the demo action plans through the action-plans services (so they carry history, as changes made by the
 * system). A plan is added only when its city has none for that model policy: nothing people changed is touched.
 * DemoSeedService runs it once the hubs and cities exist; the model policies' module is bootstrapped before.
 */
@Injectable()
export class DemoActionPlanSeed {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: ActionPlansService,
    private readonly milestones: MilestonesService,
    private readonly kpis: KpisService,
  ) {}

  async run(): Promise<void> {
    // The services commit in several transactions, so instances starting together take turns on a session lock.
    const lock = this.db.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
      const added = await this.seed();
      if (added) this.logger.log(`Demo action plans added: ${added}`);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
      await lock.release();
    }
  }

  private async seed(): Promise<number> {
    let added = 0;
    for (const demo of demoActionPlans()) {
      const [row]: { city_id: string; policy_id: string; exists: boolean }[] = await this.db.query(
        `SELECT c.id AS city_id, mp.id AS policy_id,
                EXISTS (SELECT 1 FROM action_plans p WHERE p.city_id = c.id AND p.model_policy_id = mp.id) AS exists
         FROM cities c, model_policies mp WHERE c.name = $1 AND c.country = $2 AND mp.key = $3`,
        [demo.city, demo.country, demo.policy],
      );
      if (!row || row.exists) continue;
      const plan = await this.plans.create(
        row.city_id,
        {
          modelPolicyId: row.policy_id,
          statementOfIntent: demo.statementOfIntent,
          stage: demo.stage,
          published: demo.published,
          draftId: null,
        },
        null,
      );
      const scope = await this.plans.scopeOf('plan', plan.id);
      for (const m of demo.milestones) {
        await this.milestones.create(
          scope,
          {
            title: m.title,
            dueDate: m.dueDate,
            status: m.status,
            ownerId: null,
            evidenceLinks: m.evidenceLinks ?? [],
            tasks: m.tasks ?? [],
          },
          null,
        );
      }
      for (const k of demo.kpis) {
        const kpi = await this.kpis.create(
          scope,
          {
            name: k.name,
            unit: k.unit,
            direction: k.direction,
            baselineValue: k.baseline.value,
            baselineDate: k.baseline.date,
            targetValue: k.target.value,
            targetDate: k.target.date,
          },
          null,
        );
        for (const m of k.measurements) {
          await this.kpis.addMeasurement(kpi.id, { date: m.date, value: m.value, source: m.source, note: m.note ?? null }, null);
        }
      }
      added++;
    }
    return added;
  }
}
