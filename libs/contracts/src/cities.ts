import { z } from 'zod';
import { countryCodeSchema, localeSchema, pageQuerySchema, timeZoneSchema, uuidSchema } from './common';

export const citySchema = z
  .object({
    id: uuidSchema,
    hubId: uuidSchema.nullable(),
    name: z.string(),
    country: z.string(),
    timeZone: z.string(),
    locale: z.string(),
    population: z.number().int().nullable(),
    areaKm2: z.number().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  });
export type City = z.infer<typeof citySchema>;

export const createCitySchema = z
  .object({
    hubId: uuidSchema.nullable(),
    name: z.string().trim().min(1).max(120),
    country: countryCodeSchema,
    timeZone: timeZoneSchema,
    locale: localeSchema,
    population: z.number().int().min(0).max(100_000_000).nullable().default(null),
    areaKm2: z.number().min(0).max(1_000_000).nullable().default(null),
  })
  .strict();
export type CreateCity = z.input<typeof createCitySchema>;

export const updateCitySchema = createCitySchema.partial().strict();
export type UpdateCity = z.input<typeof updateCitySchema>;

export const cityQuerySchema = pageQuerySchema.extend({
  hubId: uuidSchema.optional(),
  country: countryCodeSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
export type CityQuery = z.infer<typeof cityQuerySchema>;
