import { createZodDto } from 'nestjs-zod';
import { createDraftSchema, draftQuerySchema, draftSchema, pageOf, updateDraftSchema } from '@minga/contracts';

export class DraftDto extends createZodDto(draftSchema) {}
export class DraftPageDto extends createZodDto(pageOf(draftSchema)) {}
export class CreateDraftDto extends createZodDto(createDraftSchema) {}
export class UpdateDraftDto extends createZodDto(updateDraftSchema) {}
export class DraftQueryDto extends createZodDto(draftQuerySchema) {}
