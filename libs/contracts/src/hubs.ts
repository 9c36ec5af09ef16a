import { z } from 'zod';
import { localeSchema, timeZoneSchema, uuidSchema } from './common';

const hubKeySchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'Lower-case letters, digits and dashes');

export const hubSchema = z.object({
  id: uuidSchema,
  key: z.string(),
  name: z.string(),
  languages: z.array(z.string()),
  timeZones: z.array(z.string()),
  cityCount: z.number().int(),
  memberCount: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Hub = z.infer<typeof hubSchema>;

export const createHubSchema = z
  .object({
    key: hubKeySchema,
    name: z.string().trim().min(1).max(120),
    languages: z.array(localeSchema).min(1).max(20),
    timeZones: z.array(timeZoneSchema).min(1).max(50),
  })
  .strict();
export type CreateHub = z.infer<typeof createHubSchema>;

export const updateHubSchema = createHubSchema.omit({ key: true }).partial().strict();
export type UpdateHub = z.infer<typeof updateHubSchema>;
