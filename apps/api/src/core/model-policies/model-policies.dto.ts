import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { modelPolicySchema } from '@minga/contracts';

export class ModelPolicyDto extends createZodDto(modelPolicySchema) {}
export class ModelPolicyListDto extends createZodDto(z.array(modelPolicySchema)) {}

// The editor's nodes are open-ended (TipTap JSON, schema in libs/editor): the response pins the root, keeps every
// node as it is.
const editorDocumentSchema = z.object({ type: z.literal('doc'), content: z.array(z.record(z.string(), z.unknown())) });
export type EditorDocument = z.infer<typeof editorDocumentSchema>;
export class EditorDocumentDto extends createZodDto(editorDocumentSchema) {}
