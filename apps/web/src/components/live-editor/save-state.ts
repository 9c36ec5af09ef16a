import type { ConnectionStatus } from '@minga/collab';

export interface SaveStateInput {
  status: ConnectionStatus;
  synced: boolean;
  /** Local changes the server has not yet confirmed as durable. */
  pending: number;
  /** The server is up but cannot store changes now (its database is unreachable); the provider keeps retrying. */
  unavailable?: boolean;
}

type SaveState =
  | { key: 'drafts.saveState.saving'; count?: undefined }
  | { key: 'drafts.saveState.saved'; count?: undefined }
  | { key: 'drafts.saveState.offline'; count: number }
  | { key: 'drafts.saveState.unavailable'; count: number };

/**
 * The one line that tells a person whether their words are safe. Offline wins: while the socket is down (or still
 * reconnecting) nothing can be saved, however synced we were. Connected but not yet caught up reads as saving.
 */
export function saveStateOf({ status, synced, pending, unavailable }: SaveStateInput): SaveState {
  if (unavailable) return { key: 'drafts.saveState.unavailable', count: pending };
  if (status !== 'connected') return { key: 'drafts.saveState.offline', count: pending };
  if (pending === 0 && synced) return { key: 'drafts.saveState.saved' };
  return { key: 'drafts.saveState.saving' };
}
