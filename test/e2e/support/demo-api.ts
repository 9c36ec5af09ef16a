// Calls to the running server's API on behalf of a demo account, for setting the scene of a journey.
import { baseUrl, E2E_DEMO_PASSWORD } from './constants';

async function accessTokenOf(email: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: E2E_DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} answered ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Demo accounts start with notifications from the demo data (meeting invitations); a journey counts from zero. */
export async function markAllNotificationsRead(email: string): Promise<void> {
  const res = await fetch(`${baseUrl()}/api/me/notifications/read`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await accessTokenOf(email)}` },
    body: JSON.stringify({ all: true }),
  });
  if (!res.ok) throw new Error(`marking notifications read answered ${res.status}`);
}
