// Test data for cohorts and meetings, shaped by the contracts: a cohort of Tokyo, Mexico City, Delhi and Jakarta run
// by the Latin America hub, with a monthly meeting at 10:00 Mexico City time.
import type { Cohort, CohortOverview, Meeting, OccurrenceDetail, RoleAssignment, Slot, SlotResult } from '@minga/contracts';
import { role } from './fixtures';
import { LATAM_HUB_ID, MEXICO_CITY_ID } from './plan-fixtures';

export const COHORT_ID = '7b8c9d0e-1f2a-4b3c-8d4e-6f7a8b9c0d1e';
export const MEETING_ID = '8c9d0e1f-2a3b-4c4d-9e5f-7a8b9c0d1e2f';
export const OCCURRENCE_ID = '9d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a';
export const TOKYO_ID = 'a0e1f2a3-4b5c-4d6e-9f7a-9c0d1e2f3a4b';
export const DELHI_ID = 'b1f2a3b4-5c6d-4e7f-8a8b-0d1e2f3a4b5c';
const JAKARTA_ID = 'c2a3b4c5-6d7e-4f8a-9b9c-1e2f3a4b5c6d';
export const COORDINATOR_ID = 'd3b4c5d6-7e8f-4a9b-8c0d-2f3a4b5c6d7e';
export const OFFICIAL_ID = 'e4c5d6e7-8f9a-4b0c-9d1e-3a4b5c6d7e8f';

export const coordinatorOfLatam: RoleAssignment = role({
  role: 'coordinator',
  hubId: LATAM_HUB_ID,
  scopeHubId: LATAM_HUB_ID,
  scopeName: 'Latin America',
});

const cities = [
  { id: TOKYO_ID, name: 'Tokyo', country: 'JP', hubId: null, timeZone: 'Asia/Tokyo', locale: 'ja-JP' },
  { id: MEXICO_CITY_ID, name: 'Mexico City', country: 'MX', hubId: LATAM_HUB_ID, timeZone: 'America/Mexico_City', locale: 'es-MX' },
  { id: DELHI_ID, name: 'Delhi', country: 'IN', hubId: null, timeZone: 'Asia/Kolkata', locale: 'en-IN' },
  { id: JAKARTA_ID, name: 'Jakarta', country: 'ID', hubId: null, timeZone: 'Asia/Jakarta', locale: 'id-ID' },
];

export function cohort(overrides: Partial<Cohort> = {}): Cohort {
  return {
    id: COHORT_ID,
    hubId: LATAM_HUB_ID,
    hubName: 'Latin America',
    name: 'Open data 2027',
    modelPolicy: null,
    startsOn: '2027-01-01',
    endsOn: '2027-12-31',
    cities,
    experts: [],
    memberCount: 6,
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

export function cohortOverview(): CohortOverview {
  return {
    cohort: cohort(),
    cities: cities.map((city) => ({ city, draft: null, actionPlan: null })),
    people: [
      {
        id: COORDINATOR_ID,
        name: 'Latin America Coordinator',
        roles: ['coordinator'],
        city: null,
        timeZone: 'America/Mexico_City',
        locale: 'es-MX',
        workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
      },
    ],
  };
}

export function meeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: MEETING_ID,
    hubId: LATAM_HUB_ID,
    hubName: 'Latin America',
    cohort: { id: COHORT_ID, name: 'Open data 2027' },
    title: 'Monthly cohort call',
    description: '',
    organiser: { id: COORDINATOR_ID, name: 'Latin America Coordinator' },
    timeZone: 'America/Mexico_City',
    localStart: '2026-12-14T10:00',
    durationMinutes: 60,
    rrule: 'FREQ=MONTHLY;BYDAY=2MO;COUNT=6',
    onlineUrl: null,
    place: null,
    capacity: null,
    draft: null,
    sequence: 0,
    status: 'scheduled',
    agenda: [],
    invited: true,
    canManage: false,
    inviteeCount: 6,
    occurrenceCount: 6,
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

/** 10:00 in Mexico City on 14 December 2026 (UTC-6) is 16:00 UTC: 01:00 the next day in Tokyo. */
export function occurrence(overrides: Partial<OccurrenceDetail> = {}): OccurrenceDetail {
  return {
    id: OCCURRENCE_ID,
    meetingId: MEETING_ID,
    title: 'Monthly cohort call',
    hubId: LATAM_HUB_ID,
    cohort: { id: COHORT_ID, name: 'Open data 2027' },
    organiser: { id: COORDINATOR_ID, name: 'Latin America Coordinator' },
    timeZone: 'America/Mexico_City',
    localStart: '2026-12-14T10:00',
    recurrenceId: '2026-12-14T10:00',
    startsAt: '2026-12-14T16:00:00.000Z',
    endsAt: '2026-12-14T17:00:00.000Z',
    status: 'scheduled',
    overridden: false,
    sequence: 0,
    onlineUrl: 'https://meet.example.org/cohort',
    place: null,
    capacity: 2,
    invited: true,
    canManage: false,
    rsvpCounts: { yes: 2, no: 0, maybe: 1, waitlisted: 0 },
    myRsvp: null,
    agenda: [],
    ownAgenda: false,
    draft: null,
    cities: cities.map(({ id, name, timeZone, locale }) => ({ id, name, timeZone, locale })),
    minutes: null,
    ...overrides,
  };
}

export function slot(overrides: Partial<Slot> = {}): Slot {
  return {
    startsAt: '2026-12-15T00:00:00.000Z',
    endsAt: '2026-12-15T01:00:00.000Z',
    score: 120,
    insideCount: 3,
    outside: [
      {
        person: { id: OFFICIAL_ID, name: 'Delhi Official' },
        cityName: 'Delhi',
        timeZone: 'Asia/Kolkata',
        localStart: '2026-12-15T05:30',
        localEnd: '2026-12-15T06:30',
        minutesOutside: 60,
        weekend: false,
      },
    ],
    local: [
      { timeZone: 'America/Mexico_City', places: ['Mexico City'], localStart: '2026-12-14T18:00', localEnd: '2026-12-14T19:00' },
      { timeZone: 'Asia/Kolkata', places: ['Delhi'], localStart: '2026-12-15T05:30', localEnd: '2026-12-15T06:30' },
      { timeZone: 'Asia/Jakarta', places: ['Jakarta'], localStart: '2026-12-15T07:00', localEnd: '2026-12-15T08:00' },
      { timeZone: 'Asia/Tokyo', places: ['Tokyo'], localStart: '2026-12-15T09:00', localEnd: '2026-12-15T10:00' },
    ],
    ...overrides,
  };
}

export function slotResult(overrides: Partial<SlotResult> = {}): SlotResult {
  return { participantCount: 4, slots: [slot()], rotation: null, burdenByZone: null, ...overrides };
}
