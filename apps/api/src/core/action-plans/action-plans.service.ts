import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema, type ActionPlan, type HistoryEntry, type HistoryQuery, type Page } from '@minga/contracts';
import { decodeCursor, pageFrom } from '../../platform/common/cursor';
import { Problem } from '../../platform/common/problem';
import { SqlConditions } from '../../platform/common/sql-conditions';
import type { CreateActionPlanDto, UpdateActionPlanDto } from './action-plans.dto';
import { ActionPlanEntity } from './action-plan.entity';
import { PlanHistory, type PlanScope, type Snapshot } from './plan-history';
import { PlanReadModel, toActionPlan } from './plan-read-model';

/** The parts of a plan, each found through its plan for access checks. */
export type PlanPart = 'plan' | 'milestone' | 'task' | 'kpi' | 'measurement';

const SCOPE_SQL: Record<PlanPart, string> = {
  plan: 'FROM action_plans p',
  milestone: 'FROM milestones ms JOIN action_plans p ON p.id = ms.action_plan_id',
  task: 'FROM milestone_tasks mt JOIN milestones ms ON ms.id = mt.milestone_id JOIN action_plans p ON p.id = ms.action_plan_id',
  kpi: 'FROM kpis k JOIN action_plans p ON p.id = k.action_plan_id',
  measurement: 'FROM kpi_measurements m JOIN kpis k ON k.id = m.kpi_id JOIN action_plans p ON p.id = k.action_plan_id',
};
const SCOPE_ID: Record<PlanPart, string> = { plan: 'p.id', milestone: 'ms.id', task: 'mt.id', kpi: 'k.id', measurement: 'm.id' };
const PART_NAME: Record<PlanPart, string> = {
  plan: 'action plan',
  milestone: 'milestone',
  task: 'task',
  kpi: 'KPI',
  measurement: 'measurement',
};

const HISTORY_CURSOR = z.tuple([isoDateTimeSchema, uuidSchema]);

interface HistoryRow {
  id: string;
  action_plan_id: string;
  entity: HistoryEntry['entity'];
  entity_id: string;
  action: HistoryEntry['action'];
  actor_id: string | null;
  actor_name: string | null;
  at: Date;
  at_key: string;
  changes: HistoryEntry['changes'];
}

function planSnapshot(p: { statementOfIntent: string; stage: string; published: boolean; draftId: string | null }): Snapshot {
  return { statementOfIntent: p.statementOfIntent, stage: p.stage, published: p.published, draftId: p.draftId };
}

@Injectable()
export class ActionPlansService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly read: PlanReadModel,
    private readonly history: PlanHistory,
  ) {}

  /** A city's plans, one per model policy it adopts (a handful, so not paginated), by model policy name. */
  async listForCity(cityId: string): Promise<ActionPlan[]> {
    const rows = await this.read.plans(new SqlConditions().add('p.city_id = ?', cityId), 'mp.name, p.id');
    return rows.map(toActionPlan);
  }

  async findOne(id: string): Promise<ActionPlan> {
    const [row] = await this.read.plans(new SqlConditions().add('p.id = ?', id));
    if (!row) throw new Problem('not_found', 'No such action plan');
    return toActionPlan(row);
  }

  /** The plan a part belongs to, with what decides access to it; 404 for an unknown part. */
  async scopeOf(part: PlanPart, id: string, em: EntityManager = this.db.manager): Promise<PlanScope> {
    const rows: { plan_id: string; city_id: string; hub_id: string | null; published: boolean }[] = await em.query(
      `SELECT p.id AS plan_id, p.city_id, c.hub_id, p.published ${SCOPE_SQL[part]} JOIN cities c ON c.id = p.city_id
       WHERE ${SCOPE_ID[part]} = $1`,
      [id],
    );
    const [row] = rows;
    if (!row) throw new Problem('not_found', `No such ${PART_NAME[part]}`);
    return { planId: row.plan_id, cityId: row.city_id, hubId: row.hub_id, published: row.published };
  }

  /** The hub of a city, for deciding who may add a plan to it; 404 for an unknown city. */
  async cityScope(cityId: string): Promise<{ hubId: string | null; name: string }> {
    const [row]: { hub_id: string | null; name: string }[] = await this.db.query('SELECT hub_id, name FROM cities WHERE id = $1', [cityId]);
    if (!row) throw new Problem('not_found', 'No such city');
    return { hubId: row.hub_id, name: row.name };
  }

  async create(cityId: string, input: CreateActionPlanDto, actorId: string | null): Promise<ActionPlan> {
    const city = await this.cityScope(cityId);
    const [policy]: { name: string }[] = await this.db.query('SELECT name FROM model_policies WHERE id = $1', [input.modelPolicyId]);
    if (!policy) {
      throw new Problem('validation_failed', 'No such model policy', [{ path: 'modelPolicyId', message: 'No such model policy' }]);
    }
    if (input.draftId) await this.assertDraftOfCity(input.draftId, cityId);
    const id = await this.db.transaction(async (em) => {
      const existing = await em.query('SELECT 1 FROM action_plans WHERE city_id = $1 AND model_policy_id = $2', [
        cityId,
        input.modelPolicyId,
      ]);
      if (existing.length) throw new Problem('plan_exists', { city: city.name, policy: policy.name });
      const plans = em.getRepository(ActionPlanEntity);
      const plan = await plans.save(
        plans.create({
          cityId,
          modelPolicyId: input.modelPolicyId,
          statementOfIntent: input.statementOfIntent,
          stage: input.stage,
          published: input.published,
          publishedAt: input.published ? new Date() : null,
          draftId: input.draftId,
          createdBy: actorId,
        }),
      );
      const scope = { planId: plan.id, cityId, hubId: city.hubId, published: plan.published };
      await this.history.record(em, scope, actorId, [
        {
          entity: 'action_plan',
          entityId: plan.id,
          action: 'create',
          before: null,
          after: { modelPolicyId: plan.modelPolicyId, ...planSnapshot(plan) },
        },
      ]);
      return plan.id;
    });
    return this.findOne(id);
  }

  async update(id: string, input: UpdateActionPlanDto, actorId: string | null): Promise<ActionPlan> {
    await this.db.transaction(async (em) => {
      const plans = em.getRepository(ActionPlanEntity);
      const plan = await plans.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw new Problem('not_found', 'No such action plan');
      if (input.draftId) await this.assertDraftOfCity(input.draftId, plan.cityId);
      const before = planSnapshot(plan);
      if (input.published !== undefined && input.published !== plan.published) plan.publishedAt = input.published ? new Date() : null;
      Object.assign(plan, input);
      const after = planSnapshot(plan);
      if (JSON.stringify(before) === JSON.stringify(after)) return;
      await plans.save(plan);
      const scope = await this.scopeOf('plan', id, em);
      await this.history.record(em, scope, actorId, [{ entity: 'action_plan', entityId: id, action: 'update', before, after }]);
    });
    return this.findOne(id);
  }

  /** Removes the plan with its milestones, tasks, KPIs and measurements; its history stays, ending with this. */
  async remove(id: string, actorId: string | null): Promise<void> {
    await this.db.transaction(async (em) => {
      const scope = await this.scopeOf('plan', id, em);
      const plan = await em.getRepository(ActionPlanEntity).findOneByOrFail({ id });
      await em.query('DELETE FROM action_plans WHERE id = $1', [id]);
      await this.history.record(em, scope, actorId, [
        {
          entity: 'action_plan',
          entityId: id,
          action: 'delete',
          before: { modelPolicyId: plan.modelPolicyId, ...planSnapshot(plan) },
          after: null,
        },
      ]);
    });
  }

  /** Newest first: keyset pagination by (at DESC, id), the order of the history indexes. */
  async historyOf(planId: string, query: HistoryQuery): Promise<Page<HistoryEntry>> {
    const conditions = new SqlConditions().add('h.action_plan_id = ?', planId);
    if (query.entity) conditions.add('h.entity = ?', query.entity);
    const after = decodeCursor(query.cursor, HISTORY_CURSOR);
    if (after) conditions.add('h.at <= ?::timestamptz AND (h.at < ?::timestamptz OR h.id > ?::uuid)', after[0], after[0], after[1]);
    const limit = conditions.param(query.limit + 1);
    const rows: HistoryRow[] = await this.db.query(
      `SELECT h.id, h.action_plan_id, h.entity, h.entity_id, h.action, h.actor_id, u.name AS actor_name, h.at, h.changes,
              to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key
       FROM action_plan_history h LEFT JOIN users u ON u.id = h.actor_id
       ${conditions.where()} ORDER BY h.at DESC, h.id ASC LIMIT ${limit}`,
      conditions.params,
    );
    const page = pageFrom(rows, query.limit, (r) => [r.at_key, r.id]);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        actionPlanId: r.action_plan_id,
        entity: r.entity,
        entityId: r.entity_id,
        action: r.action,
        actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
        at: r.at.toISOString(),
        changes: r.changes,
      })),
      nextCursor: page.nextCursor,
    };
  }

  private async assertDraftOfCity(draftId: string, cityId: string): Promise<void> {
    const rows = await this.db.query('SELECT 1 FROM drafts WHERE id = $1 AND city_id = $2', [draftId, cityId]);
    if (!rows.length) {
      throw new Problem('validation_failed', 'No such draft of this city', [
        { path: 'draftId', message: 'Not a policy draft of this city' },
      ]);
    }
  }
}
