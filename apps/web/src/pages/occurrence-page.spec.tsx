import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, stubGlobalApi } from '../testing/fake-api';
import { session, user } from '../testing/fixtures';
import {
  COHORT_ID,
  MEETING_ID,
  OCCURRENCE_ID,
  OFFICIAL_ID,
  cohortOverview,
  coordinatorOfLatam,
  occurrence,
} from '../testing/meeting-fixtures';
import { officialOfMexicoCity } from '../testing/plan-fixtures';
import { renderRoutes } from '../testing/render';
import OccurrencePage from './occurrence-page';

function renderPage() {
  return renderRoutes([{ path: '/occurrences/:occurrenceId', element: <OccurrencePage /> }], `/occurrences/${OCCURRENCE_ID}`);
}

const inTokyo = () => json(200, session(user({ name: 'Tokyo Official', timeZone: 'Asia/Tokyo', roles: [officialOfMexicoCity] })));

describe('OccurrencePage', () => {
  it('shows the time in the organiser’s zone and in the viewer’s, a day later, and the local time in each city', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': inTokyo,
      [`GET /api/occurrences/${OCCURRENCE_ID}`]: () => json(200, occurrence()),
      [`GET /api/occurrences/${OCCURRENCE_ID}/rsvps`]: () => json(200, []),
      [`GET /api/meetings/${MEETING_ID}/invitees`]: () =>
        json(200, {
          occurrenceId: OCCURRENCE_ID,
          invitees: [
            { person: { id: OFFICIAL_ID, name: 'Tokyo Official' }, role: 'official', city: null, response: null, waitlistPosition: null },
          ],
        }),
    });
    renderPage();

    expect(await screen.findByRole('heading', { level: 1, name: 'Monthly cohort call' })).toBeInTheDocument();
    const when = screen.getByText('When:').parentElement as HTMLElement;
    expect(when).toHaveTextContent(
      /^When: Mon, Dec 14, 10:00\sAM–11:00\sAM Mexico City · Tue, Dec 15, 1:00\sAM–2:00\sAM your time \(\+1 day\)/,
    );

    const strip = screen.getByRole('list', { name: 'Local time of the meeting in each participating city' });
    const stops = within(strip)
      .getAllByRole('listitem')
      .map((stop) => stop.textContent);
    // West to east; each stop says day or night in words, not only by its tint.
    expect(stops).toEqual([
      expect.stringMatching(/^Mexico City10:00\sAM\s*☀ Daytime$/),
      expect.stringMatching(/^Delhi9:30\sPM\s*◑ Evening$/),
      expect.stringMatching(/^Jakarta11:00\sPM\s*☾ Night$/),
      expect.stringMatching(/^Tokyo1:00\sAM \(\+1 day\)☾ Night$/),
    ]);
    expect(screen.getByRole('link', { name: 'Join the live room' })).toHaveAttribute('href', `/occurrences/${OCCURRENCE_ID}/room`);
    const invited = await screen.findByRole('table', { name: 'Who is invited, and their answer to this date' });
    expect(within(invited).getByRole('row', { name: /Tokyo Official/ })).toHaveTextContent('Not answered yet');
  });

  it('answers yes past capacity and says the viewer’s place on the waiting list', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': inTokyo,
      [`GET /api/occurrences/${OCCURRENCE_ID}`]: () => json(200, occurrence()),
      [`GET /api/occurrences/${OCCURRENCE_ID}/rsvps`]: () => json(200, []),
      [`GET /api/meetings/${MEETING_ID}/invitees`]: () =>
        json(200, {
          occurrenceId: OCCURRENCE_ID,
          invitees: [
            { person: { id: OFFICIAL_ID, name: 'Tokyo Official' }, role: 'official', city: null, response: null, waitlistPosition: null },
          ],
        }),
      [`PUT /api/occurrences/${OCCURRENCE_ID}/rsvp`]: () =>
        json(200, {
          rsvp: { response: 'yes', waitlistPosition: 1, respondedAt: '2026-12-01T00:00:00.000Z' },
          rsvpCounts: { yes: 2, no: 0, maybe: 1, waitlisted: 1 },
        }),
    });
    renderPage();

    expect(await screen.findByText(/2 of 2 places taken/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Yes' }));

    expect(await screen.findByText(/you are number 1 on the waiting list/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Yes' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText(/Waiting list: 1\./)).toBeInTheDocument();
    expect(api.calls.find((call) => call.method === 'PUT')?.body).toEqual({ response: 'yes' });
  });

  it('tells the host this date keeps an agenda of its own, and gives it the series’ agenda back', async () => {
    let own = true;
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user({ name: 'Latin America Coordinator', roles: [coordinatorOfLatam] }))),
      [`GET /api/occurrences/${OCCURRENCE_ID}`]: () =>
        json(
          200,
          occurrence({
            canManage: true,
            ownAgenda: own,
            agenda: [
              {
                id: OFFICIAL_ID,
                position: 0,
                title: own ? 'Mexico City parking data' : 'Round of cities',
                durationMinutes: 30,
                presenter: null,
                draft: null,
                draftSection: null,
              },
            ],
          }),
        ),
      [`GET /api/cohorts/${COHORT_ID}/overview`]: () => json(200, cohortOverview()),
      [`DELETE /api/occurrences/${OCCURRENCE_ID}/agenda`]: () => {
        own = false;
        return json(200, []);
      },
    });
    renderPage();

    expect(await screen.findByText('Mexico City parking data')).toBeInTheDocument();
    expect(screen.getByText('This meeting has an agenda of its own: changes to the series’ agenda do not reach it.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Use the series’ agenda again' }));

    expect(await screen.findByText('Round of cities')).toBeInTheDocument();
    expect(screen.queryByText(/agenda of its own/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Change this meeting’s agenda' })).toHaveFocus();
    expect(api.calls.filter((call) => call.method === 'DELETE').map((call) => call.path)).toEqual([
      `/api/occurrences/${OCCURRENCE_ID}/agenda`,
    ]);
  });

  it('offers no answer and no room to someone who is not invited', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': inTokyo,
      [`GET /api/occurrences/${OCCURRENCE_ID}`]: () => json(200, occurrence({ invited: false, onlineUrl: null })),
    });
    renderPage();

    expect(await screen.findByText('Only invitees answer.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Yes' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Join the live room' })).not.toBeInTheDocument();
  });
});
