// Route guard: pages inside it need a signed-in person; others are sent to sign in and brought back after.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LoadingState } from '../../components/status-messages';
import { useSession } from '../../lib/session';

export interface ReturnState {
  from?: string;
}

/** Where to go after signing in: the page that sent the person to sign in, or the hubs. */
export function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') return state.from;
  return '/hubs';
}

export function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'restoring') return <LoadingState />;
  if (status === 'signedOut') {
    const state: ReturnState = { from: location.pathname + location.search };
    return <Navigate to="/sign-in" replace state={state} />;
  }
  return children;
}
