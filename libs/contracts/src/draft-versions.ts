import { z } from 'zod';
import { uuidSchema } from './common';

const VERSION_KINDS = ['auto', 'named', 'restore'] as const;
const versionKindSchema = z.enum(VERSION_KINDS);

export const draftVersionSchema = z.object({
  id: uuidSchema,
  kind: versionKindSchema,
  label: z.string().nullable(),
  createdBy: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type DraftVersion = z.infer<typeof draftVersionSchema>;

export const createDraftVersionSchema = z.object({ label: z.string().trim().min(1).max(200) }).strict();

/** One heading of a draft: its level (1-6), its text and the index of its block in the document. */
const outlineEntrySchema = z.object({ level: z.number().int(), text: z.string(), index: z.number().int() });

/** A version to read: its HTML (rendered with the shared editor schema) and its section outline. */
export const draftVersionContentSchema = z.object({
  version: draftVersionSchema,
  html: z.string(),
  outline: z.array(outlineEntrySchema),
});
export type DraftVersionContent = z.infer<typeof draftVersionContentSchema>;

/** GET /api/drafts/:id/outline: the draft's headings as they are now (for linking an agenda item to a section). */
export const draftOutlineSchema = z.object({ outline: z.array(outlineEntrySchema) });
export type DraftOutline = z.infer<typeof draftOutlineSchema>;

/** One side of a comparison: a version id, the draft as it is now, or the model policy it started from. */
const comparisonSideSchema = z.union([uuidSchema, z.enum(['current', 'model'])]);

export const comparisonQuerySchema = z.object({
  from: comparisonSideSchema.default('model'),
  to: comparisonSideSchema.default('current'),
});

const SECTION_CHANGES = ['unchanged', 'changed', 'added', 'removed'] as const;

export const draftComparisonSchema = z.object({
  from: comparisonSideSchema,
  to: comparisonSideSchema,
  sections: z.array(
    z.object({
      heading: z.string(),
      change: z.enum(SECTION_CHANGES),
      /** Word-level differences of the section's text: kept, added (insert) or removed (delete). */
      parts: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })),
    }),
  ),
});
export type DraftComparison = z.infer<typeof draftComparisonSchema>;

export const EXPORT_FORMATS = ['markdown', 'html', 'docx', 'text'] as const;
export const exportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS).default('markdown') });
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
