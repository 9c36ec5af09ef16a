// One occurrence's live room on /meetings: joins on every (re)connection and takes the full state from the answer,
// then follows the server's events; the host's and participants' actions go out with an acknowledgement.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { keepSocketSignedIn } from '@minga/collab/socket-session';
import {
  MEETING_ROOM_EVENTS,
  MEETING_ROOM_NAMESPACE,
  type JoinRoomResult,
  type Poll,
  type RoomAck,
  type RoomError,
  type RoomState,
} from '@minga/contracts';
import { apiClient } from '../../lib/api-client';
import { announcementsFor, applyRoomEvent, withPoll, type Announcement, type RoomEvent } from './room-state';
import type { NewPoll } from './polls-panel';

type PollAnswer = { poll: Poll };

export type RoomConnection = 'connecting' | 'connected' | 'disconnected';

export interface RoomActions {
  setAgendaItem(agendaItemId: string | null): Promise<boolean>;
  raiseHand(): Promise<boolean>;
  lowerHand(userId?: string): Promise<boolean>;
  nextHand(): Promise<boolean>;
  openPoll(poll: NewPoll): Promise<boolean>;
  vote(pollId: string, optionIds: string[]): Promise<boolean>;
  closePoll(pollId: string): Promise<boolean>;
  /** Host only: ends a meeting under way now, for everyone. */
  endMeeting(): Promise<boolean>;
}

export interface MeetingRoom {
  connection: RoomConnection;
  state: RoomState | null;
  /** Why joining failed (forbidden, not found, cancelled...); the room cannot be shown. */
  joinError: RoomError | null;
  /** Why the last action was refused. */
  actionError: RoomError | null;
  clearActionError(): void;
  /** Changes others made, to announce; `seq` grows with each batch. */
  announcements: { seq: number; items: Announcement[] };
  actions: RoomActions;
}

/** Stands in for the socket in tests: anything with socket.io's on/off/emit. */
export type RoomSocket = Pick<Socket, 'on' | 'off' | 'emit' | 'connect' | 'disconnect' | 'connected'>;

function openSocket(): Socket {
  const socket = io(`${window.location.origin}${MEETING_ROOM_NAMESPACE}`, {
    auth: (cb) => cb({ token: apiClient.currentAccessToken() ?? '' }),
    parser: msgpackParser,
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
  });
  keepSocketSignedIn(socket, () => apiClient.currentAccessToken() ?? '');
  return socket;
}

const EVENT_TYPES: [string, RoomEvent['type']][] = [
  [MEETING_ROOM_EVENTS.presence, 'presence'],
  [MEETING_ROOM_EVENTS.agenda, 'agenda'],
  [MEETING_ROOM_EVENTS.hands, 'hands'],
  [MEETING_ROOM_EVENTS.poll, 'poll'],
  [MEETING_ROOM_EVENTS.role, 'role'],
  [MEETING_ROOM_EVENTS.timing, 'timing'],
];

export function useMeetingRoom(occurrenceId: string, selfId: string | null, makeSocket: () => RoomSocket = openSocket): MeetingRoom {
  const [socket, setSocket] = useState<RoomSocket | null>(null);
  const [connection, setConnection] = useState<RoomConnection>('connecting');
  const [state, setState] = useState<RoomState | null>(null);
  const [joinError, setJoinError] = useState<RoomError | null>(null);
  const [actionError, setActionError] = useState<RoomError | null>(null);
  const [announcements, setAnnouncements] = useState<{ seq: number; items: Announcement[] }>({ seq: 0, items: [] });
  const selfRef = useRef(selfId);
  selfRef.current = selfId;
  const makeRef = useRef(makeSocket);

  useEffect(() => {
    const current = makeRef.current();
    setSocket(current);
    setConnection('connecting');

    const change = (next: (previous: RoomState) => RoomState) => setState((previous) => previous && next(previous));
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const onConnect = () => {
      current.emit(MEETING_ROOM_EVENTS.join, { occurrenceId }, (result: JoinRoomResult) => {
        if (result.ok) {
          setJoinError(null);
          setState(result.state);
          setConnection('connected');
        } else {
          // The server cannot reach its database, or is pacing joins: ask again shortly rather than give up.
          if (result.error.code === 'unavailable' || result.error.code === 'rate_limited') {
            setConnection('connecting');
            retryTimer = setTimeout(() => current.connected && onConnect(), 1000 + Math.random() * 2000);
            return;
          }
          setJoinError(result.error);
          setConnection('disconnected');
          // An expired token: renew it, and the session listener below joins again.
          if (result.error.code === 'unauthenticated') void apiClient.refreshSession();
        }
      });
    };
    const onDisconnect = () => setConnection('disconnected');
    const onConnectError = () => setConnection('disconnected');
    const onRoomError = (error: RoomError) => {
      if (error.occurrenceId && error.occurrenceId !== occurrenceId) return;
      if (error.code === 'forbidden' || error.code === 'not_found' || error.code === 'meeting_cancelled') setJoinError(error);
      else setActionError(error);
    };
    const handlers = EVENT_TYPES.map(([name, type]) => {
      const handler = (event: RoomEvent['event']) => change((previous) => applyRoomEvent(previous, { type, event } as RoomEvent));
      current.on(name, handler);
      return [name, handler] as const;
    });
    current.on('connect', onConnect);
    current.on('disconnect', onDisconnect);
    current.on('connect_error', onConnectError);
    current.on(MEETING_ROOM_EVENTS.error, onRoomError);
    if (current.connected) onConnect();
    // A refused handshake (expired token) stops socket.io's retries; a renewed session connects again.
    const unsubscribe = apiClient.onSessionChange((session) => {
      if (session && !current.connected) current.connect();
    });
    return () => {
      unsubscribe();
      clearTimeout(retryTimer);
      for (const [name, handler] of handlers) current.off(name, handler);
      current.off('connect', onConnect);
      current.off('disconnect', onDisconnect);
      current.off('connect_error', onConnectError);
      current.off(MEETING_ROOM_EVENTS.error, onRoomError);
      if (current.connected) current.emit(MEETING_ROOM_EVENTS.leave, { occurrenceId });
      current.disconnect();
      setSocket(null);
      setState(null);
    };
  }, [occurrenceId]);

  // What changed since the last state drawn, said once; the first state after joining is not news.
  const announced = useRef<RoomState | null>(null);
  useEffect(() => {
    const previous = announced.current;
    announced.current = state;
    if (!previous || !state) return;
    const found = announcementsFor(previous, state, selfRef.current);
    if (found.length > 0) setAnnouncements((known) => ({ seq: known.seq + 1, items: found }));
  }, [state]);

  const send = useCallback(
    <T extends object>(event: string, payload: object, onOk?: (answer: { ok: true } & T) => void) =>
      new Promise<boolean>((resolve) => {
        if (!socket) return resolve(false);
        socket.emit(event, { occurrenceId, ...payload }, (answer: RoomAck<T>) => {
          if (answer.ok) {
            setActionError(null);
            onOk?.(answer);
          } else setActionError(answer.error);
          resolve(answer.ok);
        });
      }),
    [socket, occurrenceId],
  );

  const keepPoll = useCallback((answer: { poll: Poll }) => {
    setState((previous) => previous && { ...previous, polls: withPoll(previous.polls, answer.poll) });
  }, []);

  const actions = useMemo<RoomActions>(
    () => ({
      setAgendaItem: (agendaItemId) => send(MEETING_ROOM_EVENTS.setAgendaItem, { agendaItemId }),
      raiseHand: () => send(MEETING_ROOM_EVENTS.raiseHand, {}),
      lowerHand: (userId) => send(MEETING_ROOM_EVENTS.lowerHand, userId ? { userId } : {}),
      nextHand: () => send(MEETING_ROOM_EVENTS.nextHand, {}),
      openPoll: (poll) => send<PollAnswer>(MEETING_ROOM_EVENTS.openPoll, poll, keepPoll),
      vote: (pollId, optionIds) => send<PollAnswer>(MEETING_ROOM_EVENTS.vote, { pollId, optionIds }, keepPoll),
      closePoll: (pollId) => send<PollAnswer>(MEETING_ROOM_EVENTS.closePoll, { pollId }, keepPoll),
      endMeeting: () =>
        send<{ endsAt: string }>(MEETING_ROOM_EVENTS.endMeeting, {}, (answer) =>
          setState((previous) => previous && { ...previous, endsAt: answer.endsAt, phase: 'ended' }),
        ),
    }),
    [send, keepPoll],
  );

  const clearActionError = useCallback(() => setActionError(null), []);
  return { connection, state, joinError, actionError, clearActionError, announcements, actions };
}
