// A stand-in for the `/events` channel in unit tests: the test plays the server and records what the app sent.
import type { LiveEvents } from '../lib/live-events';

export function fakeLiveEvents() {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const sent: { event: string; args: unknown[] }[] = [];
  const events: LiveEvents = {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => void set.delete(listener);
    },
    emit(event, ...args) {
      sent.push({ event, args });
    },
    onConnect(listener) {
      listener();
      return () => undefined;
    },
  };
  /** Delivers an event as the server would. */
  function serverEmit(event: string, ...args: unknown[]) {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  }
  return { events, sent, serverEmit };
}
