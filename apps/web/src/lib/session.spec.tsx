import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { fakeApi, problem } from '../testing/fake-api';
import { session, user } from '../testing/fixtures';
import { ApiClient } from './api-client';
import { SessionProvider, useSession } from './session';
import { setSessionHint } from './session-hint';

function Who() {
  const { status, user: current, ability } = useSession();
  const canInvite = ability.can('create', {
    kind: 'Invitation',
    role: 'expert',
    scopeHubId: current?.roles[0]?.scopeHubId ?? null,
    cityId: null,
  });
  return <p>{`${status} ${current?.name ?? 'nobody'} ${canInvite ? 'may invite' : 'may not invite'}`}</p>;
}

function renderSession({ signedInBefore = true } = {}) {
  setSessionHint(signedInBefore);
  const queryClient = new QueryClient();
  const api = fakeApi({ 'POST /api/auth/session/refresh': () => problem(401, 'invalid_refresh_token') });
  const client = new ApiClient(api.fetchFn);
  render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider client={client}>
        <Who />
      </SessionProvider>
    </QueryClientProvider>,
  );
  return { queryClient, client, api };
}

describe('SessionProvider', () => {
  it('restores nobody when the refresh cookie is refused, then follows sign-in and sign-out', async () => {
    const { client } = renderSession();

    expect(await screen.findByText('signedOut nobody may not invite')).toBeInTheDocument();
    act(() => client.startSession(session(user())));
    expect(screen.getByText('signedIn Aiko Tanaka may invite')).toBeInTheDocument();
    act(() => client.endSession());
    expect(screen.getByText('signedOut nobody may not invite')).toBeInTheDocument();
  });

  it('asks the API nothing for a visitor who never signed in on this browser, then restores after a sign-in', async () => {
    const { client, api } = renderSession({ signedInBefore: false });

    expect(await screen.findByText('signedOut nobody may not invite')).toBeInTheDocument();
    expect(api.calls).toEqual([]);

    act(() => client.startSession(session(user())));
    await expect(new ApiClient(api.fetchFn).restoreSession()).resolves.toBeNull();
    expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /api/auth/session/refresh']);
  });

  it('asks nothing again once the API refused the refresh, or after signing out', async () => {
    const { client, api } = renderSession();
    await screen.findByText('signedOut nobody may not invite');
    expect(api.calls).toHaveLength(1);
    await new ApiClient(api.fetchFn).restoreSession();
    expect(api.calls).toHaveLength(1);

    act(() => client.startSession(session(user())));
    act(() => client.endSession());
    await new ApiClient(api.fetchFn).restoreSession();
    expect(api.calls).toHaveLength(1);
  });

  it('forgets cached data when a different person signs in on the same tab', async () => {
    const { client, queryClient } = renderSession();
    await screen.findByText(/signedOut/);
    act(() => client.startSession(session(user())));
    queryClient.setQueryData(['people'], ['cached for Aiko']);

    act(() => client.endSession());
    act(() => client.startSession(session(user())));
    expect(queryClient.getQueryData(['people'])).toEqual(['cached for Aiko']);

    act(() => client.endSession());
    act(() => client.startSession(session(user({ id: '33333333-3333-4333-8333-333333333333', name: 'Bea' }))));
    expect(queryClient.getQueryData(['people'])).toBeUndefined();
  });
});
