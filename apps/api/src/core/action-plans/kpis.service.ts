import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  isoDateSchema,
  createMeasurementSchema,
  kpiTrajectoryErrors,
  MAX_IMPORT_ROWS,
  MAX_KPIS_PER_PLAN,
  MEASUREMENT_CSV_COLUMNS,
  uuidSchema,
  type CreateKpi,
  type ImportReport,
  type Kpi,
  type Measurement,
  type MeasurementQuery,
  type Page,
  type UpdateKpi,
} from '@minga/contracts';
import { decodeCursor, pageFrom } from '../../platform/common/cursor';
import { parseCsv } from '../../platform/common/csv';
import { Problem } from '../../platform/common/problem';
import { SqlConditions } from '../../platform/common/sql-conditions';
import { ActionPlansService } from './action-plans.service';
import { KpiEntity } from './action-plan.entity';
import { PlanHistory, type PlanScope, type Snapshot } from './plan-history';
import { ImportFindings } from './plan-import';
import { PlanReadModel, toKpi, toMeasurement, type MeasurementRow } from './plan-read-model';

type NewMeasurement = z.output<typeof createMeasurementSchema> & { id: string; kpiId: string };

const kpiSnapshot = (k: Omit<KpiEntity, 'id' | 'actionPlanId' | 'createdAt' | 'updatedAt'>): Snapshot => ({
  name: k.name,
  unit: k.unit,
  direction: k.direction,
  baselineValue: k.baselineValue,
  baselineDate: k.baselineDate,
  targetValue: k.targetValue,
  targetDate: k.targetDate,
});
const measurementSnapshot = (m: { kpiId: string; date: string; value: number; source: string | null; note: string | null }): Snapshot => ({
  kpiId: m.kpiId,
  date: m.date,
  value: m.value,
  source: m.source,
  note: m.note,
});

const MEASUREMENT_CURSOR = z.tuple([isoDateSchema, uuidSchema]);
/** Measurements are of what happened: a date after tomorrow (anywhere on Earth) is a typo. */
const latestMeasurableDate = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

@Injectable()
export class KpisService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: ActionPlansService,
    private readonly read: PlanReadModel,
    private readonly history: PlanHistory,
  ) {}

  /** A plan's KPIs by name, with latest value and status (at most MAX_KPIS_PER_PLAN, so one answer). */
  async list(planId: string): Promise<Kpi[]> {
    return (await this.read.kpis(new SqlConditions().add('k.action_plan_id = ?', planId))).map(toKpi);
  }

  async findOne(id: string): Promise<Kpi> {
    const [row] = await this.read.kpis(new SqlConditions().add('k.id = ?', id));
    if (!row) throw new Problem('not_found', 'No such KPI');
    return toKpi(row);
  }

  async create(scope: PlanScope, input: CreateKpi, actorId: string | null): Promise<Kpi> {
    const id = await this.db.transaction(async (em) => {
      const [plan]: { count: number }[] = await em.query(
        'SELECT (SELECT count(*)::int FROM kpis WHERE action_plan_id = p.id) AS count FROM action_plans p WHERE p.id = $1 FOR UPDATE',
        [scope.planId],
      );
      // The plan was found before this transaction; it may have been deleted since.
      if (!plan) throw new Problem('not_found', 'No such action plan');
      if (plan.count >= MAX_KPIS_PER_PLAN) throw new Problem('kpi_limit_reached', { max: MAX_KPIS_PER_PLAN });
      await this.assertNameFree(em, scope.planId, input.name, null);
      const repo = em.getRepository(KpiEntity);
      const kpi = await repo.save(repo.create({ ...input, actionPlanId: scope.planId }));
      await this.history.record(em, scope, actorId, [
        { entity: 'kpi', entityId: kpi.id, action: 'create', before: null, after: kpiSnapshot(kpi) },
      ]);
      return kpi.id;
    });
    return this.findOne(id);
  }

  /** A PATCH may move one end of the trajectory; the whole KPI must still make sense afterwards. */
  async update(id: string, input: UpdateKpi, actorId: string | null): Promise<Kpi> {
    await this.db.transaction(async (em) => {
      const repo = em.getRepository(KpiEntity);
      const kpi = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!kpi) throw new Problem('not_found', 'No such KPI');
      const before = kpiSnapshot(kpi);
      Object.assign(kpi, input);
      const errors = kpiTrajectoryErrors(kpi);
      if (errors.length) throw new Problem('validation_failed', 'The KPI would not have a reachable target', errors);
      if (input.name !== undefined) await this.assertNameFree(em, kpi.actionPlanId, input.name, id);
      const after = kpiSnapshot(kpi);
      if (JSON.stringify(before) === JSON.stringify(after)) return;
      await repo.save(kpi);
      const scope = await this.plans.scopeOf('kpi', id, em);
      await this.history.record(em, scope, actorId, [{ entity: 'kpi', entityId: id, action: 'update', before, after }]);
    });
    return this.findOne(id);
  }

  async remove(id: string, actorId: string | null): Promise<void> {
    await this.db.transaction(async (em) => {
      const scope = await this.plans.scopeOf('kpi', id, em);
      const kpi = await em.getRepository(KpiEntity).findOneByOrFail({ id });
      await em.query('DELETE FROM kpis WHERE id = $1', [id]);
      await this.history.record(em, scope, actorId, [
        { entity: 'kpi', entityId: id, action: 'delete', before: kpiSnapshot(kpi), after: null },
      ]);
    });
  }

  /** Oldest first, the order of a chart: keyset by (date, id), the order of the (kpi_id, measured_on) key. */
  async measurements(kpiId: string, query: MeasurementQuery): Promise<Page<Measurement>> {
    const conditions = new SqlConditions().add('m.kpi_id = ?', kpiId);
    if (query.from) conditions.add('m.measured_on >= ?::date', query.from);
    if (query.to) conditions.add('m.measured_on <= ?::date', query.to);
    const after = decodeCursor(query.cursor, MEASUREMENT_CURSOR);
    if (after) conditions.add('(m.measured_on, m.id) > (?::date, ?::uuid)', after[0], after[1]);
    const rows = await this.read.measurements(conditions, conditions.param(query.limit + 1));
    const page = pageFrom(rows, query.limit, (r: MeasurementRow) => [r.date, r.id]);
    return { items: page.items.map(toMeasurement), nextCursor: page.nextCursor };
  }

  /** Every measurement of a plan's KPIs, for the CSV and JSON export of the plan's measurement table. */
  async planMeasurements(planId: string): Promise<(Measurement & { kpiName: string })[]> {
    const rows: (MeasurementRow & { kpi_name: string })[] = await this.db.query(
      `SELECT m.id, m.kpi_id, k.name AS kpi_name, to_char(m.measured_on, 'YYYY-MM-DD') AS date, m.value, m.source, m.note, m.created_at
       FROM kpi_measurements m JOIN kpis k ON k.id = m.kpi_id WHERE k.action_plan_id = $1 ORDER BY k.name, m.measured_on, m.id`,
      [planId],
    );
    return rows.map((r) => ({ ...toMeasurement(r), kpiName: r.kpi_name }));
  }

  async addMeasurement(kpiId: string, input: z.output<typeof createMeasurementSchema>, actorId: string | null): Promise<Measurement> {
    if (input.date > latestMeasurableDate()) {
      throw new Problem('validation_failed', 'A measurement cannot be in the future', [
        { path: 'date', message: 'Must not be in the future' },
      ]);
    }
    const measurement: NewMeasurement = { ...input, id: randomUUID(), kpiId };
    await this.db.transaction(async (em) => {
      const scope = await this.plans.scopeOf('kpi', kpiId, em);
      const taken = await em.query('SELECT 1 FROM kpi_measurements WHERE kpi_id = $1 AND measured_on = $2', [kpiId, input.date]);
      if (taken.length) throw new Problem('measurement_exists', { date: input.date });
      await this.insert(em, scope, [measurement], actorId);
    });
    const [row] = await this.read.measurements(new SqlConditions().add('m.id = ?', measurement.id));
    // Deleted (with its KPI or plan) since the transaction committed.
    if (!row) throw new Problem('not_found', 'No such measurement');
    return toMeasurement(row);
  }

  async removeMeasurement(id: string, actorId: string | null): Promise<void> {
    await this.db.transaction(async (em) => {
      const scope = await this.plans.scopeOf('measurement', id, em);
      const [row] = await this.read.measurements(new SqlConditions().add('m.id = ?', id));
      // Deleted by a concurrent request since scopeOf found it.
      if (!row) throw new Problem('not_found', 'No such measurement');
      await em.query('DELETE FROM kpi_measurements WHERE id = $1', [id]);
      await this.history.record(em, scope, actorId, [
        { entity: 'measurement', entityId: id, action: 'delete', before: measurementSnapshot({ ...row, kpiId: row.kpi_id }), after: null },
      ]);
    });
  }

  /**
   * Validates every row of a measurement CSV (KPI by id or name within the plan, date, value, source, note) and,
   * unless it is a dry run, adds them all in one transaction, or none when any row is invalid.
   */
  async import(scope: PlanScope, csv: string, dryRun: boolean, actorId: string | null): Promise<ImportReport> {
    const records = parseCsv(csv, MEASUREMENT_CSV_COLUMNS, ['kpi', 'date', 'value'], MAX_IMPORT_ROWS);
    const kpis: { id: string; name: string }[] = await this.db.query('SELECT id, name FROM kpis WHERE action_plan_id = $1', [scope.planId]);
    const byRef = new Map<string, string>();
    for (const k of kpis) {
      byRef.set(k.id, k.id);
      byRef.set(k.name.trim().toLowerCase(), k.id);
    }
    const findings = new ImportFindings(records.map((r) => r.line));
    const measurements = new Map<number, NewMeasurement>();
    const seen = new Map<string, number>();
    const latest = latestMeasurableDate();
    for (const { line, values } of records) {
      const kpiId = byRef.get((values['kpi'] ?? '').trim().toLowerCase());
      if (!kpiId) findings.add(line, 'kpi', 'No KPI of this plan has this id or name');
      const raw = values['value'] ?? '';
      const numeric = /^-?\d+(\.\d+)?$/.test(raw);
      if (!numeric)
        findings.add(line, 'value', raw ? 'Must be a number such as 2500 or 42.5 (a dot for decimals, no separators)' : 'Required');
      const parsed = createMeasurementSchema.safeParse({
        date: values['date'],
        value: numeric ? Number(raw) : 0,
        source: values['source'] || null,
        note: values['note'] || null,
      });
      if (!parsed.success) findings.addIssues(line, parsed.error.issues, (path) => String(path[0]));
      else if (parsed.data.date > latest) findings.add(line, 'date', 'Must not be in the future');
      if (!kpiId || !numeric || !parsed.success) continue;
      const key = `${kpiId}|${parsed.data.date}`;
      if (seen.has(key)) findings.add(line, 'date', `Line ${seen.get(key)} already has a measurement of this KPI on this date`);
      seen.set(key, line);
      measurements.set(line, { ...parsed.data, id: randomUUID(), kpiId });
    }
    const taken: { kpi_id: string; date: string }[] = measurements.size
      ? await this.db.query(
          `SELECT m.kpi_id, to_char(m.measured_on, 'YYYY-MM-DD') AS date FROM kpi_measurements m
           JOIN jsonb_to_recordset($1::jsonb) AS r(kpi_id uuid, date date) ON r.kpi_id = m.kpi_id AND r.date = m.measured_on`,
          [JSON.stringify([...measurements.values()].map((m) => ({ kpi_id: m.kpiId, date: m.date })))],
        )
      : [];
    const takenKeys = new Set(taken.map((t) => `${t.kpi_id}|${t.date}`));
    for (const [line, m] of measurements) {
      if (takenKeys.has(`${m.kpiId}|${m.date}`)) findings.add(line, 'date', 'This KPI already has a measurement on this date');
    }
    if (!dryRun) findings.rejectIfInvalid();
    if (dryRun || !findings.valid) return findings.report(false, dryRun);
    await this.db.transaction((em) => this.insert(em, scope, [...measurements.values()], actorId));
    return findings.report(true, false);
  }

  private async insert(em: EntityManager, scope: PlanScope, measurements: NewMeasurement[], actorId: string | null): Promise<void> {
    await em.query(
      `INSERT INTO kpi_measurements (id, kpi_id, measured_on, value, source, note)
       SELECT r.id, r.kpi_id, r.date, r.value, r.source, r.note
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kpi_id uuid, date date, value float8, source text, note text)`,
      [
        JSON.stringify(
          measurements.map((m) => ({ id: m.id, kpi_id: m.kpiId, date: m.date, value: m.value, source: m.source, note: m.note })),
        ),
      ],
    );
    await this.history.record(
      em,
      scope,
      actorId,
      measurements.map((m) => ({ entity: 'measurement', entityId: m.id, action: 'create', before: null, after: measurementSnapshot(m) })),
    );
  }

  private async assertNameFree(em: EntityManager, planId: string, name: string, exceptId: string | null): Promise<void> {
    const rows = await em.query('SELECT 1 FROM kpis WHERE action_plan_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3', [
      planId,
      name,
      exceptId,
    ]);
    if (rows.length) throw new Problem('kpi_name_taken', { name });
  }
}
