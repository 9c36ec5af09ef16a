import { Injectable } from '@nestjs/common';
import type { ActionPlanResource } from '@minga/access';
import { AccessService } from '../../platform/access/access.service';
import type { AuthPrincipal } from '../../platform/access/principal';
import { ActionPlansService, type PlanPart } from './action-plans.service';
import type { PlanScope } from './plan-history';

/** The access policy's view of a plan: parts of a plan are decided on the plan they belong to. */
export function planResource(scope: PlanScope): ActionPlanResource {
  return { kind: 'ActionPlan', id: scope.planId, cityId: scope.cityId, hubId: scope.hubId, published: scope.published };
}

/** The one check of every route on a plan or one of its parts: finds the plan (404) and asks the policy (403). */
@Injectable()
export class PlanAccess {
  constructor(
    private readonly plans: ActionPlansService,
    private readonly access: AccessService,
  ) {}

  async assert(me: AuthPrincipal, action: 'read' | 'update' | 'delete', part: PlanPart, id: string): Promise<PlanScope> {
    const scope = await this.plans.scopeOf(part, id);
    this.access.assert(me, action, planResource(scope));
    return scope;
  }
}
