import { createZodDto } from 'nestjs-zod';
import {
  acceptInvitationSchema,
  createdInvitationSchema,
  createInvitationSchema,
  invitationPreviewSchema,
  invitationQuerySchema,
  invitationSchema,
  pageOf,
} from '@minga/contracts';

export class InvitationPageDto extends createZodDto(pageOf(invitationSchema)) {}
export class CreateInvitationDto extends createZodDto(createInvitationSchema) {}
export class CreatedInvitationDto extends createZodDto(createdInvitationSchema) {}
export class InvitationPreviewDto extends createZodDto(invitationPreviewSchema) {}
export class AcceptInvitationDto extends createZodDto(acceptInvitationSchema) {}
export class InvitationQueryDto extends createZodDto(invitationQuerySchema) {}
