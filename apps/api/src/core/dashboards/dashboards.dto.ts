import { createZodDto } from 'nestjs-zod';
import { cohortDashboardSchema, dashboardQuerySchema, hubDashboardSchema } from '@minga/contracts';

export class HubDashboardDto extends createZodDto(hubDashboardSchema) {}
export class DashboardQueryDto extends createZodDto(dashboardQuerySchema) {}
export class CohortDashboardDto extends createZodDto(cohortDashboardSchema) {}
