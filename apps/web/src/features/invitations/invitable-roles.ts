import type { AppAbility } from '@minga/access';
import type { Role } from '@minga/contracts';

/** Roles that belong inside a hub; an admin is platform-wide and is not invited from a hub's page. */
const HUB_ROLES: Role[] = ['coordinator', 'expert', 'official', 'observer'];

/** The hub roles this person may invite others to. */
export function invitableRoles(ability: AppAbility, hubId: string): Role[] {
  return HUB_ROLES.filter((role) => ability.can('create', { kind: 'Invitation', role, scopeHubId: hubId, cityId: null }));
}
