import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActionItem, CreateActionItem, OccurrenceContext, SendToPlan, UpdateActionItem } from '@minga/contracts';
import { AccessService } from '../../platform/access/access.service';
import type { AuthPrincipal } from '../../platform/access/principal';
import { ActionPlansService } from '../action-plans/action-plans.service';
import { MilestonesService } from '../action-plans/milestones.service';
import { Problem, type FieldError } from '../../platform/common/problem';
import { returning } from '../../platform/database/returning';
import { oneRow } from '../../platform/database/one-row';

interface ActionItemRow {
  id: string;
  occurrence_id: string;
  title: string;
  owner_id: string | null;
  owner_name: string | null;
  due_on: string | null;
  city_id: string | null;
  city_name: string | null;
  action_plan_id: string | null;
  milestone_id: string | null;
  sent_at: Date | null;
  created_by: string;
  created_by_name: string;
  created_at: Date;
  updated_at: Date;
}

const SELECT_ITEMS = `
  SELECT i.id, i.occurrence_id, i.title, i.owner_id, o.name AS owner_name, to_char(i.due_on, 'YYYY-MM-DD') AS due_on,
         i.city_id, c.name AS city_name, i.action_plan_id, i.milestone_id, i.sent_at, i.created_by, cb.name AS created_by_name,
         i.created_at, i.updated_at
  FROM meeting_action_items i
  LEFT JOIN users o ON o.id = i.owner_id
  LEFT JOIN cities c ON c.id = i.city_id
  JOIN users cb ON cb.id = i.created_by`;

/**
 * Action items agreed in a meeting (title, owner, due date, city). Sending one to its city's action plan adds a
 * milestone through the action-plans domain (its history and revision bump included) and records which.
 */
@Injectable()
export class ActionItemsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly plans: ActionPlansService,
    private readonly milestones: MilestonesService,
  ) {}

  async list(occurrenceId: string): Promise<ActionItem[]> {
    const rows: ActionItemRow[] = await this.db.query(`${SELECT_ITEMS} WHERE i.occurrence_id = $1 ORDER BY i.created_at, i.id`, [
      occurrenceId,
    ]);
    return rows.map(toActionItem);
  }

  /** The item and its occurrence id (404 when there is none). */
  async findOne(id: string): Promise<ActionItem> {
    const [row]: ActionItemRow[] = await this.db.query(`${SELECT_ITEMS} WHERE i.id = $1`, [id]);
    if (!row) throw new Problem('not_found', 'No such action item');
    return toActionItem(row);
  }

  async create(occurrenceId: string, input: Required<CreateActionItem>, me: AuthPrincipal): Promise<ActionItem> {
    await this.assertReferences(input.ownerId, input.cityId);
    const { id } = oneRow<{ id: string }>(
      await this.db.query(
        `INSERT INTO meeting_action_items (occurrence_id, title, owner_id, due_on, city_id, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [occurrenceId, input.title, input.ownerId, input.dueOn, input.cityId, me.id],
      ),
    );
    return this.findOne(id);
  }

  async update(id: string, input: UpdateActionItem): Promise<ActionItem> {
    await this.assertReferences(input.ownerId ?? null, input.cityId ?? null);
    const fields = Object.entries({ title: input.title, owner_id: input.ownerId, due_on: input.dueOn, city_id: input.cityId }).filter(
      ([, v]) => v !== undefined,
    );
    if (fields.length) {
      const sets = fields.map(([column], i) => `${column} = $${i + 2}`).join(', ');
      const rows = await returning(
        this.db,
        `UPDATE meeting_action_items SET ${sets}, updated_at = now() WHERE id = $1 AND sent_at IS NULL RETURNING id`,
        [id, ...fields.map(([, v]) => v)],
      );
      if (!rows.length) await this.assertNotSent(id);
    }
    return this.findOne(id);
  }

  async remove(id: string): Promise<void> {
    const rows = await returning(this.db, 'DELETE FROM meeting_action_items WHERE id = $1 AND sent_at IS NULL RETURNING id', [id]);
    if (!rows.length) await this.assertNotSent(id);
  }

  /**
   * Adds the item to its city's action plan as a milestone. The item is claimed first (sent_at set where it was
   * null), so two people sending it at once make one milestone; a failure gives the claim back.
   */
  async sendToPlan(item: ActionItem, ctx: OccurrenceContext, input: SendToPlan, me: AuthPrincipal): Promise<ActionItem> {
    const errors: FieldError[] = [];
    if (!item.city) errors.push({ path: 'cityId', message: 'Choose the city whose plan this goes to' });
    if (!item.dueOn) errors.push({ path: 'dueOn', message: 'A milestone needs a due date' });
    if (errors.length || !item.city || !item.dueOn)
      throw new Problem('validation_failed', 'This action item cannot become a milestone yet', errors);
    if (item.milestoneId) throw new Problem('action_item_in_plan');
    const planId = await this.planFor(item.city.id, ctx, input.actionPlanId);
    const scope = await this.plans.scopeOf('plan', planId);
    this.access.assert(me, 'update', {
      kind: 'ActionPlan',
      id: scope.planId,
      cityId: scope.cityId,
      hubId: scope.hubId,
      published: scope.published,
    });

    const claimed = await returning(
      this.db,
      'UPDATE meeting_action_items SET sent_at = now(), action_plan_id = $2, updated_at = now() WHERE id = $1 AND sent_at IS NULL RETURNING id',
      [item.id, planId],
    );
    if (!claimed.length) throw new Problem('action_item_in_plan');
    try {
      const milestone = await this.milestones.create(
        scope,
        { title: item.title, dueDate: item.dueOn, ownerId: item.owner?.id ?? null, status: 'planned', evidenceLinks: [], tasks: [] },
        me.id,
      );
      await this.db.query('UPDATE meeting_action_items SET milestone_id = $2 WHERE id = $1', [item.id, milestone.id]);
    } catch (err) {
      await this.db.query('UPDATE meeting_action_items SET sent_at = NULL, action_plan_id = NULL WHERE id = $1', [item.id]);
      throw err;
    }
    return this.findOne(item.id);
  }

  /** The given plan (it must be the city's), else the city's plan for the cohort's model policy, else its only plan. */
  private async planFor(cityId: string, ctx: OccurrenceContext, requested: string | undefined): Promise<string> {
    const plans: { id: string; model_policy_id: string }[] = await this.db.query(
      'SELECT id, model_policy_id FROM action_plans WHERE city_id = $1',
      [cityId],
    );
    if (requested) {
      if (!plans.some((p) => p.id === requested))
        throw new Problem('validation_failed', 'Not a plan of this city', [
          { path: 'actionPlanId', message: 'Not a plan of the item’s city' },
        ]);
      return requested;
    }
    if (ctx.cohort) {
      const [cohort]: { model_policy_id: string | null }[] = await this.db.query('SELECT model_policy_id FROM cohorts WHERE id = $1', [
        ctx.cohort.id,
      ]);
      const match = plans.find((p) => p.model_policy_id === cohort?.model_policy_id);
      if (match) return match.id;
    }
    const [only, ...others] = plans;
    if (only && !others.length) return only.id;
    throw new Problem(only ? 'plan_ambiguous' : 'plan_missing');
  }

  private async assertReferences(ownerId: string | null, cityId: string | null): Promise<void> {
    if (!ownerId && !cityId) return;
    const found = oneRow<{ owner: boolean; city: boolean }>(
      await this.db.query(
        'SELECT EXISTS (SELECT 1 FROM users WHERE id = $1) AS owner, EXISTS (SELECT 1 FROM cities WHERE id = $2) AS city',
        [ownerId, cityId],
      ),
    );
    const errors: FieldError[] = [];
    if (ownerId && !found.owner) errors.push({ path: 'ownerId', message: `No such person: ${ownerId}` });
    if (cityId && !found.city) errors.push({ path: 'cityId', message: `No such city: ${cityId}` });
    if (errors.length) throw new Problem('validation_failed', 'Unknown owner or city', errors);
  }

  private async assertNotSent(id: string): Promise<void> {
    const rows: { sent_at: Date | null }[] = await this.db.query('SELECT sent_at FROM meeting_action_items WHERE id = $1', [id]);
    if (!rows[0]) throw new Problem('not_found', 'No such action item');
    throw new Problem('action_item_in_plan', 'This action item was sent to an action plan; change the milestone there');
  }
}

function toActionItem(row: ActionItemRow): ActionItem {
  return {
    id: row.id,
    occurrenceId: row.occurrence_id,
    title: row.title,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    dueOn: row.due_on,
    city: row.city_id ? { id: row.city_id, name: row.city_name ?? '' } : null,
    actionPlanId: row.action_plan_id,
    milestoneId: row.milestone_id,
    sentAt: row.sent_at ? row.sent_at.toISOString() : null,
    createdBy: { id: row.created_by, name: row.created_by_name },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
