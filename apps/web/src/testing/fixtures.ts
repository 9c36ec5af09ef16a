// Test data shaped by the contracts: a Japan hub, one of its cities, people with roles, a model policy, a draft and its versions.
import type { Draft, DraftVersion, Hub, ModelPolicy, RoleAssignment, Session, User } from '@minga/contracts';

export const JAPAN_HUB_ID = '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
export const TSUKUBA_CITY_ID = '7a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

export const japanHub: Hub = {
  id: JAPAN_HUB_ID,
  key: 'japan',
  name: 'Japan',
  languages: ['ja', 'en'],
  timeZones: ['Asia/Tokyo'],
  cityCount: 3,
  memberCount: 12,
  createdAt: '2026-01-05T09:00:00.000Z',
};

export function role(assignment: Pick<RoleAssignment, 'role'> & Partial<RoleAssignment>): RoleAssignment {
  return {
    id: crypto.randomUUID(),
    userId: '11111111-1111-4111-8111-111111111111',
    hubId: null,
    cityId: null,
    scopeHubId: null,
    scopeName: null,
    createdAt: '2026-01-05T09:00:00.000Z',
    ...assignment,
  };
}

export const coordinatorOfJapan = role({ role: 'coordinator', hubId: JAPAN_HUB_ID, scopeHubId: JAPAN_HUB_ID, scopeName: 'Japan' });
export const officialOfTsukuba = role({
  role: 'official',
  cityId: TSUKUBA_CITY_ID,
  scopeHubId: JAPAN_HUB_ID,
  scopeName: 'Tsukuba',
});
export const expertOfJapan = role({ role: 'expert', hubId: JAPAN_HUB_ID, scopeHubId: JAPAN_HUB_ID, scopeName: 'Japan' });

export function user(overrides: Partial<User> = {}): User {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    name: 'Aiko Tanaka',
    email: 'aiko@example.org',
    locale: 'en-US',
    timeZone: 'Asia/Tokyo',
    workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    roles: [coordinatorOfJapan],
    createdAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}

export function session(forUser: User, accessToken = 'token-1'): Session {
  return { accessToken, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), user: forUser };
}

export const OPEN_DATA_POLICY_ID = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';

export const openDataPolicy: ModelPolicy = {
  id: OPEN_DATA_POLICY_ID,
  key: 'open-data',
  name: 'Open data policy',
  summary: 'How a city publishes its data for anyone to reuse.',
  language: 'en',
  sections: ['Purpose', 'Scope', 'Licensing'],
  hasTemplate: true,
  unveiledOn: '2025-06-01',
};

export function draft(overrides: Partial<Draft> = {}): Draft {
  const id = overrides.id ?? '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
  return {
    id,
    title: 'Open data policy of Tsukuba',
    cityId: TSUKUBA_CITY_ID,
    cityName: 'Tsukuba',
    hubId: JAPAN_HUB_ID,
    modelPolicyId: OPEN_DATA_POLICY_ID,
    modelPolicyKey: 'open-data',
    language: 'ja',
    status: 'drafting',
    owners: [{ id: '22222222-2222-4222-8222-222222222222', name: 'Haruto Sato' }],
    docName: `draft:${id}`,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-12T09:00:00.000Z',
    ...overrides,
  };
}

export function draftVersion(overrides: Partial<DraftVersion> = {}): DraftVersion {
  return {
    id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    kind: 'named',
    label: 'Sent to legal review',
    createdBy: { id: '22222222-2222-4222-8222-222222222222', name: 'Haruto Sato' },
    createdAt: '2026-01-12T09:30:00.000Z',
    ...overrides,
  };
}
