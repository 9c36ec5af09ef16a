import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { routes } from '../app/routes';
import { json, stubGlobalApi } from '../testing/fake-api';
import { japanHub, session, user } from '../testing/fixtures';
import { renderRoutes } from '../testing/render';

describe('people page', () => {
  it('filters by role and search text, keeping the filters in the address', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user())),
      'GET /api/hubs': () => json(200, [japanHub]),
      'GET /api/users': () => json(200, { items: [user({ email: null })], nextCursor: null }),
    });
    const { router } = renderRoutes(routes, '/people');
    const lastQuery = () => api.calls.filter((call) => call.path === '/api/users').at(-1)?.search;

    expect(await screen.findByRole('rowheader', { name: 'Aiko Tanaka' })).toBeInTheDocument();
    expect(screen.getByText('Not shared')).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Role'), 'Expert');
    await userEvent.type(screen.getByLabelText('Search'), 'aiko');

    await waitFor(() => expect(lastQuery()?.get('q')).toBe('aiko'));
    expect(lastQuery()?.get('role')).toBe('expert');
    expect(router.state.location.search).toBe('?role=expert&q=aiko');
    expect(screen.getByLabelText('Search')).toHaveFocus();
  });
});
