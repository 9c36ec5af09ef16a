import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AttendanceReport } from '@minga/contracts';
import { json, problem, stubGlobalApi } from '../testing/fake-api';
import { coordinatorOfJapan, officialOfTsukuba, session, user } from '../testing/fixtures';
import { OCCURRENCE_ID, TOKYO, minutes, occurrenceDetail, poll } from '../testing/meeting-room-fixtures';
import { renderRoutes } from '../testing/render';
import MeetingMinutesPage from './meeting-minutes-page';

const base = `/api/occurrences/${OCCURRENCE_ID}`;
const routes = [{ path: 'occurrences/:occurrenceId/minutes', element: <MeetingMinutesPage /> }];
const path = `/occurrences/${OCCURRENCE_ID}/minutes`;

const report: AttendanceReport = {
  occurrenceId: OCCURRENCE_ID,
  startsAt: '2026-11-24T01:00:00.000Z',
  endsAt: '2026-11-24T02:00:00.000Z',
  attendees: [
    {
      user: { id: '55555555-5555-4555-8555-555555555555', name: 'Tokyo Official' },
      city: TOKYO,
      memberRole: 'official',
      role: 'participant',
      firstJoinedAt: '2026-11-24T01:02:00.000Z',
      lastLeftAt: '2026-11-24T01:58:00.000Z',
      minutesPresent: 56,
      stays: 2,
    },
  ],
  absent: [{ user: { id: '66666666-6666-4666-8666-666666666666', name: 'Mexico City Official' }, city: null }],
};

describe('MeetingMinutesPage', () => {
  it('walks the host from the notes to published minutes, and shows the attendance in the viewer’s zone', async () => {
    const host = user({ roles: [coordinatorOfJapan], timeZone: 'Asia/Tokyo' });
    let current = minutes();
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(host)),
      [`GET /api/occurrences/${OCCURRENCE_ID}`]: () => json(200, occurrenceDetail()),
      [`POST ${base}/minutes`]: () => json(201, current),
      [`POST ${base}/minutes/approve`]: () =>
        json(200, (current = minutes({ status: 'approved', approvedBy: host, approvedAt: '2026-11-24T02:20:00.000Z' }))),
      [`POST ${base}/minutes/publish`]: () => json(200, { ...current, status: 'published', publishedAt: '2026-11-24T02:30:00.000Z' }),
      [`GET ${base}/attendance`]: () => json(200, report),
      [`GET ${base}/polls`]: () => json(200, [poll({ status: 'closed', myOptionIds: [] })]),
      [`GET ${base}/action-items`]: () => json(200, []),
    });
    renderRoutes(routes, path);

    await userEvent.click(await screen.findByRole('button', { name: 'Draft minutes from the notes' }));
    // The occurrence said there are none: nothing asked for them (a 404 in the console).
    expect(api.calls.filter((call) => call.method === 'GET' && call.path === `${base}/minutes`)).toEqual([]);
    expect(await screen.findByText('Decision: publish the parking dataset.')).toBeInTheDocument();
    expect(screen.getByTestId('minutes-status')).toHaveTextContent('Draft');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByTestId('minutes-status')).toHaveTextContent('Approved');
    await userEvent.click(screen.getByRole('button', { name: 'Publish to participants' }));
    await screen.findByText(/Published to participants/);
    expect(api.calls.filter((call) => call.method === 'POST' && call.path.startsWith(base)).map((call) => call.path)).toEqual([
      `${base}/minutes`,
      `${base}/minutes/approve`,
      `${base}/minutes/publish`,
    ]);

    const table = await screen.findByRole('table', { name: '1 person attended (times in Asia/Tokyo)' });
    const row = within(table).getByRole('row', { name: /Tokyo Official/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Tokyo', 'City official', '10:02 AM', '10:58 AM', '56 (2 stays)']);
    expect(screen.getByText('Mexico City Official', { selector: 'li' })).toBeInTheDocument();
    // The polls' final results, in words.
    const results = within(screen.getByRole('article', { name: 'Adopt the open data clause?' }));
    expect(results.getAllByTestId('room-result').map((row) => row.textContent)).toEqual([
      'Yesleading3 votes, 60%',
      'No1 vote, 20%',
      'Later1 vote, 20%',
    ]);
    // Whoever the attendance names may own an action item.
    expect(screen.getByRole('option', { name: 'Mexico City Official' })).toBeInTheDocument();
  });

  it('shows a participant only the published minutes: no drafting, approving or attendance', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [officialOfTsukuba] }))),
      [`GET /api/occurrences/${OCCURRENCE_ID}`]: () => json(200, occurrenceDetail({ minutes: 'published' })),
      [`GET ${base}/minutes`]: () => json(200, minutes({ status: 'published', publishedAt: '2026-11-24T02:30:00.000Z' })),
      [`GET ${base}/polls`]: () => json(200, []),
      [`GET ${base}/action-items`]: () => json(200, []),
    });
    renderRoutes(routes, path);
    expect(await screen.findByText('Decision: publish the parking dataset.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Approve|Publish|Edit minutes/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Attendance' })).not.toBeInTheDocument();
  });

  it('tells a participant when the minutes are not published yet, without asking for them', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [officialOfTsukuba] }))),
      [`GET /api/occurrences/${OCCURRENCE_ID}`]: () => json(200, occurrenceDetail()),
      [`GET ${base}/polls`]: () => json(200, []),
      [`GET ${base}/action-items`]: () => json(200, []),
    });
    renderRoutes(routes, path);
    expect(await screen.findByText('The minutes are not published yet.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Draft minutes from the notes' })).not.toBeInTheDocument();
    expect(api.calls.filter((call) => call.path === `${base}/minutes`)).toEqual([]);
  });

  it('tells a participant when minutes said to be published are gone', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [officialOfTsukuba] }))),
      [`GET /api/occurrences/${OCCURRENCE_ID}`]: () => json(200, occurrenceDetail({ minutes: 'published' })),
      [`GET ${base}/minutes`]: () => problem(404, 'not_found'),
      [`GET ${base}/polls`]: () => json(200, []),
      [`GET ${base}/action-items`]: () => json(200, []),
    });
    renderRoutes(routes, path);
    expect(await screen.findByText('The minutes are not published yet.')).toBeInTheDocument();
  });
});
