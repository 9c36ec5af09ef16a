import { Injectable } from '@nestjs/common';
import { defineAbilityFor, type Action, type AppAbility, type Principal, type Resource, type SubjectKind } from '@minga/access';
import { Problem } from '../common/problem';

/** Asks the one policy in libs/access; controllers and gateways call it before acting. */
@Injectable()
export class AccessService {
  abilityFor(principal: Principal | null): AppAbility {
    return defineAbilityFor(principal);
  }

  can(principal: Principal | null, action: Action, resource: Resource | SubjectKind): boolean {
    return this.abilityFor(principal).can(action, resource);
  }

  assert(principal: Principal | null, action: Action, resource: Resource | SubjectKind): void {
    if (!this.can(principal, action, resource)) {
      throw new Problem('forbidden', `You may not ${action} this ${typeof resource === 'string' ? resource : resource.kind}`);
    }
  }
}
