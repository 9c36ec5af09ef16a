import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreatedInvitation } from '@minga/contracts';
import { json, problem, stubGlobalApi } from '../../testing/fake-api';
import { JAPAN_HUB_ID, session, TSUKUBA_CITY_ID, user } from '../../testing/fixtures';
import { renderInApp } from '../../testing/render';
import { InviteForm } from './invite-form';

const cities = [{ id: TSUKUBA_CITY_ID, name: 'Tsukuba' }];
const restoreAsCoordinator = () => json(200, session(user()));

const created: CreatedInvitation = {
  invitation: {
    id: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    email: 'kenji@example.org',
    role: 'expert',
    hubId: JAPAN_HUB_ID,
    cityId: null,
    scopeName: 'Japan',
    status: 'pending',
    invitedBy: { id: user().id, name: user().name },
    expiresAt: '2026-02-01T00:00:00.000Z',
    createdAt: '2026-01-25T00:00:00.000Z',
  },
  inviteUrl: 'http://localhost:3000/invitations/abcdefghijklmnopqrstuvwxyz',
  emailed: false,
};

/** Renders the form once the session is restored, i.e. once the roles the person may grant are known. */
async function renderForm() {
  renderInApp(<InviteForm hubId={JAPAN_HUB_ID} cities={cities} />);
  await screen.findByRole('option', { name: 'Expert' });
  return screen.getByLabelText('Email');
}

describe('InviteForm', () => {
  it('shows the field errors of a 400 problem next to their fields and announces the problem', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': restoreAsCoordinator,
      'POST /api/invitations': () =>
        problem(400, 'validation_failed', {
          detail: 'The request body is not valid',
          errors: [{ path: 'email', message: 'This person is already invited' }],
        }),
    });
    const email = await renderForm();

    await userEvent.type(email, 'kenji@example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Send invitation' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Some values are not valid.');
    expect(alert).toHaveTextContent('The request body is not valid');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('This person is already invited');
    expect(email).toHaveFocus();
  });

  it('sends the invitation for the hub and shows the link to copy', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': restoreAsCoordinator,
      'POST /api/invitations': () => json(201, created),
    });
    const email = await renderForm();

    await userEvent.type(email, 'kenji@example.org');
    await userEvent.selectOptions(screen.getByLabelText('Role'), 'Expert');
    await userEvent.click(screen.getByRole('button', { name: 'Send invitation' }));

    expect(await screen.findByTestId('invite-link')).toHaveTextContent(created.inviteUrl);
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    const [status] = screen.getAllByRole('status');
    assert(status, 'a status is shown');
    expect(within(status).getByText('Invitation created for kenji@example.org.')).toBeInTheDocument();
    expect(api.calls.find((call) => call.path === '/api/invitations')?.body).toEqual({
      email: 'kenji@example.org',
      role: 'expert',
      hubId: JAPAN_HUB_ID,
      cityId: null,
    });
  });

  it('asks for a city before inviting a city official, without calling the API', async () => {
    const api = stubGlobalApi({ 'POST /api/auth/session/refresh': restoreAsCoordinator });
    const email = await renderForm();

    await userEvent.type(email, 'mayor@example.org');
    await userEvent.selectOptions(screen.getByLabelText('Role'), 'City official');
    await userEvent.click(screen.getByRole('button', { name: 'Send invitation' }));

    const city = screen.getByLabelText('City');
    expect(city).toHaveAccessibleDescription('Choose a city for a city official.');
    expect(city).toHaveFocus();
    expect(api.calls.some((call) => call.path === '/api/invitations')).toBe(false);
  });

  it('offers a coordinator the roles of their hub, never administrator', async () => {
    stubGlobalApi({ 'POST /api/auth/session/refresh': restoreAsCoordinator });
    await renderForm();

    const options = within(screen.getByLabelText('Role')).getAllByRole('option');

    expect(options.map((option) => option.textContent)).toEqual(['Coordinator', 'Expert', 'City official', 'Observer']);
    expect(screen.getByLabelText('Role')).toHaveValue('expert');
  });
});
