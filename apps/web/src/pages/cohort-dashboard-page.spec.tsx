import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CohortDashboard } from '@minga/contracts';
import { json, stubGlobalApi } from '../testing/fake-api';
import { session, user } from '../testing/fixtures';
import { expertOfLatam, hubDashboard, LATAM_HUB_ID } from '../testing/plan-fixtures';
import { renderRoutes } from '../testing/render';
import { stubResizeObserver } from '../testing/resize-observer';
import CohortDashboardPage from './cohort-dashboard-page';

const COHORT_ID = '1f2a3b4c-5d6e-4f7a-8b9c-0d1e2f3a4b5c';

function cohortDashboard(): CohortDashboard {
  const { hub: _hub, ...rest } = hubDashboard();
  return {
    ...rest,
    cohort: {
      id: COHORT_ID,
      name: 'Open data 2027',
      hubId: LATAM_HUB_ID,
      modelPolicyId: null,
    },
  };
}

describe('CohortDashboardPage', () => {
  beforeEach(() => stubResizeObserver());

  it("compares the cohort's cities, behind first, and filters through the URL", async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [expertOfLatam] }))),
      [`GET /api/cohorts/${COHORT_ID}/dashboard`]: () => json(200, cohortDashboard()),
      'GET /api/model-policies': () => json(200, []),
    });
    renderRoutes(
      [
        {
          path: '/cohorts/:cohortId/dashboard',
          element: <CohortDashboardPage />,
        },
      ],
      `/cohorts/${COHORT_ID}/dashboard`,
    );

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Dashboard of Open data 2027',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the cohort' })).toHaveAttribute('href', `/cohorts/${COHORT_ID}`);
    const standing = await screen.findByRole('table', {
      name: 'Cities of Open data 2027, those behind first',
    });
    expect(standing).toHaveTextContent('Medellín');

    await userEvent.selectOptions(screen.getByLabelText('Standing'), 'behind');
    await vi.waitFor(() =>
      expect(
        api.calls.some((call) => call.path === `/api/cohorts/${COHORT_ID}/dashboard` && call.search.get('cityStatus') === 'behind'),
      ).toBe(true),
    );
  });
});
