import { z } from 'zod';
import { uuidSchema } from './common';

/** The alliance's model policies; a city adapts one into a policy draft. */
export const modelPolicySchema = z.object({
  id: uuidSchema,
  key: z.string(),
  name: z.string(),
  summary: z.string(),
  language: z.string(),
  /** Section headings of the template, in order (empty when the policy has no template yet). */
  sections: z.array(z.string()),
  hasTemplate: z.boolean(),
  unveiledOn: z.string().nullable(),
});
export type ModelPolicy = z.infer<typeof modelPolicySchema>;
