import { createZodDto } from 'nestjs-zod';
import {
  contributionPageSchema,
  createCommentSchema,
  createThreadSchema,
  mentionableQuerySchema,
  mentionableSchema,
  pageQuerySchema,
  threadPageSchema,
  threadQuerySchema,
  threadSchema,
  updateCommentSchema,
  updateThreadSchema,
} from '@minga/contracts';
import { z } from 'zod';

export class ThreadDto extends createZodDto(threadSchema) {}
export class ThreadPageDto extends createZodDto(threadPageSchema) {}
export class ThreadQueryDto extends createZodDto(threadQuerySchema) {}
export class CreateThreadDto extends createZodDto(createThreadSchema) {}
export class UpdateThreadDto extends createZodDto(updateThreadSchema) {}
export class CreateCommentDto extends createZodDto(createCommentSchema) {}
export class UpdateCommentDto extends createZodDto(updateCommentSchema) {}
export class ContributionPageDto extends createZodDto(contributionPageSchema) {}
export class ContributionQueryDto extends createZodDto(pageQuerySchema) {}
export class MentionableQueryDto extends createZodDto(mentionableQuerySchema) {}
export class MentionableListDto extends createZodDto(z.array(mentionableSchema)) {}
