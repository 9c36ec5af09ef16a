import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import type { Notification } from '@minga/contracts';
import { LiveEventsProvider } from '../../lib/live-events';
import { json, stubGlobalApi } from '../../testing/fake-api';
import { fakeLiveEvents } from '../../testing/fake-live-events';
import { draft, officialOfTsukuba, session, user } from '../../testing/fixtures';
import { renderInApp } from '../../testing/render';
import { NotificationCentre } from './notification-centre';

const DRAFT = draft();

function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: crypto.randomUUID(),
    kind: 'mention',
    draft: { id: DRAFT.id, title: DRAFT.title },
    thread: { id: '66666666-6666-4666-8666-666666666666', quote: 'published under CC0' },
    meeting: null,
    commentId: null,
    actor: { id: '22222222-2222-4222-8222-222222222222', name: 'Haruto Sato' },
    createdAt: '2026-01-12T09:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}

const mention = notification();
const oldReply = notification({ kind: 'reply', readAt: '2026-01-12T10:00:00.000Z' });

function renderCentre() {
  const live = fakeLiveEvents();
  const api = stubGlobalApi({
    'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [officialOfTsukuba] }))),
    'GET /api/me/notifications': () => json(200, { items: [mention, oldReply], nextCursor: null, unreadCount: 1 }),
    'POST /api/me/notifications/read': () => json(200, { unreadCount: 0 }),
  });
  renderInApp(
    <LiveEventsProvider events={live.events}>
      <NotificationCentre />
    </LiveEventsProvider>,
  );
  return { api, live };
}

describe('Notification centre', () => {
  it('says how many are unread in its button’s text, and counts new ones as they arrive live', async () => {
    const { live } = renderCentre();

    const button = await screen.findByRole('button', { name: 'Notifications 1 unread' });
    expect(button).toHaveAttribute('aria-expanded', 'false');

    const arriving = notification({ kind: 'suggestion' });
    act(() => live.serverEmit('notification', { notification: arriving, unreadCount: 2 }));

    expect(await screen.findByRole('button', { name: 'Notifications 2 unread' })).toBe(button);
    expect(document.querySelector('[aria-live="polite"]')).toHaveTextContent(
      `New notification: Haruto Sato suggested a change to ${DRAFT.title}`,
    );

    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const links = screen.getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      `Haruto Sato suggested a change to ${DRAFT.title}`,
      `Haruto Sato mentioned you in ${DRAFT.title}`,
      `Haruto Sato replied to your thread in ${DRAFT.title}`,
    ]);
    expect(links[1]).toHaveAttribute('href', `/drafts/${DRAFT.id}#thread-${mention.thread?.id}`);
  });

  it('links published minutes to their page and a reminder to the meeting room', async () => {
    const { live } = renderCentre();
    const button = await screen.findByRole('button', { name: 'Notifications 1 unread' });
    const meeting = {
      occurrenceId: '77777777-7777-4777-8777-777777777777',
      meetingId: '88888888-8888-4888-8888-888888888888',
      title: 'Open data cohort call',
      startsAt: '2026-01-13T09:00:00.000Z',
    };
    act(() =>
      live.serverEmit('notification', {
        notification: notification({ kind: 'minutes_published', draft: null, thread: null, meeting }),
        unreadCount: 2,
      }),
    );
    act(() =>
      live.serverEmit('notification', {
        notification: notification({ kind: 'meeting_reminder', draft: null, thread: null, meeting }),
        unreadCount: 3,
      }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications 3 unread' }));
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('link', { name: 'Haruto Sato published the minutes of Open data cohort call' })).toHaveAttribute(
      'href',
      `/occurrences/${meeting.occurrenceId}/minutes`,
    );
    expect(screen.getByRole('link', { name: 'Reminder: Open data cohort call is coming up' })).toHaveAttribute(
      'href',
      `/occurrences/${meeting.occurrenceId}/room`,
    );
  });

  it('links an invitation, a change and a cancellation to the occurrence’s page', async () => {
    const { live } = renderCentre();
    await screen.findByRole('button', { name: 'Notifications 1 unread' });
    const meeting = {
      occurrenceId: '77777777-7777-4777-8777-777777777777',
      meetingId: '88888888-8888-4888-8888-888888888888',
      title: 'Open data cohort call',
      startsAt: '2026-01-13T09:00:00.000Z',
    };
    act(() =>
      live.serverEmit('notification', {
        notification: notification({ kind: 'meeting_invited', draft: null, thread: null, meeting }),
        unreadCount: 2,
      }),
    );
    act(() =>
      live.serverEmit('notification', {
        notification: notification({ kind: 'meeting_cancelled', draft: null, thread: null, meeting }),
        unreadCount: 3,
      }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications 3 unread' }));
    expect(screen.getByRole('link', { name: 'Haruto Sato invited you to Open data cohort call' })).toHaveAttribute(
      'href',
      `/occurrences/${meeting.occurrenceId}`,
    );
    expect(screen.getByRole('link', { name: 'Haruto Sato cancelled Open data cohort call' })).toHaveAttribute(
      'href',
      `/occurrences/${meeting.occurrenceId}`,
    );
  });

  it('marks all as read, then shows no count; Escape closes the list and returns to the button', async () => {
    const { api } = renderCentre();
    const button = await screen.findByRole('button', { name: 'Notifications 1 unread' });
    await userEvent.click(button);

    await userEvent.click(screen.getByRole('button', { name: 'Mark all as read' }));

    await waitFor(() => expect(button).toHaveAccessibleName('Notifications'));
    expect(api.calls.find((call) => call.path === '/api/me/notifications/read')?.body).toEqual({ all: true });
    expect(screen.queryByText('Unread')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Notifications' })).toHaveFocus();

    await userEvent.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });
});
