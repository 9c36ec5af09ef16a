// A hub's dashboard: which city adopts which model policy at which stage, and who is behind and why.
import { z } from 'zod';
import { adoptionStageSchema, TABLE_FORMATS } from './action-plans';
import { storedIsoDateSchema, uuidSchema } from './common';

/**
 * How a city stands across its plans: behind when a milestone is overdue or a KPI is off track, at risk when a KPI
 * is at risk or a milestone is due within the next 30 days, on track otherwise; no_plan without any plan.
 */
export const CITY_STATUSES = ['on_track', 'at_risk', 'behind', 'no_plan'] as const;
export const cityStatusSchema = z.enum(CITY_STATUSES);
export type CityStatus = z.infer<typeof cityStatusSchema>;

/** Milestones due within this many days count as "due" on the dashboard. */
export const DASHBOARD_DUE_DAYS = 30;
/** The dashboard names at most this many overdue milestones and off-track KPIs per city (the reasons). */
export const DASHBOARD_REASONS_PER_CITY = 5;

export const dashboardQuerySchema = z.object({
  modelPolicyId: uuidSchema.optional(),
  stage: adoptionStageSchema.optional(),
  cityStatus: cityStatusSchema.optional(),
  format: z.enum(TABLE_FORMATS).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

const dashboardCellSchema = z.object({
  cityId: uuidSchema,
  modelPolicyId: uuidSchema,
  actionPlanId: uuidSchema,
  stage: adoptionStageSchema,
  published: z.boolean(),
  progress: z.number(),
  overdueCount: z.number().int(),
});

export const dashboardCitySchema = z.object({
  id: uuidSchema,
  name: z.string(),
  country: z.string(),
  status: cityStatusSchema,
  planCount: z.number().int(),
  milestonesDue: z.number().int(),
  milestonesOverdue: z.number().int(),
  kpis: z.object({
    total: z.number().int(),
    onTrack: z.number().int(),
    atRisk: z.number().int(),
    offTrack: z.number().int(),
    noData: z.number().int(),
  }),
  /** Mean share of target reached over the city's measured KPIs, each clamped to 0–1; null with none measured. */
  kpiProgress: z.number().nullable(),
  /** Why a city is behind: its overdue milestones (earliest first) and off-track KPIs, a few of each. */
  overdueMilestones: z.array(z.object({ id: uuidSchema, actionPlanId: uuidSchema, title: z.string(), dueDate: storedIsoDateSchema })),
  offTrackKpis: z.array(z.object({ id: uuidSchema, actionPlanId: uuidSchema, name: z.string(), progress: z.number().nullable() })),
});
export type DashboardCity = z.infer<typeof dashboardCitySchema>;

/** What every dashboard shows, whatever cities it covers (a hub's, or a cohort's from several hubs). */
export const dashboardSchema = z.object({
  filters: dashboardQuerySchema.omit({ format: true }),
  /** Columns of the adoption matrix: every model policy (or the filtered one). */
  modelPolicies: z.array(z.object({ id: uuidSchema, key: z.string(), name: z.string() })),
  /** Rows: the cities that pass the filters, by name. */
  cities: z.array(dashboardCitySchema),
  /** The matrix's filled cells: one per action plan. */
  cells: z.array(dashboardCellSchema),
  totals: z.object({
    cities: z.number().int(),
    plans: z.number().int(),
    milestonesDue: z.number().int(),
    milestonesOverdue: z.number().int(),
    kpisOffTrack: z.number().int(),
    citiesBehind: z.number().int(),
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const hubDashboardSchema = dashboardSchema.extend({
  hub: z.object({ id: uuidSchema, key: z.string(), name: z.string() }),
});
export type HubDashboard = z.infer<typeof hubDashboardSchema>;

/** A cohort's member cities (from any hub), compared across their plans. */
export const cohortDashboardSchema = dashboardSchema.extend({
  cohort: z.object({ id: uuidSchema, name: z.string(), hubId: uuidSchema, modelPolicyId: uuidSchema.nullable() }),
});
export type CohortDashboard = z.infer<typeof cohortDashboardSchema>;
