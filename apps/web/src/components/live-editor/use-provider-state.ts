// The provider's connection, sync, save and access state as React state, plus signing the socket back in.
import { useEffect, useState } from 'react';
import type { CollabError, DocAccess } from '@minga/contracts';
import type { ConnectionStatus, SocketIOProvider } from '@minga/collab';
import { apiClient } from '../../lib/api-client';

export interface ProviderState {
  status: ConnectionStatus;
  synced: boolean;
  pending: number;
  access: DocAccess | null;
  error: CollabError | null;
  /** Whether the server's copy has arrived at least once since the page opened. */
  everSynced: boolean;
  /** The server cannot store changes now; the provider keeps retrying. */
  unavailable: boolean;
  /** Changes of people on other server instances may arrive late (the instances cannot reach each other). */
  othersDelayed: boolean;
}

function read(provider: SocketIOProvider, previous: ProviderState | null): ProviderState {
  return {
    status: provider.status,
    synced: provider.synced,
    pending: provider.pendingChanges,
    access: provider.access,
    error: previous?.error ?? null,
    everSynced: Boolean(previous?.everSynced) || provider.synced,
    unavailable: provider.unavailable,
    othersDelayed: provider.othersDelayed,
  };
}

export function useProviderState(provider: SocketIOProvider): ProviderState {
  const [state, setState] = useState<ProviderState>(() => read(provider, null));

  useEffect(() => {
    const update = () => setState((previous) => read(provider, previous));
    const onError = (error: CollabError) => {
      setState((previous) => ({ ...read(provider, previous), error }));
      // An expired token or ended session: renew it; the session listener below reconnects with the new one (or the
      // refresh fails and the person is asked to sign in again).
      if (error.code === 'unauthenticated' || error.code === 'session_expired' || error.code === 'session_ended')
        void apiClient.refreshSession();
    };
    const onStatus = ({ status }: { status: ConnectionStatus }) => {
      // Joined again: an earlier error no longer holds.
      if (status === 'connected') setState((previous) => ({ ...read(provider, previous), error: null }));
      else update();
    };
    provider.on('status', onStatus);
    provider.on('sync', update);
    provider.on('saved', update);
    provider.on('pending', update);
    provider.on('access', update);
    provider.on('unavailable', update);
    provider.on('others-delayed', update);
    provider.on('collab-error', onError);
    // The server refuses a handshake with an expired token and socket.io stops retrying; a renewed session retries.
    const unsubscribe = apiClient.onSessionChange((session) => {
      if (session && provider.status === 'disconnected') provider.connect();
    });
    update();
    return () => {
      provider.off('status', onStatus);
      provider.off('sync', update);
      provider.off('saved', update);
      provider.off('pending', update);
      provider.off('access', update);
      provider.off('unavailable', update);
      provider.off('others-delayed', update);
      provider.off('collab-error', onError);
      unsubscribe();
    };
  }, [provider]);

  return state;
}
