import { z } from 'zod';
import { uuidSchema } from './common';

/**
 * Roles and their scope: admin is platform-wide; coordinator and expert belong to a hub;
 * official belongs to a city; observer reads a hub, or the whole platform when unscoped.
 */
export const ROLES = ['admin', 'coordinator', 'expert', 'official', 'observer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

const ROLE_SCOPE: Record<Role, 'platform' | 'hub' | 'city' | 'hub-or-platform'> = {
  admin: 'platform',
  coordinator: 'hub',
  expert: 'hub',
  official: 'city',
  observer: 'hub-or-platform',
};

/** A role with its scope, as granted to a person; used for invitations and assignments alike. */
export const roleGrantSchema = z
  .object({
    role: roleSchema,
    hubId: uuidSchema.nullable().default(null),
    cityId: uuidSchema.nullable().default(null),
  })
  .superRefine((grant, ctx) => {
    const scope = ROLE_SCOPE[grant.role];
    const needHub = scope === 'hub';
    const needCity = scope === 'city';
    if (needHub && !grant.hubId) ctx.addIssue({ code: 'custom', path: ['hubId'], message: `A ${grant.role} needs a hub` });
    if (needCity && !grant.cityId) ctx.addIssue({ code: 'custom', path: ['cityId'], message: 'An official needs a city' });
    if (scope === 'platform' && (grant.hubId || grant.cityId))
      ctx.addIssue({ code: 'custom', path: ['hubId'], message: 'An admin is not scoped to a hub or city' });
    if (scope !== 'city' && grant.cityId)
      ctx.addIssue({ code: 'custom', path: ['cityId'], message: `A ${grant.role} is not scoped to a city` });
    if (scope === 'city' && grant.hubId) ctx.addIssue({ code: 'custom', path: ['hubId'], message: 'An official is scoped by city only' });
  });
export type RoleGrant = z.output<typeof roleGrantSchema>;

export const roleAssignmentSchema = z.object({
  id: uuidSchema,
  userId: uuidSchema,
  role: roleSchema,
  hubId: uuidSchema.nullable(),
  cityId: uuidSchema.nullable(),
  /** Hub of the scope: the hub itself, or the city's hub. */
  scopeHubId: uuidSchema.nullable(),
  scopeName: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const createRoleAssignmentSchema = z.object({ userId: uuidSchema }).and(roleGrantSchema);

export const roleAssignmentQuerySchema = z.object({
  userId: uuidSchema.optional(),
  hubId: uuidSchema.optional(),
  cityId: uuidSchema.optional(),
  role: roleSchema.optional(),
});
