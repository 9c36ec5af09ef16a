// The signed-in person's live channel, socket.io namespace `/events`: one connection per tab, shared by every
// feature that listens to it (notifications, comments). It signs in with the access token and reconnects with a
// fresh one whenever the session is renewed.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { keepSocketSignedIn } from '@minga/collab/socket-session';
import { EVENTS_NAMESPACE } from '@minga/contracts';
import { apiClient } from './api-client';

type Listener = (...args: unknown[]) => void;

/** What features need of the channel: listen to an event, send one with an optional answer. */
export interface LiveEvents {
  on(event: string, listener: Listener): () => void;
  emit(event: string, ...args: unknown[]): void;
  /** Called again after every reconnection, so a feature can say again what it watches. */
  onConnect(listener: () => void): () => void;
}

const LiveEventsContext = createContext<LiveEvents | null>(null);

function socketLiveEvents(socket: Socket): LiveEvents {
  return {
    on(event, listener) {
      socket.on(event, listener);
      return () => void socket.off(event, listener);
    },
    emit(event, ...args) {
      socket.emit(event, ...args);
    },
    onConnect(listener) {
      if (socket.connected) listener();
      socket.on('connect', listener);
      return () => void socket.off('connect', listener);
    },
  };
}

export function LiveEventsProvider({ children, events }: { children: ReactNode; events?: LiveEvents }) {
  const [own, setOwn] = useState<LiveEvents | null>(null);

  useEffect(() => {
    if (events) return;
    const socket = io(`${window.location.origin}${EVENTS_NAMESPACE}`, {
      auth: (cb) => cb({ token: apiClient.currentAccessToken() ?? '' }),
      parser: msgpackParser,
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
    });
    keepSocketSignedIn(socket, () => apiClient.currentAccessToken() ?? '');
    // A refused handshake (expired token) stops socket.io's retries; a renewed session connects again.
    const unsubscribe = apiClient.onSessionChange((session) => {
      if (session && !socket.connected) socket.connect();
    });
    setOwn(socketLiveEvents(socket));
    return () => {
      unsubscribe();
      socket.removeAllListeners();
      socket.disconnect();
      setOwn(null);
    };
  }, [events]);

  return <LiveEventsContext.Provider value={events ?? own}>{children}</LiveEventsContext.Provider>;
}

/** Calls `listener` for every `event` on the live channel while the component is mounted. */
export function useLiveEvent<Args extends unknown[]>(event: string, listener: (...args: Args) => void): void {
  const events = useContext(LiveEventsContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    if (!events) return;
    return events.on(event, (...args) => latest.current(...(args as Args)));
  }, [events, event]);
}
