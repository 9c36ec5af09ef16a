import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { fakeApi, problem } from '../testing/fake-api';
import { session, user } from '../testing/fixtures';
import { ApiClient } from './api-client';
import { SessionProvider, useSession } from './session';

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

function renderSession() {
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
  return { queryClient, client };
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
