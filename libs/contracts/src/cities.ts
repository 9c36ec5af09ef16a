import { z } from 'zod';
import { countryCodeSchema, localeSchema, pageQuerySchema, timeZoneSchema, uuidSchema } from './common';

export const citySchema = z.object({
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

const cityFieldsSchema = z.object({
  hubId: uuidSchema.nullable(),
  name: z.string().trim().min(1).max(120),
  country: countryCodeSchema,
  timeZone: timeZoneSchema,
  locale: localeSchema,
  population: z.number().int().min(0).max(100_000_000).nullable(),
  areaKm2: z.number().min(0).max(1_000_000).nullable(),
});

export const createCitySchema = cityFieldsSchema
  .extend({ population: cityFieldsSchema.shape.population.default(null), areaKm2: cityFieldsSchema.shape.areaKm2.default(null) })
  .strict();

/** No defaults here: a PATCH that leaves a fact out must keep it, not reset it. */
export const updateCitySchema = cityFieldsSchema.partial().strict();
export type UpdateCity = z.input<typeof updateCitySchema>;

export const cityQuerySchema = pageQuerySchema.extend({
  hubId: uuidSchema.optional(),
  country: countryCodeSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
export type CityQuery = z.infer<typeof cityQuerySchema>;
