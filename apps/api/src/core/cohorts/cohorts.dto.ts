import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  cohortOverviewSchema,
  cohortPersonSchema,
  cohortSchema,
  createCohortSchema,
  slotQuerySchema,
  slotResultSchema,
  updateCohortSchema,
} from '@minga/contracts';

export class CohortDto extends createZodDto(cohortSchema) {}
export class CohortListDto extends createZodDto(z.array(cohortSchema)) {}
export class CreateCohortDto extends createZodDto(createCohortSchema) {}
export class UpdateCohortDto extends createZodDto(updateCohortSchema) {}
export class CohortOverviewDto extends createZodDto(cohortOverviewSchema) {}
export class CohortPeopleDto extends createZodDto(z.array(cohortPersonSchema)) {}
export class SlotQueryDto extends createZodDto(slotQuerySchema) {}
export class SlotResultDto extends createZodDto(slotResultSchema) {}
