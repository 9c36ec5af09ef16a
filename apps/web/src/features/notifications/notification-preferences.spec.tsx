import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_NOTIFICATION_PREFERENCE, type NotificationPreferences as Preferences } from '@minga/contracts';
import { json, stubGlobalApi } from '../../testing/fake-api';
import { expertOfJapan, session, user } from '../../testing/fixtures';
import { renderInApp } from '../../testing/render';
import { NotificationPreferences } from './notification-preferences';

function renderPreferences(emailAvailable: boolean) {
  const saved: Preferences = { preferences: DEFAULT_NOTIFICATION_PREFERENCE, emailAvailable };
  const api = stubGlobalApi({
    'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [expertOfJapan] }))),
    'GET /api/me/notification-preferences': () => json(200, saved),
    'PUT /api/me/notification-preferences': (call) => json(200, { ...saved, ...(call.body as object) }),
  });
  renderInApp(<NotificationPreferences />);
  return api;
}

describe('Notification preferences', () => {
  it('sets, per kind, whether it shows in Minga and how email brings it, and saves them', async () => {
    const api = renderPreferences(true);

    const inApp = await screen.findByRole('checkbox', { name: 'Show in Minga: Replies to my threads' });
    expect(inApp).toBeChecked();
    await userEvent.click(inApp);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Email for: Someone mentions me' }), 'Daily digest');
    await userEvent.click(screen.getByRole('button', { name: 'Save preferences' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Preferences saved.');
    const put = api.calls.find((call) => call.method === 'PUT');
    expect(put?.body).toEqual({
      preferences: {
        ...DEFAULT_NOTIFICATION_PREFERENCE,
        reply: { inApp: false, email: 'daily_digest' },
        mention: { inApp: true, email: 'daily_digest' },
      },
    });
    expect(screen.queryByText(/sends no email/)).not.toBeInTheDocument();
  });

  it('says so when the server sends no email', async () => {
    renderPreferences(false);
    expect(await screen.findByText('This server sends no email yet; your email choices apply once it does.')).toBeInTheDocument();
  });
});
