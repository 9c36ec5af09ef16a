import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  actionItemSchema,
  attendanceReportSchema,
  createActionItemSchema,
  minutesSchema,
  pollSchema,
  sendToPlanSchema,
  updateActionItemSchema,
  updateMinutesSchema,
} from '@minga/contracts';

export class AttendanceReportDto extends createZodDto(attendanceReportSchema) {}
export class PollListDto extends createZodDto(z.array(pollSchema)) {}
export class MinutesDto extends createZodDto(minutesSchema) {}
export class UpdateMinutesDto extends createZodDto(updateMinutesSchema) {}
export class ActionItemDto extends createZodDto(actionItemSchema) {}
export class ActionItemListDto extends createZodDto(z.array(actionItemSchema)) {}
export class CreateActionItemDto extends createZodDto(createActionItemSchema) {}
export class UpdateActionItemDto extends createZodDto(updateActionItemSchema) {}
export class SendToPlanDto extends createZodDto(sendToPlanSchema) {}
