import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InvitationPreview } from '@minga/contracts';
import { routes } from '../app/routes';
import { json, problem, stubGlobalApi } from '../testing/fake-api';
import { expertOfJapan, japanHub, session, user } from '../testing/fixtures';
import { renderRoutes } from '../testing/render';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz0123456789';
const PREVIEW_PATH = `GET /api/invitations/preview/${TOKEN}`;

function preview(overrides: Partial<InvitationPreview> = {}): InvitationPreview {
  return {
    email: 'kenji@example.org',
    role: 'expert',
    scopeName: 'Japan',
    invitedByName: 'Aiko Tanaka',
    accountExists: false,
    expiresAt: '2026-12-08T00:00:00.000Z',
    ...overrides,
  };
}

const signedOut = () => problem(401, 'invalid_refresh_token');

describe('invitation page', () => {
  it('creates the account from the invitation and lands in the app under the new name', async () => {
    const kenji = user({ id: '22222222-2222-4222-8222-222222222222', name: 'Kenji Watanabe', roles: [expertOfJapan] });
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': signedOut,
      [PREVIEW_PATH]: () => json(200, preview()),
      'POST /api/accounts': () => json(201, session(kenji)),
      'GET /api/hubs': () => json(200, [japanHub]),
    });
    const { router } = renderRoutes(routes, `/invitations/${TOKEN}`);

    expect(await screen.findByText('Aiko Tanaka invited you to join Minga as Expert, Japan.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Name'), 'Kenji Watanabe');
    await userEvent.type(screen.getByLabelText('Password'), 'a-long-password-42');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await within(screen.getByRole('banner')).findByText('Kenji Watanabe')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/hubs');
    expect(api.calls.find((call) => call.path === '/api/accounts')?.body).toMatchObject({
      invitationToken: TOKEN,
      name: 'Kenji Watanabe',
      password: 'a-long-password-42',
    });
  });

  it('offers to sign in when the email already has an account', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': signedOut,
      [PREVIEW_PATH]: () => json(200, preview()),
      'POST /api/accounts': () => problem(409, 'email_taken'),
    });
    renderRoutes(routes, `/invitations/${TOKEN}`);

    await userEvent.type(await screen.findByLabelText('Name'), 'Kenji Watanabe');
    await userEvent.type(screen.getByLabelText('Password'), 'a-long-password-42');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('An account with this email already exists.');
    expect(screen.getByRole('link', { name: 'Sign in to accept' })).toHaveAttribute('href', '/sign-in');
  });

  it('lets a signed-in person accept the invitation into their existing account', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [] }))),
      [PREVIEW_PATH]: () => json(200, preview({ accountExists: true })),
      'POST /api/invitations/accept': () => json(200, user({ roles: [expertOfJapan] })),
      'GET /api/hubs': () => json(200, [japanHub]),
    });
    const { router } = renderRoutes(routes, `/invitations/${TOKEN}`);

    await userEvent.click(await screen.findByRole('button', { name: 'Accept invitation' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Hubs' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/hubs');
    expect(api.calls.find((call) => call.path === '/api/invitations/accept')?.body).toEqual({ invitationToken: TOKEN });
  });

  it('explains that a used or expired link is no longer valid', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': signedOut,
      [PREVIEW_PATH]: () => problem(410, 'invitation_invalid'),
    });
    renderRoutes(routes, `/invitations/${TOKEN}`);

    expect(await screen.findByRole('alert')).toHaveTextContent('This invitation link is no longer valid.');
    expect(screen.queryByLabelText('Name')).not.toBeInTheDocument();
  });
});
