import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  comparisonQuerySchema,
  createDraftVersionSchema,
  draftComparisonSchema,
  draftOutlineSchema,
  draftVersionContentSchema,
  draftVersionSchema,
  exportQuerySchema,
} from '@minga/contracts';

export class DraftVersionDto extends createZodDto(draftVersionSchema) {}
export class DraftVersionListDto extends createZodDto(z.array(draftVersionSchema)) {}
export class CreateDraftVersionDto extends createZodDto(createDraftVersionSchema) {}
export class DraftVersionContentDto extends createZodDto(draftVersionContentSchema) {}
export class ComparisonQueryDto extends createZodDto(comparisonQuerySchema) {}
export class DraftComparisonDto extends createZodDto(draftComparisonSchema) {}
export class ExportQueryDto extends createZodDto(exportQuerySchema) {}
export class DraftOutlineDto extends createZodDto(draftOutlineSchema) {}
