import { createZodDto } from 'nestjs-zod';
import { calendarFeedListSchema, createCalendarFeedSchema, createdCalendarFeedSchema } from '@minga/contracts';

export class CalendarFeedListDto extends createZodDto(calendarFeedListSchema) {}
export class CreateCalendarFeedDto extends createZodDto(createCalendarFeedSchema) {}
export class CreatedCalendarFeedDto extends createZodDto(createdCalendarFeedSchema) {}
