import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CalendarFeed } from '@minga/contracts';
import { json, stubGlobalApi } from '../../testing/fake-api';
import { session, user } from '../../testing/fixtures';
import { renderInApp } from '../../testing/render';
import { CalendarFeeds } from './calendar-feeds';

const FEED_ID = '1c1c1c1c-1c1c-4c1c-8c1c-1c1c1c1c1c1c';
const feed: CalendarFeed = { id: FEED_ID, kind: 'user', cohort: null, createdAt: '2026-11-24T09:00:00.000Z', revokedAt: null };
const URL_OF_FEED = 'https://minga.example.org/api/calendars/feeds/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG.ics';

describe('CalendarFeeds', () => {
  it('shows a new feed’s secret address once, lists the feed, and revokes it', async () => {
    let feeds: CalendarFeed[] = [];
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user())),
      'GET /api/me/calendar-feeds': () => json(200, feeds),
      'POST /api/me/calendar-feeds': () => {
        feeds = [feed];
        return json(201, { ...feed, url: URL_OF_FEED, webcalUrl: URL_OF_FEED.replace('https:', 'webcal:') });
      },
      [`DELETE /api/me/calendar-feeds/${FEED_ID}`]: () => {
        feeds = [{ ...feed, revokedAt: '2026-11-24T10:00:00.000Z' }];
        return new Response(null, { status: 204 });
      },
    });
    renderInApp(<CalendarFeeds />);

    expect(await screen.findByText('No subscriptions yet.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create a subscription address' }));

    expect(await screen.findByText(URL_OF_FEED)).toBeInTheDocument();
    expect(screen.getByText('Copy it now: for your safety it is not shown again.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open in a calendar app' })).toHaveAttribute('href', URL_OF_FEED.replace('https:', 'webcal:'));
    expect(api.calls.find((call) => call.method === 'POST' && call.path === '/api/me/calendar-feeds')?.body).toEqual({ kind: 'user' });

    await userEvent.click(await screen.findByRole('button', { name: /^Revoke All my meetings, created/ }));
    expect(await screen.findByText('No subscriptions yet.')).toBeInTheDocument();
    expect(screen.queryByText(URL_OF_FEED)).not.toBeInTheDocument();
  });
});
