import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  createMilestoneSchema,
  MAX_IMPORT_ROWS,
  MAX_MILESTONES_PER_PLAN,
  MILESTONE_CSV_COLUMNS,
  type ImportReport,
  type Milestone,
  type Task,
  type UpdateMilestone,
  type UpdateTask,
} from '@minga/contracts';
import { parseCsv, type CsvCell } from '../../platform/common/csv';
import { Problem } from '../../platform/common/problem';
import { SqlConditions } from '../../platform/common/sql-conditions';
import { ActionPlansService } from './action-plans.service';
import { MilestoneEntity, MilestoneTaskEntity } from './action-plan.entity';
import { PlanHistory, type HistoryRecord, type PlanScope, type Snapshot } from './plan-history';
import { ImportFindings, listCell } from './plan-import';
import { PlanReadModel, toMilestone } from './plan-read-model';
import { oneRow } from '../../platform/database/one-row';

interface NewMilestone {
  id: string;
  title: string;
  dueDate: string;
  ownerId: string | null;
  status: Milestone['status'];
  evidenceLinks: string[];
  tasks: { id: string; title: string; done: boolean }[];
}

const snapshotOf = (m: Omit<NewMilestone, 'id' | 'tasks'>): Snapshot => ({
  title: m.title,
  dueDate: m.dueDate,
  ownerId: m.ownerId,
  status: m.status,
  evidenceLinks: m.evidenceLinks,
});
const taskSnapshot = (t: { milestoneId: string; title: string; done: boolean }): Snapshot => ({
  milestoneId: t.milestoneId,
  title: t.title,
  done: t.done,
});

/** Field paths of the milestone contract, as the CSV's column names. */
function columnOf(path: PropertyKey[]): string {
  const field = String(path[0] ?? 'row');
  return { dueDate: 'due_date', ownerId: 'owner_id', evidenceLinks: 'evidence_links' }[field] ?? field;
}

@Injectable()
export class MilestonesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: ActionPlansService,
    private readonly read: PlanReadModel,
    private readonly history: PlanHistory,
  ) {}

  /** A plan's milestones by due date (at most MAX_MILESTONES_PER_PLAN, so one answer). */
  async list(planId: string): Promise<Milestone[]> {
    return (await this.read.milestones(new SqlConditions().add('ms.action_plan_id = ?', planId))).map(toMilestone);
  }

  async findOne(id: string): Promise<Milestone> {
    const [row] = await this.read.milestones(new SqlConditions().add('ms.id = ?', id));
    if (!row) throw new Problem('not_found', 'No such milestone');
    return toMilestone(row);
  }

  async create(scope: PlanScope, parsed: z.output<typeof createMilestoneSchema>, actorId: string | null): Promise<Milestone> {
    await this.assertOwners([parsed.ownerId], (id) => [{ path: 'ownerId', message: `No such person: ${id}` }]);
    const milestone: NewMilestone = {
      ...parsed,
      id: randomUUID(),
      tasks: parsed.tasks.map((t) => ({ id: randomUUID(), title: t.title, done: t.done })),
    };
    await this.db.transaction((em) => this.insert(em, scope, [milestone], actorId));
    return this.findOne(milestone.id);
  }

  async update(id: string, input: UpdateMilestone, actorId: string | null): Promise<Milestone> {
    if (input.ownerId) await this.assertOwners([input.ownerId], (owner) => [{ path: 'ownerId', message: `No such person: ${owner}` }]);
    await this.db.transaction(async (em) => {
      const repo = em.getRepository(MilestoneEntity);
      const milestone = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!milestone) throw new Problem('not_found', 'No such milestone');
      const before = snapshotOf(milestone);
      Object.assign(milestone, input);
      const after = snapshotOf(milestone);
      if (JSON.stringify(before) === JSON.stringify(after)) return;
      await repo.save(milestone);
      const scope = await this.plans.scopeOf('milestone', id, em);
      await this.history.record(em, scope, actorId, [{ entity: 'milestone', entityId: id, action: 'update', before, after }]);
    });
    return this.findOne(id);
  }

  async remove(id: string, actorId: string | null): Promise<void> {
    await this.db.transaction(async (em) => {
      const scope = await this.plans.scopeOf('milestone', id, em);
      const milestone = await em.getRepository(MilestoneEntity).findOneByOrFail({ id });
      await em.query('DELETE FROM milestones WHERE id = $1', [id]);
      await this.history.record(em, scope, actorId, [
        { entity: 'milestone', entityId: id, action: 'delete', before: snapshotOf(milestone), after: null },
      ]);
    });
  }

  async addTask(milestoneId: string, input: { title: string; done: boolean }, actorId: string | null): Promise<Task> {
    return this.db.transaction(async (em) => {
      const scope = await this.plans.scopeOf('milestone', milestoneId, em);
      const repo = em.getRepository(MilestoneTaskEntity);
      const task = await repo.save(repo.create({ milestoneId, title: input.title, done: input.done }));
      await this.history.record(em, scope, actorId, [
        { entity: 'task', entityId: task.id, action: 'create', before: null, after: taskSnapshot(task) },
      ]);
      await em.query('UPDATE milestones SET updated_at = now() WHERE id = $1', [milestoneId]);
      return { id: task.id, milestoneId, title: task.title, done: task.done };
    });
  }

  async updateTask(id: string, input: UpdateTask, actorId: string | null): Promise<Task> {
    return this.db.transaction(async (em) => {
      const repo = em.getRepository(MilestoneTaskEntity);
      const task = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw new Problem('not_found', 'No such task');
      const before = taskSnapshot(task);
      Object.assign(task, input);
      await repo.save(task);
      const scope = await this.plans.scopeOf('task', id, em);
      await this.history.record(em, scope, actorId, [
        { entity: 'task', entityId: id, action: 'update', before, after: taskSnapshot(task) },
      ]);
      await em.query('UPDATE milestones SET updated_at = now() WHERE id = $1', [task.milestoneId]);
      return { id, milestoneId: task.milestoneId, title: task.title, done: task.done };
    });
  }

  async removeTask(id: string, actorId: string | null): Promise<void> {
    await this.db.transaction(async (em) => {
      const scope = await this.plans.scopeOf('task', id, em);
      const task = await em.getRepository(MilestoneTaskEntity).findOneByOrFail({ id });
      await em.query('DELETE FROM milestone_tasks WHERE id = $1', [id]);
      await this.history.record(em, scope, actorId, [
        { entity: 'task', entityId: id, action: 'delete', before: taskSnapshot(task), after: null },
      ]);
      await em.query('UPDATE milestones SET updated_at = now() WHERE id = $1', [task.milestoneId]);
    });
  }

  /**
   * Validates every row of a milestone CSV and, unless it is a dry run, adds them all in one transaction, or none
   * when any row is invalid (the 400 lists every finding).
   */
  async import(scope: PlanScope, csv: string, dryRun: boolean, actorId: string | null): Promise<ImportReport> {
    const records = parseCsv(csv, MILESTONE_CSV_COLUMNS, ['title', 'due_date'], MAX_IMPORT_ROWS);
    const { count } = oneRow<{ count: number }>(
      await this.db.query('SELECT count(*)::int AS count FROM milestones WHERE action_plan_id = $1', [scope.planId]),
    );
    if (count + records.length > MAX_MILESTONES_PER_PLAN) {
      throw new Problem(
        'payload_too_large',
        `A plan holds at most ${MAX_MILESTONES_PER_PLAN} milestones; it has ${count} and the file adds ${records.length}`,
      );
    }
    const findings = new ImportFindings(records.map((r) => r.line));
    const milestones = new Map<number, NewMilestone>();
    for (const { line, values } of records) {
      const parsed = createMilestoneSchema.safeParse({
        title: values['title'],
        dueDate: values['due_date'],
        status: values['status'] || undefined,
        ownerId: values['owner_id'] || null,
        evidenceLinks: listCell(values['evidence_links']),
        tasks: listCell(values['tasks']).map((title) => ({ title })),
      });
      if (!parsed.success) {
        findings.addIssues(line, parsed.error.issues, columnOf);
        continue;
      }
      const m = parsed.data;
      milestones.set(line, { ...m, id: randomUUID(), tasks: m.tasks.map((t) => ({ id: randomUUID(), title: t.title, done: t.done })) });
    }
    const owners = [...new Set([...milestones.values()].map((m) => m.ownerId).filter((id): id is string => !!id))];
    const known = await this.knownUsers(owners);
    for (const [line, m] of milestones) if (m.ownerId && !known.has(m.ownerId)) findings.add(line, 'owner_id', 'No such person');
    if (!dryRun) findings.rejectIfInvalid();
    if (dryRun || !findings.valid) return findings.report(false, dryRun);
    await this.db.transaction((em) => this.insert(em, scope, [...milestones.values()], actorId));
    return findings.report(true, false);
  }

  /** Rows of the milestone CSV export, in the import's columns, so an export can be edited and imported again. */
  async csvRows(planId: string): Promise<CsvCell[][]> {
    return (await this.list(planId)).map((m) => [
      m.title,
      m.dueDate,
      m.status,
      m.owner?.id ?? '',
      m.evidenceLinks.join(' | '),
      m.tasks.map((t) => t.title).join(' | '),
    ]);
  }

  /** Milestones and their tasks in a few multi-row statements, with their history rows. */
  private async insert(em: EntityManager, scope: PlanScope, milestones: NewMilestone[], actorId: string | null): Promise<void> {
    const [plan]: { count: number }[] = await em.query(
      // Locks the plan so two concurrent additions cannot both pass the limit.
      'SELECT (SELECT count(*)::int FROM milestones WHERE action_plan_id = p.id) AS count FROM action_plans p WHERE p.id = $1 FOR UPDATE',
      [scope.planId],
    );
    // The plan was found before this transaction; it may have been deleted since.
    if (!plan) throw new Problem('not_found', 'No such action plan');
    if (plan.count + milestones.length > MAX_MILESTONES_PER_PLAN) {
      throw new Problem('milestone_limit_reached', { max: MAX_MILESTONES_PER_PLAN });
    }
    await em.query(
      `INSERT INTO milestones (id, action_plan_id, title, due_date, owner_id, status, evidence_links)
       SELECT r.id, $1, r.title, r.due_date, r.owner_id, r.status, ARRAY(SELECT jsonb_array_elements_text(r.links))
       FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, title text, due_date date, owner_id uuid, status text, links jsonb)`,
      [
        scope.planId,
        JSON.stringify(
          milestones.map((m) => ({
            id: m.id,
            title: m.title,
            due_date: m.dueDate,
            owner_id: m.ownerId,
            status: m.status,
            links: m.evidenceLinks,
          })),
        ),
      ],
    );
    const tasks = milestones.flatMap((m) => m.tasks.map((t) => ({ ...t, milestone_id: m.id })));
    if (tasks.length) {
      // One microsecond apart, so the tasks of a milestone keep the order they were given in.
      await em.query(
        `INSERT INTO milestone_tasks (id, milestone_id, title, done, created_at)
         SELECT (e.value->>'id')::uuid, (e.value->>'milestone_id')::uuid, e.value->>'title', (e.value->>'done')::boolean,
                now() + e.n * interval '1 microsecond'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n)`,
        [JSON.stringify(tasks)],
      );
    }
    const records: HistoryRecord[] = milestones.flatMap((m) => [
      { entity: 'milestone' as const, entityId: m.id, action: 'create' as const, before: null, after: snapshotOf(m) },
      ...m.tasks.map((t) => ({
        entity: 'task' as const,
        entityId: t.id,
        action: 'create' as const,
        before: null,
        after: taskSnapshot({ ...t, milestoneId: m.id }),
      })),
    ]);
    await this.history.record(em, scope, actorId, records);
  }

  private async assertOwners(ids: (string | null)[], errors: (id: string) => { path: string; message: string }[]): Promise<void> {
    const wanted = ids.filter((id): id is string => !!id);
    const known = await this.knownUsers(wanted);
    const unknown = wanted.filter((id) => !known.has(id));
    if (unknown.length) throw new Problem('validation_failed', 'No such person', unknown.flatMap(errors));
  }

  private async knownUsers(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await this.db.query('SELECT id FROM users WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(rows.map((r) => r.id));
  }
}
