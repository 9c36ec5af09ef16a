import type { ActionPlanResource } from '@minga/access';
import type { PlanScope } from './plan-history';

/** The access policy's view of a plan: parts of a plan are decided on the plan they belong to. */
export function planResource(scope: PlanScope): ActionPlanResource {
  return { kind: 'ActionPlan', id: scope.planId, cityId: scope.cityId, hubId: scope.hubId, published: scope.published };
}
