// Cohorts: a group of cities (from any hub) going through one model policy together, with experts and meetings.
import { z } from 'zod';
import { isoDateSchema, storedIsoDateSchema, uuidSchema } from './common';
import { adoptionStageSchema } from './action-plans';
import { draftStatusSchema } from './drafts';
import { workingHoursSchema } from './users';

const timestamp = z.iso.datetime({ offset: true });

/** A cohort runs for months, not decades; member lists stay small enough to read on one page. */
const MAX_COHORT_CITIES = 100;
const MAX_COHORT_EXPERTS = 100;
const MAX_COHORT_YEARS = 5;

const cohortCitySchema = z.object({
  id: uuidSchema,
  name: z.string(),
  country: z.string(),
  hubId: uuidSchema.nullable(),
  timeZone: z.string(),
  locale: z.string(),
});

export const cohortSchema = z.object({
  id: uuidSchema,
  hubId: uuidSchema,
  hubName: z.string(),
  name: z.string(),
  modelPolicy: z.object({ id: uuidSchema, key: z.string(), name: z.string() }).nullable(),
  startsOn: storedIsoDateSchema,
  endsOn: storedIsoDateSchema,
  cities: z.array(cohortCitySchema),
  experts: z.array(z.object({ id: uuidSchema, name: z.string() })),
  /** Officials of member cities + listed experts + coordinators of the owner hub. */
  memberCount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Cohort = z.infer<typeof cohortSchema>;

const cohortFieldsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  modelPolicyId: uuidSchema.nullable(),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  cityIds: z.array(uuidSchema).max(MAX_COHORT_CITIES),
  expertIds: z.array(uuidSchema).max(MAX_COHORT_EXPERTS),
});

function periodIsValid(input: { startsOn?: string; endsOn?: string }, ctx: z.RefinementCtx): void {
  if (!input.startsOn || !input.endsOn) return;
  if (input.endsOn < input.startsOn) {
    ctx.addIssue({ code: 'custom', message: 'End must not be before start', path: ['endsOn'] });
    return;
  }
  const years = (Date.parse(input.endsOn) - Date.parse(input.startsOn)) / (365.25 * 86_400_000);
  if (years > MAX_COHORT_YEARS) {
    ctx.addIssue({ code: 'custom', message: `A cohort lasts at most ${MAX_COHORT_YEARS} years`, path: ['endsOn'] });
  }
}

function noRepeats(input: { cityIds?: string[]; expertIds?: string[] }, ctx: z.RefinementCtx): void {
  for (const key of ['cityIds', 'expertIds'] as const) {
    const ids = input[key];
    if (ids && new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'Must not repeat', path: [key] });
  }
}

export const createCohortSchema = cohortFieldsSchema
  .extend({
    modelPolicyId: cohortFieldsSchema.shape.modelPolicyId.default(null),
    cityIds: cohortFieldsSchema.shape.cityIds.default([]),
    expertIds: cohortFieldsSchema.shape.expertIds.default([]),
  })
  .strict()
  .superRefine(periodIsValid)
  .superRefine(noRepeats);
export type CreateCohort = z.input<typeof createCohortSchema>;

/** No defaults: a PATCH that leaves a field out keeps it; `cityIds`/`expertIds` replace the whole list. */
export const updateCohortSchema = cohortFieldsSchema.partial().strict().superRefine(periodIsValid).superRefine(noRepeats);
export type UpdateCohort = z.infer<typeof updateCohortSchema>;

export const COHORT_MEMBER_ROLES = ['official', 'expert', 'coordinator'] as const;

/** A member of a cohort with what the slot finder and the local-time strip need. */
export const cohortPersonSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  /** Why the person belongs to the cohort (a person may hold several). */
  roles: z.array(z.enum(COHORT_MEMBER_ROLES)),
  city: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  timeZone: z.string(),
  locale: z.string(),
  workingHours: workingHoursSchema,
});
export type CohortPerson = z.infer<typeof cohortPersonSchema>;

/** Each member city with its draft for the cohort's model policy and its action plan's progress. */
export const cohortCityStatusSchema = z.object({
  city: cohortCitySchema,
  draft: z.object({ id: uuidSchema, title: z.string(), status: draftStatusSchema, updatedAt: timestamp }).nullable(),
  actionPlan: z
    .object({
      id: uuidSchema,
      stage: adoptionStageSchema,
      progress: z.number().min(0).max(100),
      overdueCount: z.number().int(),
      published: z.boolean(),
    })
    .nullable(),
});
export type CohortCityStatus = z.infer<typeof cohortCityStatusSchema>;

/** GET /api/cohorts/:id/overview: the cohort page in one request. Upcoming meetings come from /api/cohorts/:id/occurrences. */
export const cohortOverviewSchema = z.object({
  cohort: cohortSchema,
  cities: z.array(cohortCityStatusSchema),
  people: z.array(cohortPersonSchema),
});
export type CohortOverview = z.infer<typeof cohortOverviewSchema>;
