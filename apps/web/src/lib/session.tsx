// Who is signed in, shared by the whole app: the user, their access ability, and how a session starts and ends.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { defineAbilityFor, type AppAbility } from '@minga/access';
import type { Session, User } from '@minga/contracts';
import { apiClient, type ApiClient } from './api-client';

type SessionStatus = 'restoring' | 'signedIn' | 'signedOut';

interface SessionValue {
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
  const lastUserId = useRef<string | null>(null);

  useEffect(() => {
    const unsubscribe = client.onSessionChange((session) => {
      // Never show a person what was cached for the one who used this tab before. Cleared only then:
      // clearing under mounted queries (e.g. a public page's) would leave them waiting forever.
      if (session && lastUserId.current && lastUserId.current !== session.user.id) queryClient.clear();
      if (session) lastUserId.current = session.user.id;
      setUser(session?.user ?? null);
      setStatus(session ? 'signedIn' : 'signedOut');
    });
    void client.restoreSession().then((session) => {
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
