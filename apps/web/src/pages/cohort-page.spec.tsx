import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, stubGlobalApi } from '../testing/fake-api';
import { session, user } from '../testing/fixtures';
import { COHORT_ID, cohortOverview, coordinatorOfLatam, slotResult } from '../testing/meeting-fixtures';
import { MEXICO_CITY_ID } from '../testing/plan-fixtures';
import { renderRoutes } from '../testing/render';
import CohortPage from './cohort-page';
import MeetingFormPage from './meeting-form-page';

function overviewWithPlan() {
  const overview = cohortOverview();
  overview.cities = overview.cities.map((row) =>
    row.city.id === MEXICO_CITY_ID
      ? {
          ...row,
          draft: {
            id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
            title: 'Política de datos abiertos',
            status: 'legal_review',
            updatedAt: '2026-11-01T09:00:00.000Z',
          },
          actionPlan: { id: '5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c', stage: 'implementing', progress: 40, overdueCount: 1, published: true },
        }
      : row,
  );
  return overview;
}

describe('CohortPage', () => {
  it('shows each city’s draft status and plan progress, and a chosen slot opens the schedule form in the organiser’s zone', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [coordinatorOfLatam], timeZone: 'America/Mexico_City' }))),
      [`GET /api/cohorts/${COHORT_ID}/overview`]: () => json(200, overviewWithPlan()),
      [`GET /api/cohorts/${COHORT_ID}/occurrences`]: () => json(200, { items: [], nextCursor: null }),
      [`GET /api/cohorts/${COHORT_ID}/slots`]: () => json(200, slotResult()),
    });
    renderRoutes(
      [
        { path: '/cohorts/:cohortId', element: <CohortPage /> },
        { path: '/cohorts/:cohortId/meetings/new', element: <MeetingFormPage /> },
      ],
      `/cohorts/${COHORT_ID}`,
    );

    const cities = await screen.findByRole('table', { name: 'Cities of Open data 2027, with their draft and action plan' });
    const mexico = within(cities).getByRole('row', { name: /^Mexico City/ });
    expect(mexico).toHaveTextContent('Legal review');
    expect(mexico).toHaveTextContent('Implementing');
    expect(mexico).toHaveTextContent('40%');
    expect(mexico).toHaveTextContent('1 overdue');
    expect(within(cities).getByRole('row', { name: /^Tokyo/ })).toHaveTextContent('No draft yet');
    expect(await screen.findByText('No meetings are planned for this cohort.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Find times' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Schedule at this time' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Schedule a meeting of Open data 2027' })).toBeInTheDocument();
    // The slot starts at 00:00 UTC on 15 December: 18:00 the day before in Mexico City.
    expect(screen.getByLabelText('Date')).toHaveValue('2026-12-14');
    expect(screen.getByLabelText('Start time')).toHaveValue('18:00');
    expect(screen.getByLabelText('Organiser’s time zone')).toHaveValue('America/Mexico_City');
    expect(screen.getByLabelText('Length (minutes)')).toHaveValue(60);
    expect(screen.getByLabelText('Repeats')).toHaveValue('none');
  });
});
