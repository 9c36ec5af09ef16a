import { z } from 'zod';
import { localeSchema, timeZoneSchema } from './common';
import { emailSchema, passwordSchema, personNameSchema, userSchema, workingHoursSchema } from './users';

export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1, 'Password is required').max(200) }).strict();
export type SignIn = z.infer<typeof signInSchema>;

/** Returned by sign-in, sign-up and refresh; the refresh token travels only in an httpOnly cookie. */
export const sessionSchema = z.object({
  accessToken: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  user: userSchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const signUpSchema = z
  .object({
    invitationToken: z.string().min(20).max(200),
    name: personNameSchema,
    password: passwordSchema,
    locale: localeSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    workingHours: workingHoursSchema.optional(),
  })
  .strict();
export type SignUp = z.infer<typeof signUpSchema>;

export const REFRESH_COOKIE = 'minga_refresh';
