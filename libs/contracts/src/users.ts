import { z } from 'zod';
import { localeSchema, pageQuerySchema, timeZoneSchema, uuidSchema } from './common';
import { roleAssignmentSchema, roleSchema } from './roles';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Time as HH:MM (24-hour)');

/** When someone is available, in their own time zone; days are ISO weekdays (1 = Monday). */
export const workingHoursSchema = z
  .object({
    start: clockTime,
    end: clockTime,
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  })
  .refine((h) => h.start < h.end, { message: 'End must be after start', path: ['end'] })
  .refine((h) => new Set(h.days).size === h.days.length, { message: 'Days must not repeat', path: ['days'] });
export type WorkingHours = z.infer<typeof workingHoursSchema>;

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };

export const personNameSchema = z.string().trim().min(1, 'Name is required').max(120);
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('Invalid email address')).pipe(z.string().max(254));
export const passwordSchema = z.string().min(10, 'At least 10 characters').max(200);

/** A person as others see them; email only when the viewer may contact them. */
export const userSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  email: z.string().nullable(),
  locale: z.string(),
  timeZone: z.string(),
  workingHours: workingHoursSchema,
  roles: z.array(roleAssignmentSchema),
  createdAt: z.iso.datetime({ offset: true }),
});
export type User = z.infer<typeof userSchema>;

export const updateProfileSchema = z
  .object({
    name: personNameSchema.optional(),
    locale: localeSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    workingHours: workingHoursSchema.optional(),
  })
  .strict();
export type UpdateProfile = z.infer<typeof updateProfileSchema>;

export const changePasswordSchema = z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema }).strict();
export type ChangePassword = z.infer<typeof changePasswordSchema>;

export const userQuerySchema = pageQuerySchema.extend({
  hubId: uuidSchema.optional(),
  cityId: uuidSchema.optional(),
  role: roleSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
export type UserQuery = z.infer<typeof userQuerySchema>;
