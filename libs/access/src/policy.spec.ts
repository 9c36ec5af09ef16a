import { ACTIONS, defineAbilityFor, type Action, type Principal, type Resource } from './policy';

const HUB = 'hub-japan';
const OTHER_HUB = 'hub-latam';
const CITY = 'city-tsukuba';
const OTHER_CITY = 'city-mexico';

const principals = {
  anonymous: null,
  roleless: { id: 'u-none', roles: [] },
  admin: { id: 'u-admin', roles: [{ role: 'admin', hubId: null, cityId: null, scopeHubId: null }] },
  coordinator: { id: 'u-coord', roles: [{ role: 'coordinator', hubId: HUB, cityId: null, scopeHubId: HUB }] },
  expert: { id: 'u-expert', roles: [{ role: 'expert', hubId: HUB, cityId: null, scopeHubId: HUB }] },
  official: { id: 'u-official', roles: [{ role: 'official', hubId: null, cityId: CITY, scopeHubId: HUB }] },
  observer: { id: 'u-observer', roles: [{ role: 'observer', hubId: null, cityId: null, scopeHubId: null }] },
} satisfies Record<string, Principal | null>;

const resources = {
  ownHub: { kind: 'Hub', id: HUB },
  otherHub: { kind: 'Hub', id: OTHER_HUB },
  ownCity: { kind: 'City', id: CITY, hubId: HUB },
  otherCity: { kind: 'City', id: OTHER_CITY, hubId: OTHER_HUB },
  hubPerson: { kind: 'User', id: 'u-someone', scopeHubIds: [HUB] },
  otherHubPerson: { kind: 'User', id: 'u-far', scopeHubIds: [OTHER_HUB] },
  expertGrantInHub: { kind: 'RoleAssignment', role: 'expert', scopeHubId: HUB, cityId: null },
  adminGrant: { kind: 'RoleAssignment', role: 'admin', scopeHubId: null, cityId: null },
  expertInviteInHub: { kind: 'Invitation', role: 'expert', scopeHubId: HUB, cityId: null },
  officialInviteInHub: { kind: 'Invitation', role: 'official', scopeHubId: HUB, cityId: CITY },
  expertInviteOtherHub: { kind: 'Invitation', role: 'expert', scopeHubId: OTHER_HUB, cityId: null },
  adminInvite: { kind: 'Invitation', role: 'admin', scopeHubId: null, cityId: null },
  modelPolicy: { kind: 'ModelPolicy', id: 'mp-open-data' },
  ownCityDraft: { kind: 'Draft', id: 'd-1', cityId: CITY, hubId: HUB },
  otherHubDraft: { kind: 'Draft', id: 'd-2', cityId: OTHER_CITY, hubId: OTHER_HUB },
  ownCityPlan: { kind: 'ActionPlan', id: 'p-1', cityId: CITY, hubId: HUB, published: false },
  ownCityPublishedPlan: { kind: 'ActionPlan', id: 'p-2', cityId: CITY, hubId: HUB, published: true },
  otherHubPlan: { kind: 'ActionPlan', id: 'p-3', cityId: OTHER_CITY, hubId: OTHER_HUB, published: false },
  otherHubPublishedPlan: { kind: 'ActionPlan', id: 'p-4', cityId: OTHER_CITY, hubId: OTHER_HUB, published: true },
  hublessCityPlan: { kind: 'ActionPlan', id: 'p-5', cityId: 'city-istanbul', hubId: null, published: false },
  threadBySomeone: { kind: 'Thread', id: 't-1', draftId: 'd-1', cityId: CITY, hubId: HUB, authorId: 'u-someone' },
  threadByExpert: { kind: 'Thread', id: 't-2', draftId: 'd-1', cityId: CITY, hubId: HUB, authorId: 'u-expert' },
  threadByOfficial: { kind: 'Thread', id: 't-3', draftId: 'd-1', cityId: CITY, hubId: HUB, authorId: 'u-official' },
  threadOtherHub: { kind: 'Thread', id: 't-4', draftId: 'd-2', cityId: OTHER_CITY, hubId: OTHER_HUB, authorId: 'u-someone' },
  threadByExpertOtherHub: { kind: 'Thread', id: 't-5', draftId: 'd-2', cityId: OTHER_CITY, hubId: OTHER_HUB, authorId: 'u-expert' },
  commentBySomeone: { kind: 'Comment', id: 'c-1', draftId: 'd-1', cityId: CITY, hubId: HUB, authorId: 'u-someone' },
  commentByExpert: { kind: 'Comment', id: 'c-2', draftId: 'd-1', cityId: CITY, hubId: HUB, authorId: 'u-expert' },
  commentByOfficial: { kind: 'Comment', id: 'c-3', draftId: 'd-1', cityId: CITY, hubId: HUB, authorId: 'u-official' },
  commentByCoordinator: { kind: 'Comment', id: 'c-4', draftId: 'd-1', cityId: CITY, hubId: HUB, authorId: 'u-coord' },
  commentByAdminOtherHub: { kind: 'Comment', id: 'c-5', draftId: 'd-2', cityId: OTHER_CITY, hubId: OTHER_HUB, authorId: 'u-admin' },
  commentByExpertOtherHub: { kind: 'Comment', id: 'c-6', draftId: 'd-2', cityId: OTHER_CITY, hubId: OTHER_HUB, authorId: 'u-expert' },
  ownHubCohort: { kind: 'Cohort', id: 'co-1', hubId: HUB },
  otherHubCohort: { kind: 'Cohort', id: 'co-2', hubId: OTHER_HUB },
  // `invited` is whether the asking person is an invitee of the meeting.
  meetingInvited: { kind: 'Meeting', id: 'm-1', hubId: HUB, organiserId: 'u-someone', invited: true },
  meetingNotInvited: { kind: 'Meeting', id: 'm-1', hubId: HUB, organiserId: 'u-someone', invited: false },
  otherHubMeetingInvited: { kind: 'Meeting', id: 'm-2', hubId: OTHER_HUB, organiserId: 'u-far', invited: true },
  otherHubMeeting: { kind: 'Meeting', id: 'm-2', hubId: OTHER_HUB, organiserId: 'u-far', invited: false },
  meetingOrganisedByExpert: { kind: 'Meeting', id: 'm-3', hubId: HUB, organiserId: 'u-expert', invited: false },
} satisfies Record<string, Resource>;

/** Cohorts and meetings for a member without a hub role: read all, answer and attend where invited. */
const memberMeetings = {
  ownHubCohort: 'r',
  otherHubCohort: 'r',
  meetingInvited: 'rpa',
  meetingNotInvited: 'r',
  otherHubMeetingInvited: 'rpa',
  otherHubMeeting: 'r',
  meetingOrganisedByExpert: 'r',
};

/** Threads and comments everyone with a role may read and nobody else touches. */
const readOnlyDiscussion = {
  threadBySomeone: 'r',
  threadByExpert: 'r',
  threadByOfficial: 'r',
  threadOtherHub: 'r',
  threadByExpertOtherHub: 'r',
  commentBySomeone: 'r',
  commentByExpert: 'r',
  commentByOfficial: 'r',
  commentByCoordinator: 'r',
  commentByAdminOtherHub: 'r',
  commentByExpertOtherHub: 'r',
};

// Every role against every action on every resource: the letters list the actions allowed,
// r=read c=create u=update d=delete x=readContact e=editContent m=comment v=resolve p=respond a=attend h=host.
const expected: Record<string, Record<string, string>> = {
  // Published plans are open data; nothing else is readable without a role.
  anonymous: { ownCityPublishedPlan: 'r', otherHubPublishedPlan: 'r' },
  roleless: { ownCityPublishedPlan: 'r', otherHubPublishedPlan: 'r' },
  admin: {
    ownHub: 'rcudx',
    otherHub: 'rcudx',
    ownCity: 'rcudx',
    otherCity: 'rcudx',
    hubPerson: 'rcudx',
    otherHubPerson: 'rcudx',
    expertGrantInHub: 'rcudx',
    adminGrant: 'rcudx',
    expertInviteInHub: 'rcudx',
    officialInviteInHub: 'rcudx',
    expertInviteOtherHub: 'rcudx',
    adminInvite: 'rcudx',
    modelPolicy: 'rcudx',
    ownCityDraft: 'rcuem',
    otherHubDraft: 'rcuem',
    ownCityPlan: 'rcud',
    ownCityPublishedPlan: 'rcud',
    otherHubPlan: 'rcud',
    otherHubPublishedPlan: 'rcud',
    hublessCityPlan: 'rcud',
    ...readOnlyDiscussion,
    threadBySomeone: 'rv',
    threadByExpert: 'rv',
    threadByOfficial: 'rv',
    threadOtherHub: 'rv',
    threadByExpertOtherHub: 'rv',
    commentByAdminOtherHub: 'rud',
    ownHubCohort: 'rcud',
    otherHubCohort: 'rcud',
    // Admins schedule and host anywhere, but answer only where invited.
    meetingInvited: 'rcudpah',
    meetingNotInvited: 'rcudah',
    otherHubMeetingInvited: 'rcudpah',
    otherHubMeeting: 'rcudah',
    meetingOrganisedByExpert: 'rcudah',
  },
  coordinator: {
    ownHub: 'ru',
    otherHub: 'r',
    ownCity: 'rcu',
    otherCity: 'r',
    hubPerson: 'rx',
    otherHubPerson: 'r',
    expertGrantInHub: 'rcd',
    adminGrant: 'r',
    expertInviteInHub: 'rcd',
    officialInviteInHub: 'rcd',
    expertInviteOtherHub: '',
    adminInvite: '',
    modelPolicy: 'r',
    ownCityDraft: 'rm',
    otherHubDraft: 'r',
    ownCityPlan: 'rcu',
    ownCityPublishedPlan: 'rcu',
    otherHubPlan: 'r',
    otherHubPublishedPlan: 'r',
    hublessCityPlan: 'r',
    ...readOnlyDiscussion,
    threadBySomeone: 'rv',
    threadByExpert: 'rv',
    threadByOfficial: 'rv',
    commentByCoordinator: 'rud',
    ownHubCohort: 'rcud',
    otherHubCohort: 'r',
    meetingInvited: 'rcudpah',
    meetingNotInvited: 'rcudah',
    otherHubMeetingInvited: 'rpa',
    otherHubMeeting: 'r',
    meetingOrganisedByExpert: 'rcudah',
  },
  expert: {
    ownHub: 'r',
    otherHub: 'r',
    ownCity: 'r',
    otherCity: 'r',
    hubPerson: 'r',
    otherHubPerson: 'r',
    expertGrantInHub: 'r',
    adminGrant: 'r',
    expertInviteInHub: '',
    officialInviteInHub: '',
    expertInviteOtherHub: '',
    adminInvite: '',
    modelPolicy: 'r',
    ownCityDraft: 'rm',
    otherHubDraft: 'r',
    ownCityPlan: 'r',
    ownCityPublishedPlan: 'r',
    otherHubPlan: 'r',
    otherHubPublishedPlan: 'r',
    hublessCityPlan: 'r',
    ...readOnlyDiscussion,
    threadByExpert: 'rv',
    commentByExpert: 'rud',
    ...memberMeetings,
    // The organiser keeps hosting the meetings they set up.
    meetingOrganisedByExpert: 'rh',
  },
  official: {
    ownHub: 'r',
    otherHub: 'r',
    ownCity: 'ru',
    otherCity: 'r',
    hubPerson: 'r',
    otherHubPerson: 'r',
    expertGrantInHub: 'r',
    adminGrant: 'r',
    expertInviteInHub: '',
    officialInviteInHub: '',
    expertInviteOtherHub: '',
    adminInvite: '',
    modelPolicy: 'r',
    ownCityDraft: 'rcuem',
    otherHubDraft: 'r',
    ownCityPlan: 'rcud',
    ownCityPublishedPlan: 'rcud',
    otherHubPlan: 'r',
    otherHubPublishedPlan: 'r',
    hublessCityPlan: 'r',
    ...readOnlyDiscussion,
    threadBySomeone: 'rv',
    threadByExpert: 'rv',
    threadByOfficial: 'rv',
    commentByOfficial: 'rud',
    ...memberMeetings,
  },
  observer: {
    ownHub: 'r',
    otherHub: 'r',
    ownCity: 'r',
    otherCity: 'r',
    hubPerson: 'r',
    otherHubPerson: 'r',
    expertGrantInHub: 'r',
    adminGrant: 'r',
    expertInviteInHub: '',
    officialInviteInHub: '',
    expertInviteOtherHub: '',
    adminInvite: '',
    modelPolicy: 'r',
    ownCityDraft: 'r',
    otherHubDraft: 'r',
    ownCityPlan: 'r',
    ownCityPublishedPlan: 'r',
    otherHubPlan: 'r',
    otherHubPublishedPlan: 'r',
    hublessCityPlan: 'r',
    ...readOnlyDiscussion,
    ...memberMeetings,
  },
};

const LETTER: Record<Action, string> = {
  read: 'r',
  create: 'c',
  update: 'u',
  delete: 'd',
  readContact: 'x',
  editContent: 'e',
  comment: 'm',
  resolve: 'v',
  respond: 'p',
  attend: 'a',
  host: 'h',
};

const table = Object.entries(principals).flatMap(([who, principal]) => {
  const row = expected[who];
  if (row === undefined) throw new Error(`No expected permissions for ${who}`);
  return Object.entries(resources).flatMap(([what, resource]) =>
    ACTIONS.map((action) => ({ who, principal, what, resource, action, allowed: (row[what] ?? '').includes(LETTER[action]) })),
  );
});

describe('access policy', () => {
  it.each(table)('$who $action $what → $allowed', ({ principal, resource, action, allowed }) => {
    expect(defineAbilityFor(principal).can(action, resource)).toBe(allowed);
  });

  it('lets every signed-in person read and edit their own profile, even with no role left', () => {
    const self = { kind: 'User' as const, id: 'u-none', scopeHubIds: [] };
    const ability = defineAbilityFor(principals['roleless']);
    expect(ability.can('update', self)).toBe(true);
    expect(ability.can('readContact', self)).toBe(true);
    expect(ability.can('update', resources['hubPerson'])).toBe(false);
  });

  it('combines roles a person holds in several hubs', () => {
    const both: Principal = {
      id: 'u-both',
      roles: [
        { role: 'coordinator', hubId: HUB, cityId: null, scopeHubId: HUB },
        { role: 'expert', hubId: OTHER_HUB, cityId: null, scopeHubId: OTHER_HUB },
        { role: 'official', hubId: null, cityId: OTHER_CITY, scopeHubId: OTHER_HUB },
      ],
    };
    const ability = defineAbilityFor(both);
    expect(ability.can('create', resources['expertInviteInHub'])).toBe(true);
    expect(ability.can('create', resources['expertInviteOtherHub'])).toBe(false);
    expect(ability.can('update', resources['otherCity'])).toBe(true);
    expect(ability.can('delete', resources['otherHubPlan'])).toBe(true);
    expect(ability.can('delete', resources['ownCityPlan'])).toBe(false);
  });
});
