import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  actionPlanSchema,
  createActionPlanSchema,
  createKpiSchema,
  createMeasurementSchema,
  createMilestoneSchema,
  createTaskSchema,
  csvImportBodySchema,
  historyEntrySchema,
  historyQuerySchema,
  importQuerySchema,
  importReportSchema,
  kpiSchema,
  measurementQuerySchema,
  measurementSchema,
  milestoneSchema,
  pageOf,
  tableFormatQuerySchema,
  taskSchema,
  updateActionPlanSchema,
  updateKpiSchema,
  updateMilestoneSchema,
  updateTaskSchema,
} from '@minga/contracts';

export class ActionPlanDto extends createZodDto(actionPlanSchema) {}
export class ActionPlanListDto extends createZodDto(z.array(actionPlanSchema)) {}
export class CreateActionPlanDto extends createZodDto(createActionPlanSchema) {}
export class UpdateActionPlanDto extends createZodDto(updateActionPlanSchema) {}
export class HistoryPageDto extends createZodDto(pageOf(historyEntrySchema)) {}
export class HistoryQueryDto extends createZodDto(historyQuerySchema) {}

export class MilestoneDto extends createZodDto(milestoneSchema) {}
export class MilestoneListDto extends createZodDto(z.array(milestoneSchema)) {}
export class CreateMilestoneDto extends createZodDto(createMilestoneSchema) {}
export class UpdateMilestoneDto extends createZodDto(updateMilestoneSchema) {}
export class TaskDto extends createZodDto(taskSchema) {}
export class CreateTaskDto extends createZodDto(createTaskSchema) {}
export class UpdateTaskDto extends createZodDto(updateTaskSchema) {}

export class KpiDto extends createZodDto(kpiSchema) {}
export class KpiListDto extends createZodDto(z.array(kpiSchema)) {}
export class CreateKpiDto extends createZodDto(createKpiSchema) {}
export class UpdateKpiDto extends createZodDto(updateKpiSchema) {}
export class MeasurementDto extends createZodDto(measurementSchema) {}
export class MeasurementPageDto extends createZodDto(pageOf(measurementSchema)) {}
export class PlanMeasurementListDto extends createZodDto(z.array(measurementSchema.extend({ kpiName: z.string() }))) {}
export class CreateMeasurementDto extends createZodDto(createMeasurementSchema) {}
export class MeasurementQueryDto extends createZodDto(measurementQuerySchema) {}

export class TableFormatQueryDto extends createZodDto(tableFormatQuerySchema) {}
export class ImportQueryDto extends createZodDto(importQuerySchema) {}
export class ImportReportDto extends createZodDto(importReportSchema) {}
/** Documents the JSON form of an import body; the route reads the body itself, as it may also be text/csv. */
export class CsvImportBodyDto extends createZodDto(csvImportBodySchema) {}
