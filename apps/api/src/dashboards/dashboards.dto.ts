import { createZodDto } from 'nestjs-zod';
import { dashboardQuerySchema, hubDashboardSchema } from '@minga/contracts';

export class HubDashboardDto extends createZodDto(hubDashboardSchema) {}
export class DashboardQueryDto extends createZodDto(dashboardQuerySchema) {}
