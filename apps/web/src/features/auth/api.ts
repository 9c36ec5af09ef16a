// Sessions: sign in, sign out, and sign up through an invitation (each answers with a Session).
import { useMutation } from '@tanstack/react-query';
import type { Session, SignIn, SignUp } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';
import { useSession } from '../../lib/session';

function signIn(body: SignIn): Promise<Session> {
  return apiClient.request<Session>('/api/auth/session', { method: 'POST', body, refreshOnUnauthorized: false });
}

function signOut(): Promise<void> {
  return apiClient.request<void>('/api/auth/session', { method: 'DELETE', refreshOnUnauthorized: false });
}

function signUp(body: SignUp): Promise<Session> {
  return apiClient.request<Session>('/api/accounts', { method: 'POST', body, refreshOnUnauthorized: false });
}

export function useSignIn() {
  const { startSession } = useSession();
  return useMutation({ mutationFn: signIn, onSuccess: startSession });
}

export function useSignUp() {
  const { startSession } = useSession();
  return useMutation({ mutationFn: signUp, onSuccess: startSession });
}

export function useSignOut() {
  const { endSession } = useSession();
  // Forget the session here even if the API cannot be reached: the person asked to leave.
  return useMutation({ mutationFn: signOut, onSettled: endSession });
}
