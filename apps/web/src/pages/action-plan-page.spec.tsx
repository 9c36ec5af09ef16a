import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, problem, stubGlobalApi } from '../testing/fake-api';
import { session, user } from '../testing/fixtures';
import {
  actionPlan,
  coordinatorOfLatam,
  expertOfLatam,
  kpi,
  KPI_ID,
  milestone,
  officialOfMexicoCity,
  PLAN_ID,
} from '../testing/plan-fixtures';
import { renderRoutes } from '../testing/render';
import ActionPlanPage from './action-plan-page';
import { stubResizeObserver } from '../testing/resize-observer';

function planApi(roles: (typeof officialOfMexicoCity)[], extra: Parameters<typeof stubGlobalApi>[0] = {}) {
  return stubGlobalApi({
    'POST /api/auth/session/refresh': () => json(200, session(user({ roles }))),
    [`GET /api/action-plans/${PLAN_ID}`]: () => json(200, actionPlan()),
    [`GET /api/action-plans/${PLAN_ID}/milestones`]: () => json(200, [milestone()]),
    [`GET /api/action-plans/${PLAN_ID}/kpis`]: () => json(200, [kpi()]),
    [`GET /api/action-plans/${PLAN_ID}/history`]: () => json(200, { items: [], nextCursor: null }),
    [`GET /api/kpis/${KPI_ID}/measurements`]: () =>
      json(200, {
        items: [
          {
            id: crypto.randomUUID(),
            kpiId: KPI_ID,
            date: '2023-03-01',
            value: 2500,
            source: null,
            note: null,
            createdAt: '2026-01-05T09:00:00.000Z',
          },
        ],
        nextCursor: null,
      }),
    'GET /api/users': () => json(200, { items: [], nextCursor: null }),
    ...extra,
  });
}

function renderPage() {
  return renderRoutes([{ path: '/action-plans/:planId', element: <ActionPlanPage /> }], `/action-plans/${PLAN_ID}`);
}

describe('ActionPlanPage', () => {
  beforeEach(() => {
    stubResizeObserver();
  });

  it('shows the plan with its milestone flagged overdue and its KPI status in words, read only for an expert', async () => {
    planApi([expertOfLatam]);
    renderPage();

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Open data action plan of Mexico City',
      }),
    ).toBeInTheDocument();
    const item = await screen.findByRole('listitem', {
      name: 'Update the open data portal with resident feedback',
    });
    expect(item).toHaveTextContent('In progress');
    expect(item).toHaveTextContent('Overdue');
    expect(item).toHaveTextContent('1 of 2 done');
    const kpis = await screen.findByRole('table', {
      name: 'KPIs of Open data · Mexico City',
    });
    expect(within(kpis).getByRole('row', { name: /High-impact crime/ })).toHaveTextContent('On track');

    expect(screen.queryByRole('button', { name: 'Edit plan' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add a milestone' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Record a measurement/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Import from CSV' })).not.toBeInTheDocument();
    expect(within(item).queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('gives an official of the city the edit controls, and shows a measurement’s field errors from the API', async () => {
    planApi([officialOfMexicoCity], {
      [`POST /api/kpis/${KPI_ID}/measurements`]: () =>
        problem(400, 'validation_failed', {
          errors: [{ path: 'date', message: 'The date must not be in the future' }],
        }),
    });
    renderPage();

    expect(await screen.findByRole('button', { name: 'Edit plan' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add a milestone' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Import from CSV' })).toBeInTheDocument();
    expect(await screen.findByRole('checkbox', { name: 'Survey residents' })).toBeChecked();

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Record a measurement of High-impact crime cases per month',
      }),
    );
    const date = screen.getByLabelText('Date');
    expect(date).toHaveFocus();
    await userEvent.type(date, '2030-01-01');
    await userEvent.type(screen.getByLabelText('Value (cases)'), '2100');
    await userEvent.click(screen.getByRole('button', { name: 'Save measurement' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Some values are not valid.');
    expect(screen.getByLabelText('Date')).toHaveAccessibleDescription('The date must not be in the future');
  });

  it('keeps deleting a KPI away from recording a measurement, in a separate place that still asks and deletes', async () => {
    const api = planApi([officialOfMexicoCity], { [`DELETE /api/kpis/${KPI_ID}`]: () => new Response(null, { status: 204 }) });
    renderPage();

    const detail = await screen.findByRole('region', { name: /^High-impact crime cases per month/ });
    expect(await within(detail).findByRole('button', { name: 'Record a measurement of High-impact crime cases per month' })).toBeVisible();
    expect(within(detail).queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Remove a KPI' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete KPI High-impact crime cases per month' }));
    expect(api.calls.some((call) => call.method === 'DELETE')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));

    await vi.waitFor(() =>
      expect(api.calls.filter((call) => call.method === 'DELETE').map((call) => call.path)).toEqual([`/api/kpis/${KPI_ID}`]),
    );
  });

  it('adds a task to a milestone from the keyboard and clears the field for the next one', async () => {
    const api = planApi([officialOfMexicoCity], {
      [`POST /api/milestones/${milestone().id}/tasks`]: () =>
        json(201, {
          id: crypto.randomUUID(),
          milestoneId: milestone().id,
          title: 'Announce the changes',
          done: false,
        }),
    });
    renderPage();

    const form = await screen.findByRole('form', {
      name: 'Add a task to Update the open data portal with resident feedback',
    });
    await userEvent.type(within(form).getByLabelText('New task'), '  Announce the changes {enter}');

    await vi.waitFor(() => expect(within(form).getByLabelText('New task')).toHaveValue(''));
    expect(api.calls.find((call) => call.method === 'POST' && call.path.endsWith('/tasks'))?.body).toEqual({
      title: 'Announce the changes',
      done: false,
    });
  });

  it('lets an official delete a milestone after confirming, with focus on the safer choice first', async () => {
    const api = planApi([officialOfMexicoCity], {
      [`DELETE /api/milestones/${milestone().id}`]: () => new Response(null, { status: 204 }),
    });
    renderPage();

    const item = await screen.findByRole('listitem', {
      name: 'Update the open data portal with resident feedback',
    });
    await userEvent.click(
      within(item).getByRole('button', {
        name: 'Delete milestone Update the open data portal with resident feedback',
      }),
    );
    expect(within(item).getByRole('button', { name: 'Keep' })).toHaveFocus();
    expect(api.calls.some((call) => call.method === 'DELETE')).toBe(false);

    await userEvent.click(within(item).getByRole('button', { name: 'Keep' }));
    const again = within(item).getByRole('button', {
      name: 'Delete milestone Update the open data portal with resident feedback',
    });
    expect(again).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await userEvent.click(within(item).getByRole('button', { name: 'Yes, delete' }));

    await vi.waitFor(() =>
      expect(api.calls.filter((call) => call.method === 'DELETE').map((call) => call.path)).toEqual([`/api/milestones/${milestone().id}`]),
    );
  });

  it('offers no delete to a coordinator, who helps edit a plan but never removes parts of it', async () => {
    planApi([coordinatorOfLatam]);
    renderPage();

    expect(await screen.findByRole('button', { name: 'Add a milestone' })).toBeInTheDocument();
    await screen.findByRole('table', {
      name: 'KPIs of Open data · Mexico City',
    });
    expect(screen.queryByRole('button', { name: /^Delete/ })).not.toBeInTheDocument();
  });

  it('downloads the milestones as the CSV the import reads, so an edited file can be imported again', async () => {
    const csv = 'title,due_date,status,owner_id,evidence_links,tasks\r\nUpdate the open data portal,2026-12-31,in_progress,,,\r\n';
    const api = planApi([expertOfLatam], {
      [`GET /api/action-plans/${PLAN_ID}/milestones`]: (call) =>
        call.search.get('format') === 'csv'
          ? new Response(csv, {
              status: 200,
              headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="milestones.csv"' },
            })
          : json(200, [milestone()]),
    });
    const saved: Blob[] = [];
    const keep = (blob: Blob) => {
      saved.push(blob);
      return 'blob:minga/1';
    };
    Object.defineProperty(URL, 'createObjectURL', { value: keep, configurable: true });
    Object.defineProperty(URL, 'revokeObjectURL', { value: () => undefined, configurable: true });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderPage();

    await userEvent.click(await screen.findByRole('button', { name: 'Download milestones of the Open data plan of Mexico City as CSV' }));

    expect(await screen.findByText(/^Saved .*\.csv\.$/)).toBeInTheDocument();
    expect(saved).toHaveLength(1);
    expect(await new Response(saved[0]).text()).toBe(csv);
    expect(api.calls.filter((call) => call.search.get('format') === 'csv').map((call) => call.path)).toEqual([
      `/api/action-plans/${PLAN_ID}/milestones`,
    ]);
    click.mockRestore();
  });

  it('links a milestone that came from a meeting back to that meeting', async () => {
    const occurrenceId = '0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b';
    planApi([expertOfLatam], {
      [`GET /api/action-plans/${PLAN_ID}/milestones`]: () =>
        json(200, [
          milestone({ fromMeeting: { occurrenceId, title: 'Open data 2027: monthly session', startsAt: '2027-01-14T01:00:00.000Z' } }),
        ]),
    });
    renderPage();

    const item = await screen.findByRole('listitem', { name: 'Update the open data portal with resident feedback' });
    const link = within(item).getByRole('link', { name: /^Open data 2027: monthly session, / });
    expect(link).toHaveAttribute('href', `/occurrences/${occurrenceId}/minutes`);
  });
});
