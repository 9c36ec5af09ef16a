// The room as the server last described it, and how each event changes it. Broadcast polls never carry the
// viewer's own choice, so the choice known from the viewer's own answers is kept.
import type { AgendaEvent, HandsEvent, Poll, PollEvent, PresenceEvent, RoleEvent, RoomState, TimingEvent } from '@minga/contracts';

export type RoomEvent =
  | { type: 'presence'; event: PresenceEvent }
  | { type: 'agenda'; event: AgendaEvent }
  | { type: 'hands'; event: HandsEvent }
  | { type: 'poll'; event: PollEvent }
  | { type: 'role'; event: RoleEvent }
  | { type: 'timing'; event: TimingEvent };

export function withPoll(polls: readonly Poll[], poll: Poll): Poll[] {
  const index = polls.findIndex((known) => known.id === poll.id);
  const known = polls[index];
  if (!known) return [...polls, { ...poll, myOptionIds: poll.myOptionIds ?? [] }];
  const merged = { ...poll, myOptionIds: poll.myOptionIds ?? known.myOptionIds ?? [] };
  return polls.map((known, i) => (i === index ? merged : known));
}

export function applyRoomEvent(state: RoomState, change: RoomEvent): RoomState {
  if (change.event.occurrenceId !== state.occurrenceId) return state;
  switch (change.type) {
    case 'presence':
      return { ...state, present: change.event.present };
    case 'agenda':
      return { ...state, currentAgendaItem: change.event.currentAgendaItem };
    case 'hands':
      return { ...state, hands: change.event.hands };
    case 'poll':
      return { ...state, polls: withPoll(state.polls, change.event.poll) };
    case 'role':
      return { ...state, role: change.event.role };
    case 'timing':
      // The host ended it: over now, whatever this device's clock says.
      return { ...state, endsAt: change.event.endsAt, phase: 'ended' };
  }
}

/** What a screen reader hears about a change someone else made; nothing for one's own actions or for no change. */
export type Announcement =
  | { key: 'joined' | 'left' | 'raisedHand'; name: string }
  | { key: 'agenda'; title: string }
  | { key: 'agendaCleared' }
  | { key: 'ended' }
  | { key: 'pollOpened' | 'pollClosed'; question: string };

export function announcementsFor(before: RoomState, after: RoomState, selfId: string | null): Announcement[] {
  const found: Announcement[] = [];
  const beforeIds = new Set(before.present.map((entry) => entry.user.id));
  const afterIds = new Set(after.present.map((entry) => entry.user.id));
  for (const entry of after.present)
    if (!beforeIds.has(entry.user.id) && entry.user.id !== selfId) found.push({ key: 'joined', name: entry.user.name });
  for (const entry of before.present)
    if (!afterIds.has(entry.user.id) && entry.user.id !== selfId) found.push({ key: 'left', name: entry.user.name });

  const raisedBefore = new Set(before.hands.map((hand) => hand.user.id));
  for (const hand of after.hands)
    if (!raisedBefore.has(hand.user.id) && hand.user.id !== selfId) found.push({ key: 'raisedHand', name: hand.user.name });

  const wasItem = before.currentAgendaItem?.agendaItemId ?? null;
  const isItem = after.currentAgendaItem?.agendaItemId ?? null;
  if (wasItem !== isItem) {
    const item = after.agenda.find((entry) => entry.id === isItem);
    found.push(item ? { key: 'agenda', title: item.title } : { key: 'agendaCleared' });
  }

  // The host ended the meeting early (the end moved before the one known).
  if (Date.parse(after.endsAt) < Date.parse(before.endsAt)) found.push({ key: 'ended' });

  const pollsBefore = new Map(before.polls.map((poll) => [poll.id, poll]));
  for (const poll of after.polls) {
    const previous = pollsBefore.get(poll.id);
    if (!previous && poll.status === 'open') found.push({ key: 'pollOpened', question: poll.question });
    else if (previous?.status === 'open' && poll.status === 'closed') found.push({ key: 'pollClosed', question: poll.question });
  }
  return found;
}
