// Room data shaped by the contracts, for this feature's tests.
import type { HandEntry, Minutes, OccurrenceDetail, Poll, PresenceEntry, RoomState } from '@minga/contracts';
import { JAPAN_HUB_ID } from './fixtures';

export const OCCURRENCE_ID = '0f0e0d0c-0b0a-4908-8706-050403020100';
export const TOKYO = { id: '11111111-1111-4111-8111-111111111111', name: 'Tokyo' };
export const MEXICO_CITY = { id: '22222222-2222-4222-8222-222222222222', name: 'Mexico City' };

let next = 0;
function uuid(): string {
  next += 1;
  return `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`;
}

export function person(name: string, options: Partial<PresenceEntry> = {}): PresenceEntry {
  return {
    user: { id: uuid(), name },
    city: null,
    memberRole: 'official',
    role: 'participant',
    joinedAt: '2026-11-24T01:00:00.000Z',
    ...options,
  };
}

export function hand(entry: PresenceEntry, raisedAt = '2026-11-24T01:05:00.000Z'): HandEntry {
  return { user: entry.user, city: entry.city, raisedAt };
}

export function poll(overrides: Partial<Poll> = {}): Poll {
  return {
    id: uuid(),
    occurrenceId: OCCURRENCE_ID,
    question: 'Adopt the open data clause?',
    kind: 'single',
    status: 'open',
    options: [
      { id: uuid(), position: 0, label: 'Yes', votes: 3 },
      { id: uuid(), position: 1, label: 'No', votes: 1 },
      { id: uuid(), position: 2, label: 'Later', votes: 1 },
    ],
    voterCount: 5,
    openedBy: { id: uuid(), name: 'Japan Coordinator' },
    openedAt: '2026-11-24T01:10:00.000Z',
    closedAt: null,
    myOptionIds: [],
    ...overrides,
  };
}

export function roomState(overrides: Partial<RoomState> = {}): RoomState {
  return {
    occurrenceId: OCCURRENCE_ID,
    meeting: { id: uuid(), title: 'Open data cohort, November', hubId: uuid(), cohortId: null, timeZone: 'Asia/Tokyo' },
    startsAt: '2026-11-24T01:00:00.000Z',
    endsAt: '2026-11-24T02:00:00.000Z',
    phase: 'live',
    role: 'participant',
    present: [],
    agenda: [
      { id: uuid(), position: 0, title: 'Welcome', durationMinutes: 5, presenter: null, draftId: null, draftSection: null },
      {
        id: uuid(),
        position: 1,
        title: 'Open data clause',
        durationMinutes: 20,
        presenter: null,
        draftId: uuid(),
        draftSection: 'Purpose',
      },
    ],
    currentAgendaItem: null,
    hands: [],
    polls: [],
    notesDocName: `meeting-notes:${OCCURRENCE_ID}`,
    draftId: null,
    ...overrides,
  };
}

export function occurrenceDetail(overrides: Partial<OccurrenceDetail> = {}): OccurrenceDetail {
  return {
    id: OCCURRENCE_ID,
    meetingId: '33333333-3333-4333-8333-333333333333',
    title: 'Open data cohort, November',
    hubId: JAPAN_HUB_ID,
    cohort: null,
    organiser: { id: '44444444-4444-4444-8444-444444444444', name: 'Japan Coordinator' },
    timeZone: 'Asia/Tokyo',
    localStart: '2026-11-24T10:00',
    recurrenceId: '2026-11-24T10:00',
    startsAt: '2026-11-24T01:00:00.000Z',
    endsAt: '2026-11-24T02:00:00.000Z',
    status: 'scheduled',
    overridden: false,
    sequence: 0,
    onlineUrl: null,
    place: null,
    capacity: null,
    invited: true,
    canManage: false,
    rsvpCounts: { yes: 3, no: 0, maybe: 0, waitlisted: 0 },
    myRsvp: null,
    agenda: [],
    ownAgenda: false,
    draft: null,
    cities: [{ id: TOKYO.id, name: 'Tokyo', timeZone: 'Asia/Tokyo', locale: 'ja-JP' }],
    minutes: null,
    ...overrides,
  };
}

export function minutes(overrides: Partial<Minutes> = {}): Minutes {
  return {
    occurrenceId: OCCURRENCE_ID,
    status: 'draft',
    content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Decision: publish the parking dataset.' }] }] },
    html: '<p>Decision: publish the parking dataset.</p>',
    text: 'Decision: publish the parking dataset.',
    createdBy: { id: '44444444-4444-4444-8444-444444444444', name: 'Japan Coordinator' },
    updatedAt: '2026-11-24T02:10:00.000Z',
    approvedBy: null,
    approvedAt: null,
    publishedAt: null,
    ...overrides,
  };
}
