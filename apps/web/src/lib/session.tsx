// Who is signed in, shared by the whole app: the user, their access ability, and how a session starts and ends.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { defineAbilityFor, type AppAbility } from '@minga/access';
import type { Session, User } from '@minga/contracts';
import { apiClient, type ApiClient } from './api-client';

export type SessionStatus = 'restoring' | 'signedIn' | 'signedOut';

export interface SessionValue {
  status: SessionStatus;
  user: User | null;
  ability: AppAbility;
  startSession(session: Session): void;
  updateUser(user: User): void;
  endSession(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children, client = apiClient }: { children: ReactNode; client?: ApiClient }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SessionStatus>('restoring');
  const [user, setUser] = useState<User | null>(null);

  useEffect(() => {
    const unsubscribe = client.onSessionChange((session) => {
      setUser(session?.user ?? null);
      setStatus(session ? 'signedIn' : 'signedOut');
      // Another person may sign in next in this tab: never show them the previous one's cached data.
      if (!session) queryClient.clear();
    });
    void client.refreshSession().then((session) => {
      if (!session) setStatus('signedOut');
    });
    return unsubscribe;
  }, [client, queryClient]);

  const startSession = useCallback((session: Session) => client.startSession(session), [client]);
  const endSession = useCallback(() => client.endSession(), [client]);

  const value = useMemo<SessionValue>(
    () => ({
      status,
      user,
      ability: defineAbilityFor(user && { id: user.id, roles: user.roles }),
      startSession,
      updateUser: setUser,
      endSession,
    }),
    [status, user, startSession, endSession],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside a SessionProvider');
  return value;
}
