import { act, renderHook } from '@testing-library/react';
import { MEETING_ROOM_EVENTS, type JoinRoomResult } from '@minga/contracts';
import { OCCURRENCE_ID, hand, person, poll, roomState } from '../../testing/meeting-room-fixtures';
import { useMeetingRoom, type RoomSocket } from './use-meeting-room';

type Listener = (...args: unknown[]) => void;

/** Plays the server's side of /meetings: answers `join` with `joinAnswer` and records what the client sent. */
function fakeRoomSocket(joinAnswer: JoinRoomResult) {
  const listeners = new Map<string, Set<Listener>>();
  const sent: { event: string; payload: unknown }[] = [];
  const answers = new Map<string, unknown>([[MEETING_ROOM_EVENTS.join, joinAnswer]]);
  const socket = {
    connected: true,
    on(event: string, listener: Listener) {
      listeners.set(event, (listeners.get(event) ?? new Set()).add(listener));
      return socket;
    },
    off(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return socket;
    },
    emit(event: string, payload: unknown, ack?: (answer: unknown) => void) {
      sent.push({ event, payload });
      ack?.(answers.get(event) ?? { ok: true });
      return socket;
    },
    connect: () => socket,
    disconnect: () => socket,
  };
  const serverEmit = (event: string, payload: unknown) => act(() => listeners.get(event)?.forEach((listener) => listener(payload)));
  return { socket: socket as unknown as RoomSocket, sent, answers, serverEmit };
}

describe('useMeetingRoom', () => {
  it('joins the occurrence, shows its state, follows the server’s events and announces what others did', async () => {
    const self = person('Me');
    const state = roomState({ present: [self] });
    const server = fakeRoomSocket({ ok: true, role: 'participant', state });
    const { result } = renderHook(() => useMeetingRoom(OCCURRENCE_ID, self.user.id, () => server.socket));

    expect(server.sent[0]).toEqual({ event: 'join', payload: { occurrenceId: OCCURRENCE_ID } });
    expect(result.current.connection).toBe('connected');
    expect(result.current.state?.meeting.title).toBe('Open data cohort, November');

    const other = person('Tokyo Official');
    server.serverEmit(MEETING_ROOM_EVENTS.hands, { occurrenceId: OCCURRENCE_ID, hands: [hand(other)] });
    expect(result.current.state?.hands.map((entry) => entry.user.name)).toEqual(['Tokyo Official']);
    expect(result.current.announcements.items).toEqual([{ key: 'raisedHand', name: 'Tokyo Official' }]);
  });

  it('keeps the viewer’s vote from the answer to their vote', async () => {
    const open = poll();
    const [yes] = open.options;
    assert(yes, 'the poll has options');
    const server = fakeRoomSocket({ ok: true, role: 'participant', state: roomState({ polls: [open] }) });
    const { result } = renderHook(() => useMeetingRoom(OCCURRENCE_ID, null, () => server.socket));
    server.answers.set(MEETING_ROOM_EVENTS.vote, { ok: true, poll: { ...open, voterCount: 6, myOptionIds: [yes.id] } });
    await act(() => result.current.actions.vote(open.id, [yes.id]));
    expect(server.sent.at(-1)).toEqual({
      event: 'vote',
      payload: { occurrenceId: OCCURRENCE_ID, pollId: open.id, optionIds: [yes.id] },
    });
    expect(result.current.state?.polls[0]).toMatchObject({ voterCount: 6, myOptionIds: [yes.id] });
  });

  it('reports a refused action, such as a participant trying a host’s action', async () => {
    const server = fakeRoomSocket({ ok: true, role: 'participant', state: roomState() });
    const { result } = renderHook(() => useMeetingRoom(OCCURRENCE_ID, null, () => server.socket));
    server.answers.set(MEETING_ROOM_EVENTS.nextHand, { ok: false, error: { code: 'host_only', message: 'Host only' } });
    await act(() => result.current.actions.nextHand());
    expect(result.current.actionError?.code).toBe('host_only');
  });

  it('ends the meeting for the host, and for others when the server says its end moved', async () => {
    const state = roomState();
    const host = fakeRoomSocket({ ok: true, role: 'host', state: { ...state, role: 'host' } });
    const hosting = renderHook(() => useMeetingRoom(OCCURRENCE_ID, null, () => host.socket));
    const endsAt = new Date(Date.parse(state.startsAt) + 10 * 60_000).toISOString();
    host.answers.set(MEETING_ROOM_EVENTS.endMeeting, { ok: true, endsAt });
    await act(() => hosting.result.current.actions.endMeeting());
    expect(host.sent.at(-1)).toEqual({ event: 'end-meeting', payload: { occurrenceId: OCCURRENCE_ID } });
    expect(hosting.result.current.state).toMatchObject({ endsAt, phase: 'ended' });

    const other = fakeRoomSocket({ ok: true, role: 'participant', state });
    const attending = renderHook(() => useMeetingRoom(OCCURRENCE_ID, null, () => other.socket));
    other.serverEmit(MEETING_ROOM_EVENTS.timing, { occurrenceId: OCCURRENCE_ID, endsAt });
    expect(attending.result.current.state).toMatchObject({ endsAt, phase: 'ended' });
    expect(attending.result.current.announcements.items).toEqual([{ key: 'ended' }]);
  });

  it('does not show a room the server refused to let the viewer join', () => {
    const server = fakeRoomSocket({ ok: false, error: { code: 'forbidden', message: 'Not invited' } });
    const { result } = renderHook(() => useMeetingRoom(OCCURRENCE_ID, null, () => server.socket));
    expect(result.current.state).toBeNull();
    expect(result.current.joinError?.code).toBe('forbidden');
  });
});
