// Key performance indicators of an action plan, their measurements, and the rule that rates their trajectory.
import { z } from 'zod';
import { isoDateSchema, pageQuerySchema, storedIsoDateSchema, uuidSchema } from './common';

/** Which way is good: `down` for crime cases, `up` for services delivered. */
export const KPI_DIRECTIONS = ['up', 'down'] as const;
export const kpiDirectionSchema = z.enum(KPI_DIRECTIONS);
export type KpiDirection = z.infer<typeof kpiDirectionSchema>;

export const KPI_STATUSES = ['on_track', 'at_risk', 'off_track', 'no_data'] as const;
export const kpiStatusSchema = z.enum(KPI_STATUSES);
export type KpiStatus = z.infer<typeof kpiStatusSchema>;

/** Within this share of the baseline-to-target distance behind the expected value, a KPI is at risk. */
const KPI_AT_RISK_TOLERANCE = 0.1;

const timestamp = z.iso.datetime({ offset: true });
/**
 * Zero, or between 1e-9 and 1e15 in size. Progress divides by (target - baseline): values as tiny as 1e-323 made
 * that division overflow in PostgreSQL, and every list showing the KPI failed with it.
 */
const kpiValueSchema = z
  .number()
  .finite()
  .min(-1e15)
  .max(1e15)
  .refine((v) => v === 0 || Math.abs(v) >= 1e-9, { message: 'Use 0, or a value of at least 1e-9 in size' });

export const kpiSchema = z.object({
  id: uuidSchema,
  actionPlanId: uuidSchema,
  name: z.string(),
  unit: z.string(),
  direction: kpiDirectionSchema,
  baselineValue: z.number(),
  baselineDate: storedIsoDateSchema,
  targetValue: z.number(),
  targetDate: storedIsoDateSchema,
  /** The measurement with the latest date (null with none). */
  latestValue: z.number().nullable(),
  latestDate: storedIsoDateSchema.nullable(),
  status: kpiStatusSchema,
  /**
   * Share of the way from baseline to target that the latest value has come: 0 at the baseline, 1 at the target;
   * below 0 when it moved the wrong way, above 1 past the target. Null without measurements.
   */
  progress: z.number().nullable(),
  measurementCount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Kpi = z.infer<typeof kpiSchema>;

const kpiFieldsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  unit: z.string().trim().min(1).max(40),
  direction: kpiDirectionSchema,
  baselineValue: kpiValueSchema,
  baselineDate: isoDateSchema,
  targetValue: kpiValueSchema,
  targetDate: isoDateSchema,
});
type KpiFields = z.infer<typeof kpiFieldsSchema>;

/** The target must lie after the baseline, in the good direction; returns the field errors of a whole KPI. */
export function kpiTrajectoryErrors(kpi: KpiFields): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (kpi.targetDate <= kpi.baselineDate) errors.push({ path: 'targetDate', message: 'The target date must be after the baseline date' });
  const better = kpi.direction === 'up' ? kpi.targetValue > kpi.baselineValue : kpi.targetValue < kpi.baselineValue;
  if (!better) {
    errors.push({
      path: 'targetValue',
      message: `With direction ${kpi.direction} the target must be ${kpi.direction === 'up' ? 'above' : 'below'} the baseline`,
    });
  }
  return errors;
}

export const createKpiSchema = kpiFieldsSchema.strict().superRefine((kpi, ctx) => {
  for (const error of kpiTrajectoryErrors(kpi)) ctx.addIssue({ code: 'custom', path: [error.path], message: error.message });
});
export type CreateKpi = z.input<typeof createKpiSchema>;

/** Checked against the stored KPI after merging, since a PATCH may change only one side of the trajectory. */
export const updateKpiSchema = kpiFieldsSchema.partial().strict();
export type UpdateKpi = z.infer<typeof updateKpiSchema>;

export const measurementSchema = z.object({
  id: uuidSchema,
  kpiId: uuidSchema,
  date: storedIsoDateSchema,
  value: z.number(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: timestamp,
});
export type Measurement = z.infer<typeof measurementSchema>;

export const createMeasurementSchema = z
  .object({
    date: isoDateSchema,
    value: kpiValueSchema,
    source: z.string().trim().max(500).nullable().default(null),
    note: z.string().trim().max(2000).nullable().default(null),
  })
  .strict();
export type CreateMeasurement = z.input<typeof createMeasurementSchema>;

/** Oldest first, the order of a chart; keyset by (date, id). */
export const measurementQuerySchema = pageQuerySchema.extend({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type MeasurementQuery = z.infer<typeof measurementQuerySchema>;

export interface KpiTrajectory {
  direction: KpiDirection;
  baselineValue: number;
  baselineDate: string;
  targetValue: number;
  targetDate: string;
}

/**
 * The KPI status rule (the API computes it in SQL with the same arithmetic; a test holds both to these cases).
 * The expected value moves in a straight line from the baseline (value, date) to the target (value, date) and stays
 * at the target after its date. The latest measurement is compared with the expected value for its own date:
 * at or beyond it in the good direction is on track; behind it by at most 10% of |target − baseline| is at risk;
 * further behind is off track. Without measurements the status is no_data.
 */
export function kpiStatusOf(kpi: KpiTrajectory, latest: { value: number; date: string } | null): KpiStatus {
  if (!latest) return 'no_data';
  const span = days(kpi.targetDate) - days(kpi.baselineDate);
  const elapsed = Math.min(Math.max((days(latest.date) - days(kpi.baselineDate)) / span, 0), 1);
  const expected = kpi.baselineValue + (kpi.targetValue - kpi.baselineValue) * elapsed;
  const ahead = kpi.direction === 'up' ? latest.value - expected : expected - latest.value;
  if (ahead >= 0) return 'on_track';
  return -ahead <= KPI_AT_RISK_TOLERANCE * Math.abs(kpi.targetValue - kpi.baselineValue) ? 'at_risk' : 'off_track';
}

function days(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;
}
