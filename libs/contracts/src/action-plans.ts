// A city's action plan for one model policy: its adoption stage, milestones with tasks, and the history of changes.
import { z } from 'zod';
import { isoDateSchema, pageQuerySchema, storedIsoDateSchema, uuidSchema } from './common';

/** The path from first assessment to an adopted, evaluated policy; the order is the order of progress. */
export const ADOPTION_STAGES = [
  'assess',
  'localize',
  'draft',
  'legal_review',
  'consultation',
  'adopted',
  'implementing',
  'evaluating',
] as const;
export const adoptionStageSchema = z.enum(ADOPTION_STAGES);
export type AdoptionStage = z.infer<typeof adoptionStageSchema>;

export const MILESTONE_STATUSES = ['planned', 'in_progress', 'done', 'blocked'] as const;
export const milestoneStatusSchema = z.enum(MILESTONE_STATUSES);
export type MilestoneStatus = z.infer<typeof milestoneStatusSchema>;

/** Evidence must be reachable by anyone reading the plan, and never downgrade to plain HTTP. */
export const evidenceLinkSchema = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'Must be an https:// URL' }).max(2000);

const timestamp = z.iso.datetime({ offset: true });

export const actionPlanSchema = z.object({
  id: uuidSchema,
  cityId: uuidSchema,
  cityName: z.string(),
  hubId: uuidSchema.nullable(),
  modelPolicyId: uuidSchema,
  modelPolicyKey: z.string(),
  modelPolicyName: z.string(),
  statementOfIntent: z.string(),
  stage: adoptionStageSchema,
  /** Published plans, their milestones and KPIs are open data, readable without signing in. */
  published: z.boolean(),
  publishedAt: timestamp.nullable(),
  /** The city's policy draft for this model policy, when there is one. */
  draftId: uuidSchema.nullable(),
  /**
   * Share of the plan done, 0–100: every milestone weighs the same; a done milestone counts whole, an open one
   * by the share of its tasks done. A plan without milestones is at 0.
   */
  progress: z.number().min(0).max(100),
  milestoneCount: z.number().int(),
  /** Milestones not done whose due date has passed in the city's time zone. */
  overdueCount: z.number().int(),
  kpiCount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ActionPlan = z.infer<typeof actionPlanSchema>;

const statementOfIntentSchema = z.string().trim().max(10_000);

export const createActionPlanSchema = z
  .object({
    modelPolicyId: uuidSchema,
    statementOfIntent: statementOfIntentSchema.default(''),
    stage: adoptionStageSchema.default('assess'),
    published: z.boolean().default(false),
    draftId: uuidSchema.nullable().default(null),
  })
  .strict();
export type CreateActionPlan = z.input<typeof createActionPlanSchema>;

/** No defaults: a PATCH that leaves a field out keeps it. */
export const updateActionPlanSchema = z
  .object({
    statementOfIntent: statementOfIntentSchema,
    stage: adoptionStageSchema,
    published: z.boolean(),
    draftId: uuidSchema.nullable(),
  })
  .partial()
  .strict();
export type UpdateActionPlan = z.infer<typeof updateActionPlanSchema>;

export const taskSchema = z.object({
  id: uuidSchema,
  milestoneId: uuidSchema,
  title: z.string(),
  done: z.boolean(),
});
export type Task = z.infer<typeof taskSchema>;

const taskTitleSchema = z.string().trim().min(1).max(300);
export const createTaskSchema = z.object({ title: taskTitleSchema, done: z.boolean().default(false) }).strict();
export type CreateTask = z.input<typeof createTaskSchema>;
export const updateTaskSchema = z.object({ title: taskTitleSchema, done: z.boolean() }).partial().strict();
export type UpdateTask = z.infer<typeof updateTaskSchema>;

export const milestoneSchema = z.object({
  id: uuidSchema,
  actionPlanId: uuidSchema,
  title: z.string(),
  dueDate: storedIsoDateSchema,
  owner: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  status: milestoneStatusSchema,
  evidenceLinks: z.array(z.string()),
  tasks: z.array(taskSchema),
  /** Not done and its due date has passed in the city's time zone. */
  overdue: z.boolean(),
  /** The community meeting whose action item this milestone came from. */
  fromMeeting: z.object({ occurrenceId: uuidSchema, title: z.string(), startsAt: timestamp }).nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Milestone = z.infer<typeof milestoneSchema>;

const milestoneFieldsSchema = z.object({
  title: z.string().trim().min(1).max(300),
  dueDate: isoDateSchema,
  ownerId: uuidSchema.nullable(),
  status: milestoneStatusSchema,
  evidenceLinks: z.array(evidenceLinkSchema).max(20),
});

export const createMilestoneSchema = milestoneFieldsSchema
  .extend({
    ownerId: milestoneFieldsSchema.shape.ownerId.default(null),
    status: milestoneFieldsSchema.shape.status.default('planned'),
    evidenceLinks: milestoneFieldsSchema.shape.evidenceLinks.default([]),
    tasks: z.array(createTaskSchema).max(50).default([]),
  })
  .strict();
export type CreateMilestone = z.input<typeof createMilestoneSchema>;

export const updateMilestoneSchema = milestoneFieldsSchema.partial().strict();
export type UpdateMilestone = z.infer<typeof updateMilestoneSchema>;

const HISTORY_ENTITIES = ['action_plan', 'milestone', 'task', 'kpi', 'measurement'] as const;
const HISTORY_ACTIONS = ['create', 'update', 'delete'] as const;

/** One change to a plan or one of its parts: who, when, and each field before and after. */
export const historyEntrySchema = z.object({
  id: uuidSchema,
  actionPlanId: uuidSchema,
  entity: z.enum(HISTORY_ENTITIES),
  entityId: uuidSchema,
  action: z.enum(HISTORY_ACTIONS),
  /** Null once the person's account is gone, or for changes made by the system (demo data). */
  actor: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  at: timestamp,
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyQuerySchema = pageQuerySchema.extend({
  entity: z.enum(HISTORY_ENTITIES).optional(),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** Every table view is exported as JSON or CSV: `?format=csv` or `Accept: text/csv`. */
export const TABLE_FORMATS = ['json', 'csv'] as const;
export const tableFormatQuerySchema = z.object({ format: z.enum(TABLE_FORMATS).optional() });
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** A plan is a workplan people read, not a database: these bound every list of a plan (and every import). */
export const MAX_MILESTONES_PER_PLAN = 500;
export const MAX_KPIS_PER_PLAN = 50;

/** CSV imports are bounded so one request cannot hold a transaction open for long. */
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export const importQuerySchema = z.object({
  /** Validate only: the report is returned and nothing is written. */
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** A CSV import sent as JSON; the same text may be sent as the body with `Content-Type: text/csv`. */
export const csvImportBodySchema = z.object({ csv: z.string().min(1).max(MAX_IMPORT_BYTES) }).strict();

/**
 * The row-by-row outcome of an import. `row` is the line of the CSV file (the header is line 1). An import is
 * applied all or nothing: `applied` is true only when every row was valid and it was not a dry run. A rejected
 * import is answered 400 with the same findings as field errors at `rows.<row>.<column>`.
 */
export const importReportSchema = z.object({
  applied: z.boolean(),
  dryRun: z.boolean(),
  rowCount: z.number().int(),
  validCount: z.number().int(),
  rows: z.array(
    z.object({
      row: z.number().int(),
      ok: z.boolean(),
      errors: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  ),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** Columns of the milestone CSV (import and export). Lists inside a cell are separated by `|`. */
export const MILESTONE_CSV_COLUMNS = ['title', 'due_date', 'status', 'owner_id', 'evidence_links', 'tasks'] as const;
/** Columns of the measurement CSV import; `kpi` is a KPI's id or its exact name within the plan. */
export const MEASUREMENT_CSV_COLUMNS = ['kpi', 'date', 'value', 'source', 'note'] as const;
