import { createZodDto } from 'nestjs-zod';
import {
  markNotificationsReadSchema,
  notificationPageSchema,
  notificationPreferencesSchema,
  notificationQuerySchema,
  unreadCountSchema,
  updateNotificationPreferencesSchema,
} from '@minga/contracts';

export class NotificationQueryDto extends createZodDto(notificationQuerySchema) {}
export class NotificationPageDto extends createZodDto(notificationPageSchema) {}
export class MarkNotificationsReadDto extends createZodDto(markNotificationsReadSchema) {}
export class UnreadCountDto extends createZodDto(unreadCountSchema) {}
export class NotificationPreferencesDto extends createZodDto(notificationPreferencesSchema) {}
export class UpdateNotificationPreferencesDto extends createZodDto(updateNotificationPreferencesSchema) {}
