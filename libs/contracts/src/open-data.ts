// Open data: published action plans, milestones, KPIs and measurements, free of any personal data.
import { z } from 'zod';
import { adoptionStageSchema, milestoneStatusSchema, TABLE_FORMATS } from './action-plans';
import { storedIsoDateSchema, uuidSchema } from './common';
import { kpiDirectionSchema, kpiStatusSchema } from './kpis';

export const OPEN_DATA_LICENSE = 'CC-BY-4.0';
export const OPEN_DATA_LICENSE_URL = 'https://creativecommons.org/licenses/by/4.0/';

/** The data sets a city or hub publishes; each is a table with its own columns in the data dictionary. */
export const OPEN_DATA_TABLES = ['action-plans', 'milestones', 'kpis', 'measurements'] as const;
export const openDataTableSchema = z.enum(OPEN_DATA_TABLES);
export type OpenDataTable = z.infer<typeof openDataTableSchema>;

const openDataFormatQuerySchema = z.object({ format: z.enum(TABLE_FORMATS).optional() });

/**
 * The measurements table grows every day a city measures, so in JSON it comes in pages (keyset cursors: pass `nextCursor` back
 * as `cursor` until it is null). Its CSV holds every row. Other tables are
 * bounded by the number of plans and come whole.
 */
const OPEN_DATA_PAGE_SIZE = 1000;
const OPEN_DATA_MAX_PAGE_SIZE = 5000;
export const openDataTableQuerySchema = openDataFormatQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(OPEN_DATA_MAX_PAGE_SIZE).default(OPEN_DATA_PAGE_SIZE),
  cursor: z.string().max(512).optional(),
});

const timestamp = z.iso.datetime({ offset: true });

// Records carry no person fields at all (no owners, authors or editors): only what the city decided to publish.
export const openActionPlanSchema = z.object({
  id: uuidSchema,
  uri: z.string(),
  cityId: uuidSchema,
  cityName: z.string(),
  country: z.string(),
  hubId: uuidSchema.nullable(),
  modelPolicyKey: z.string(),
  modelPolicyName: z.string(),
  statementOfIntent: z.string(),
  stage: adoptionStageSchema,
  progress: z.number(),
  overdueCount: z.number().int(),
  publishedAt: timestamp,
  updatedAt: timestamp,
});
export type OpenActionPlan = z.infer<typeof openActionPlanSchema>;

export const openMilestoneSchema = z.object({
  id: uuidSchema,
  actionPlanId: uuidSchema,
  cityId: uuidSchema,
  title: z.string(),
  dueDate: storedIsoDateSchema,
  status: milestoneStatusSchema,
  overdue: z.boolean(),
  evidenceLinks: z.array(z.string()),
  taskCount: z.number().int(),
  tasksDone: z.number().int(),
  updatedAt: timestamp,
});
export type OpenMilestone = z.infer<typeof openMilestoneSchema>;

export const openKpiSchema = z.object({
  id: uuidSchema,
  actionPlanId: uuidSchema,
  cityId: uuidSchema,
  name: z.string(),
  unit: z.string(),
  direction: kpiDirectionSchema,
  baselineValue: z.number(),
  baselineDate: storedIsoDateSchema,
  targetValue: z.number(),
  targetDate: storedIsoDateSchema,
  latestValue: z.number().nullable(),
  latestDate: storedIsoDateSchema.nullable(),
  status: kpiStatusSchema,
  progress: z.number().nullable(),
  updatedAt: timestamp,
});
export type OpenKpi = z.infer<typeof openKpiSchema>;

export const openMeasurementSchema = z.object({
  id: uuidSchema,
  kpiId: uuidSchema,
  actionPlanId: uuidSchema,
  cityId: uuidSchema,
  date: storedIsoDateSchema,
  value: z.number(),
  source: z.string().nullable(),
  note: z.string().nullable(),
});
export type OpenMeasurement = z.infer<typeof openMeasurementSchema>;

/** Every open-data JSON answer: the licence and where it came from beside the records. */
function envelopeOf<T extends z.ZodType>(item: T) {
  return z.object({
    license: z.literal(OPEN_DATA_LICENSE),
    licenseUrl: z.string(),
    /** Stable address of this data set. */
    uri: z.string(),
    /** The latest change among the records (null for an empty data set). */
    modified: timestamp.nullable(),
    items: z.array(item),
  });
}
export const openActionPlansSchema = envelopeOf(openActionPlanSchema);
export const openMilestonesSchema = envelopeOf(openMilestoneSchema);
export const openKpisSchema = envelopeOf(openKpiSchema);
/** A page of measurements: `nextCursor` asks for the next one (null on the last). */
export const openMeasurementsSchema = envelopeOf(openMeasurementSchema).extend({ nextCursor: z.string().nullable() });
export type OpenDataSet<T> = {
  license: typeof OPEN_DATA_LICENSE;
  licenseUrl: string;
  uri: string;
  modified: string | null;
  items: T[];
  nextCursor?: string | null;
};

/** A city's published plans in one document, for its public page: plans with their milestones and KPIs. */
export const openCityPlansSchema = z.object({
  license: z.literal(OPEN_DATA_LICENSE),
  licenseUrl: z.string(),
  uri: z.string(),
  modified: timestamp.nullable(),
  city: z.object({ id: uuidSchema, name: z.string(), country: z.string(), hubId: uuidSchema.nullable() }),
  plans: z.array(
    openActionPlanSchema.extend({
      milestones: z.array(openMilestoneSchema),
      kpis: z.array(
        openKpiSchema.extend({ measurements: z.array(openMeasurementSchema.pick({ date: true, value: true, source: true, note: true })) }),
      ),
    }),
  ),
});
export type OpenCityPlans = z.infer<typeof openCityPlansSchema>;

/** A hub's published plans in one document: its cities and their plans, without milestones or KPIs. */
export const openHubPlansSchema = z.object({
  license: z.literal(OPEN_DATA_LICENSE),
  licenseUrl: z.string(),
  uri: z.string(),
  modified: timestamp.nullable(),
  hub: z.object({ id: uuidSchema, key: z.string(), name: z.string() }),
  plans: z.array(openActionPlanSchema),
});
export type OpenHubPlans = z.infer<typeof openHubPlansSchema>;

/** The data dictionary: every published table and column, with its type and meaning. */
export const dataDictionarySchema = z.object({
  license: z.literal(OPEN_DATA_LICENSE),
  licenseUrl: z.string(),
  tables: z.array(
    z.object({
      name: openDataTableSchema,
      description: z.string(),
      columns: z.array(z.object({ name: z.string(), type: z.string(), description: z.string(), values: z.array(z.string()).optional() })),
    }),
  ),
});
export type DataDictionary = z.infer<typeof dataDictionarySchema>;

/**
 * The DCAT-AP catalogue (JSON-LD) of the published data sets, for portals such as CKAN to harvest. Kept loose:
 * its terms are linked-data vocabulary (dcat:, dct:, foaf:), not fields this app reads.
 */
export const dcatCatalogSchema = z
  .object({
    '@context': z.record(z.string(), z.unknown()),
    '@id': z.string(),
    '@type': z.literal('dcat:Catalog'),
    'dcat:dataset': z.array(z.record(z.string(), z.unknown())),
  })
  .loose();
export type DcatCatalog = z.infer<typeof dcatCatalogSchema>;
