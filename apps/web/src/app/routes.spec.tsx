import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, problem, stubGlobalApi } from '../testing/fake-api';
import { expertOfJapan, japanHub, session, user } from '../testing/fixtures';
import { renderRoutes } from '../testing/render';
import { routes } from './routes';

const signedOut = () => problem(401, 'invalid_refresh_token');
const hubs = () => json(200, [japanHub]);

describe('routes', () => {
  it('sends a signed-out person to sign in, then back to the page they asked for', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': signedOut,
      'POST /api/auth/session': () => json(200, session(user())),
      'GET /api/hubs': hubs,
    });
    const { router } = renderRoutes(routes, '/hubs');

    await userEvent.type(await screen.findByLabelText('Email'), 'aiko@example.org');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('link', { name: 'Japan' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/hubs');
    expect(within(screen.getByRole('banner')).getByText('Aiko Tanaka')).toBeInTheDocument();
    expect(api.calls.find((call) => call.path === '/api/auth/session')?.body).toEqual({
      email: 'aiko@example.org',
      password: 'correct horse battery',
    });
  });

  it('shows why signing in failed, in the interface language', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': signedOut,
      'POST /api/auth/session': () => problem(401, 'invalid_credentials'),
    });
    renderRoutes(routes, '/sign-in');

    await userEvent.type(await screen.findByLabelText('Email'), 'aiko@example.org');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not correct.');
  });

  it('checks the sign-in fields before calling the API', async () => {
    const api = stubGlobalApi({ 'POST /api/auth/session/refresh': signedOut });
    renderRoutes(routes, '/sign-in');

    await userEvent.type(await screen.findByLabelText('Email'), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter an email address such as name@example.org.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Email')).toHaveFocus();
    expect(api.calls.some((call) => call.path === '/api/auth/session')).toBe(false);
  });

  it('shows People in the navigation to coordinators', async () => {
    stubGlobalApi({ 'POST /api/auth/session/refresh': () => json(200, session(user())), 'GET /api/hubs': hubs });
    renderRoutes(routes, '/hubs');

    const nav = await screen.findByRole('navigation', { name: 'Main' });

    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Hubs', 'Policy drafts', 'Dashboards', 'My meetings', 'People', 'Profile']);
  });

  it('hides People from the navigation of experts', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [expertOfJapan] }))),
      'GET /api/hubs': hubs,
    });
    renderRoutes(routes, '/hubs');

    const nav = await screen.findByRole('navigation', { name: 'Main' });

    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Hubs', 'Policy drafts', 'Dashboards', 'My meetings', 'Profile']);
  });

  it('moves focus to the new page heading after a navigation, but not on the first page', async () => {
    stubGlobalApi({ 'POST /api/auth/session/refresh': () => json(200, session(user())), 'GET /api/hubs': hubs });
    renderRoutes(routes, '/hubs');

    const heading = await screen.findByRole('heading', { level: 1, name: 'Hubs' });
    expect(heading).not.toHaveFocus();

    await userEvent.click(screen.getByRole('link', { name: 'Profile' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Profile' })).toHaveFocus();
    expect(document.title).toBe('Profile · Minga');
  });

  it('shows a not-found page for an unknown address', async () => {
    stubGlobalApi({ 'POST /api/auth/session/refresh': () => json(200, session(user())) });
    renderRoutes(routes, '/nowhere');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  it('signs out and returns to the sign-in page', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user())),
      'DELETE /api/auth/session': () => new Response(null, { status: 204 }),
      'GET /api/hubs': hubs,
    });
    const { router } = renderRoutes(routes, '/hubs');

    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(api.calls.some((call) => call.method === 'DELETE' && call.path === '/api/auth/session')).toBe(true);
  });
});
