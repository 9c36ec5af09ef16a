// The one access policy: "may this principal do this action on that resource?"
// The API enforces it on every route and socket event; the web app asks it to hide what a user cannot do.
import { AbilityBuilder, createMongoAbility, type InferSubjects, type MongoAbility } from '@casl/ability';
import type { Role } from '@minga/contracts';

export const ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'readContact',
  'editContent',
  'comment',
  'resolve',
  'respond',
  'attend',
  'host',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Resource shapes the rules look at; only the fields that decide access. */
export interface HubResource {
  kind: 'Hub';
  id: string;
}
export interface CityResource {
  kind: 'City';
  id: string;
  hubId: string | null;
}
export interface UserResource {
  kind: 'User';
  id: string;
  scopeHubIds: string[];
}
interface Grant {
  role: Role;
  scopeHubId: string | null;
  cityId: string | null;
}
export interface RoleAssignmentResource extends Grant {
  kind: 'RoleAssignment';
}
export interface InvitationResource extends Grant {
  kind: 'Invitation';
}
export interface ModelPolicyResource {
  kind: 'ModelPolicy';
  id: string;
}
/** A policy draft: its city decides who edits, the city's hub who comments. */
export interface DraftResource {
  kind: 'Draft';
  id: string;
  cityId: string;
  hubId: string | null;
}
/**
 * A city's action plan. Its milestones, tasks, KPIs and measurements are parts of it: adding or changing a part is
 * `update` on the plan, removing one is `delete`. Published plans are open data, readable by anyone.
 */
export interface ActionPlanResource {
  kind: 'ActionPlan';
  id: string;
  cityId: string;
  hubId: string | null;
  published: boolean;
}
/** A comment thread (or suggestion) on a draft: the draft's scope, and who started it. */
export interface ThreadResource {
  kind: 'Thread';
  id: string;
  draftId: string;
  cityId: string;
  hubId: string | null;
  authorId: string;
}
/** One comment in a thread: only its author edits or deletes it. */
export interface CommentResource {
  kind: 'Comment';
  id: string;
  draftId: string;
  cityId: string;
  hubId: string | null;
  authorId: string;
}
/** A cohort of cities (from any hub) run by its owner hub's coordinators. */
export interface CohortResource {
  kind: 'Cohort';
  id: string;
  hubId: string;
}
/**
 * A meeting or series of a hub (or of one of its cohorts). `invited`: whether the asking person is an invitee, so
 * one resource answers for one person. `read` is every member's; the join link and the live room are `attend`.
 * `respond` is the RSVP; `host` runs the live room (current agenda item, polls, minutes).
 */
export interface MeetingResource {
  kind: 'Meeting';
  id: string;
  hubId: string;
  organiserId: string;
  invited: boolean;
}
export type Resource =
  | HubResource
  | CityResource
  | UserResource
  | RoleAssignmentResource
  | InvitationResource
  | ModelPolicyResource
  | DraftResource
  | ActionPlanResource
  | ThreadResource
  | CommentResource
  | CohortResource
  | MeetingResource;
export type SubjectKind = Resource['kind'];

/** A role a person holds, with the hub it falls under (a city's hub for officials). */
export interface PrincipalRole {
  role: Role;
  hubId: string | null;
  cityId: string | null;
  scopeHubId: string | null;
}
export interface Principal {
  id: string;
  roles: PrincipalRole[];
}

export type AppAbility = MongoAbility<[Action, InferSubjects<Resource, true>]>;

/** Roles a coordinator may hand out inside their own hub. */
const COORDINATOR_GRANTABLE: Role[] = ['coordinator', 'expert', 'official', 'observer'];

export function defineAbilityFor(principal: Principal | null): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  // Published plans are open data: everyone reads them, signed in or not.
  can('read', 'ActionPlan', { published: true });
  if (!principal || principal.roles.length === 0) {
    // Signed in but holding no role (every role revoked): may see and edit only themselves.
    if (principal) {
      can('read', 'User', { id: principal.id });
      can('readContact', 'User', { id: principal.id });
      can('update', 'User', { id: principal.id });
    }
    return build({ detectSubjectType: subjectKind });
  }

  // Every member of the alliance reads its hubs, cities and people, the drafts with their discussions, and action plans.
  can('read', ['Hub', 'City', 'User', 'RoleAssignment', 'ModelPolicy', 'Draft', 'Thread', 'Comment', 'ActionPlan', 'Cohort', 'Meeting']);
  can(['update', 'readContact'], 'User', { id: principal.id });
  // Invitees answer, join the room and its notes; the organiser hosts while they hold any role.
  can(['respond', 'attend'], 'Meeting', { invited: true });
  can('host', 'Meeting', { organiserId: principal.id });
  // Comments: starting a thread or replying is `comment` on the draft. Where one may comment, one may edit and
  // delete one's own comments and resolve or reopen the threads one started; the rules per role add the rest.
  const own = { authorId: principal.id };

  for (const grant of principal.roles) {
    switch (grant.role) {
      case 'admin':
        can(['read', 'create', 'update', 'delete', 'readContact'], ['Hub', 'City', 'User', 'RoleAssignment', 'Invitation', 'ModelPolicy']);
        // Drafts are never deleted (nothing a user saved is lost); admins may do everything else.
        can(['read', 'create', 'update', 'editContent', 'comment'], 'Draft');
        can(['read', 'create', 'update', 'delete'], 'ActionPlan');
        can(['update', 'delete'], 'Comment', own);
        can('resolve', 'Thread');
        can(['create', 'update', 'delete'], 'Cohort');
        can(['create', 'update', 'delete', 'attend', 'host'], 'Meeting');
        break;
      case 'coordinator': {
        const hubId = grant.hubId;
        can('update', 'Hub', { id: hubId });
        can(['create', 'update'], 'City', { hubId });
        can('readContact', 'User', { scopeHubIds: hubId });
        can('comment', 'Draft', { hubId });
        // Coordinators help their hub's cities keep plans up to date, but removing anything stays with the city.
        can(['create', 'update'], 'ActionPlan', { hubId });
        can(['update', 'delete'], 'Comment', { ...own, hubId });
        // Coordinators moderate the discussion of their hub's drafts.
        can('resolve', 'Thread', { hubId });
        // Coordinators run their hub's cohorts and meetings: they schedule, join any of them and host.
        can(['create', 'update', 'delete'], 'Cohort', { hubId });
        can(['create', 'update', 'delete', 'attend', 'host'], 'Meeting', { hubId });
        const grantable = { scopeHubId: hubId, role: { $in: COORDINATOR_GRANTABLE } };
        can(['read', 'create', 'delete'], 'RoleAssignment', grantable);
        can(['read', 'create', 'delete'], 'Invitation', grantable);
        break;
      }
      case 'official':
        can('update', 'City', { id: grant.cityId });
        can(['create', 'update', 'editContent', 'comment'], 'Draft', { cityId: grant.cityId });
        can(['create', 'update', 'delete'], 'ActionPlan', { cityId: grant.cityId });
        can(['update', 'delete'], 'Comment', { ...own, cityId: grant.cityId });
        // Editors of the draft settle its threads.
        can('resolve', 'Thread', { cityId: grant.cityId });
        break;
      case 'expert':
        can('comment', 'Draft', { hubId: grant.hubId });
        can(['update', 'delete'], 'Comment', { ...own, hubId: grant.hubId });
        can('resolve', 'Thread', { ...own, hubId: grant.hubId });
        break;
      case 'observer':
        break;
    }
  }
  return build({ detectSubjectType: subjectKind });
}

function subjectKind(resource: Resource | SubjectKind): SubjectKind {
  return typeof resource === 'string' ? resource : resource.kind;
}
