import { z } from 'zod';
import { pageQuerySchema, uuidSchema } from './common';
import { roleGrantSchema, roleSchema } from './roles';
import { emailSchema } from './users';

const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export const invitationStatusSchema = z.enum(INVITATION_STATUSES);
export type InvitationStatus = z.infer<typeof invitationStatusSchema>;

export const createInvitationSchema = z.object({ email: emailSchema }).and(roleGrantSchema);
export type CreateInvitation = z.input<typeof createInvitationSchema>;

export const invitationSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  role: roleSchema,
  hubId: uuidSchema.nullable(),
  cityId: uuidSchema.nullable(),
  scopeName: z.string().nullable(),
  status: invitationStatusSchema,
  invitedBy: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  expiresAt: z.iso.datetime({ offset: true }),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** Only the inviter sees the link, once, when the invitation is created. */
export const createdInvitationSchema = z.object({ invitation: invitationSchema, inviteUrl: z.url(), emailed: z.boolean() });
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;

/** What an invitee sees before signing up. */
export const invitationPreviewSchema = z.object({
  email: z.string(),
  role: roleSchema,
  scopeName: z.string().nullable(),
  invitedByName: z.string().nullable(),
  accountExists: z.boolean(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const acceptInvitationSchema = z.object({ invitationToken: z.string().min(20).max(200) }).strict();

export const invitationQuerySchema = pageQuerySchema.extend({
  hubId: uuidSchema.optional(),
  status: invitationStatusSchema.optional(),
});
export type InvitationQuery = z.infer<typeof invitationQuerySchema>;
