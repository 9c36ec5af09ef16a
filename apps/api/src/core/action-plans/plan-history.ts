import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HistoryEntry } from '@minga/contracts';

/** Which plan a change belongs to; the hub decides which dashboards and open data it invalidates. */
export interface PlanScope {
  planId: string;
  cityId: string;
  hubId: string | null;
  published: boolean;
}

export type Snapshot = Record<string, unknown>;

export interface HistoryRecord {
  entity: HistoryEntry['entity'];
  entityId: string;
  action: HistoryEntry['action'];
  before: Snapshot | null;
  after: Snapshot | null;
}

/** Cities without a hub share one revision row. */
export const NO_HUB = '00000000-0000-0000-0000-000000000000';

/**
 * Writes the history of changes to a plan and its parts, in the caller's transaction so a change and its record
 * commit together. It also bumps the hub's revision, which is what cached dashboards and open data compare with.
 */
@Injectable()
export class PlanHistory {
  async record(em: EntityManager, scope: PlanScope, actorId: string | null, records: HistoryRecord[]): Promise<void> {
    const rows = records
      .map((r) => ({ entity: r.entity, entity_id: r.entityId, action: r.action, changes: changesOf(r.before, r.after) }))
      // An update that changed nothing is not a change.
      .filter((r) => r.action !== 'update' || r.changes.length > 0);
    if (!rows.length) return;
    await em.query(
      `INSERT INTO action_plan_history (action_plan_id, city_id, actor_id, entity, entity_id, action, changes)
       SELECT $1, $2, $3, r.entity, r.entity_id, r.action, r.changes
       FROM jsonb_to_recordset($4::jsonb) AS r(entity text, entity_id uuid, action text, changes jsonb)`,
      [scope.planId, scope.cityId, actorId, JSON.stringify(rows)],
    );
    await em.query(
      `INSERT INTO action_plan_revisions (hub_id, revision) VALUES ($1, 1)
       ON CONFLICT (hub_id) DO UPDATE SET revision = action_plan_revisions.revision + 1`,
      [scope.hubId ?? NO_HUB],
    );
  }
}

/** Field by field: every field of a created or deleted thing, only the changed fields of an update. */
function changesOf(before: Snapshot | null, after: Snapshot | null): { field: string; before: unknown; after: unknown }[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields
    .map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
}
