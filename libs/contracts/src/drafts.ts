import { z } from 'zod';
import { localeSchema, pageQuerySchema, uuidSchema } from './common';

export const DRAFT_STATUSES = ['drafting', 'legal_review', 'public_consultation', 'adopted'] as const;
export const draftStatusSchema = z.enum(DRAFT_STATUSES);
export type DraftStatus = z.infer<typeof draftStatusSchema>;

/** Permitted status changes: forward through the process, or back one step when review sends it back. */
export const DRAFT_TRANSITIONS: Record<DraftStatus, DraftStatus[]> = {
  drafting: ['legal_review'],
  legal_review: ['drafting', 'public_consultation'],
  public_consultation: ['legal_review', 'adopted'],
  adopted: [],
};

export function canTransition(from: DraftStatus, to: DraftStatus): boolean {
  return DRAFT_TRANSITIONS[from].includes(to);
}

export const draftSchema = z.object({
  id: uuidSchema,
  title: z.string(),
  cityId: uuidSchema,
  cityName: z.string(),
  hubId: uuidSchema.nullable(),
  modelPolicyId: uuidSchema,
  modelPolicyKey: z.string(),
  language: z.string(),
  status: draftStatusSchema,
  owners: z.array(z.object({ id: uuidSchema, name: z.string() })),
  /** The collaboration document's name on the /collab namespace. */
  docName: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Draft = z.infer<typeof draftSchema>;

export const createDraftSchema = z
  .object({
    cityId: uuidSchema,
    modelPolicyId: uuidSchema,
    title: z.string().trim().min(1).max(200),
    language: localeSchema.default('en'),
  })
  .strict();
export type CreateDraft = z.input<typeof createDraftSchema>;

export const updateDraftSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    status: draftStatusSchema.optional(),
    ownerIds: z.array(uuidSchema).min(1).max(20).optional(),
  })
  .strict();
export type UpdateDraft = z.infer<typeof updateDraftSchema>;

export const draftQuerySchema = pageQuerySchema.extend({
  cityId: uuidSchema.optional(),
  hubId: uuidSchema.optional(),
  modelPolicyId: uuidSchema.optional(),
  status: draftStatusSchema.optional(),
});
export type DraftQuery = z.infer<typeof draftQuerySchema>;

export function draftDocName(draftId: string): string {
  return `draft:${draftId}`;
}
