import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ActionItem } from '@minga/contracts';
import { json, problem, stubGlobalApi } from '../../testing/fake-api';
import { OPEN_DATA_POLICY_ID, session, user } from '../../testing/fixtures';
import { MEXICO_CITY, OCCURRENCE_ID, TOKYO } from '../../testing/meeting-room-fixtures';
import { actionPlan } from '../../testing/plan-fixtures';
import { renderInApp } from '../../testing/render';
import { ActionItemsSection } from './action-items-panel';

const ITEM_ID = '5a5a5a5a-5a5a-4a5a-8a5a-5a5a5a5a5a5a';
const COHORT_ID = '6b6b6b6b-6b6b-4b6b-8b6b-6b6b6b6b6b6b';
const OTHER_POLICY_ID = '7c7c7c7c-7c7c-4c7c-8c7c-7c7c7c7c7c7c';
const me = user();
const itemPath = `/api/meeting-action-items/${ITEM_ID}`;

function item(overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    id: ITEM_ID,
    occurrenceId: OCCURRENCE_ID,
    title: 'Publish the bus data',
    owner: { id: me.id, name: me.name },
    dueOn: '2026-12-15',
    city: MEXICO_CITY,
    actionPlanId: null,
    milestoneId: null,
    sentAt: null,
    createdBy: { id: me.id, name: me.name },
    createdAt: '2026-11-24T02:00:00.000Z',
    updatedAt: '2026-11-24T02:00:00.000Z',
    ...overrides,
  };
}

const openData = actionPlan({
  id: '8d8d8d8d-8d8d-4d8d-8d8d-8d8d8d8d8d8d',
  cityId: MEXICO_CITY.id,
  modelPolicyId: OPEN_DATA_POLICY_ID,
  modelPolicyName: 'Open data',
});
const mobility = actionPlan({
  id: '9e9e9e9e-9e9e-4e9e-8e9e-9e9e9e9e9e9e',
  cityId: MEXICO_CITY.id,
  modelPolicyId: OTHER_POLICY_ID,
  modelPolicyName: 'Mobility',
});

function routes(plans: unknown[], extra: Record<string, () => Response> = {}) {
  return {
    'POST /api/auth/session/refresh': () => json(200, session(me)),
    [`GET /api/occurrences/${OCCURRENCE_ID}/action-items`]: () => json(200, [item()]),
    [`GET /api/cities/${MEXICO_CITY.id}/action-plans`]: () => json(200, plans),
    [`GET /api/cohorts/${COHORT_ID}`]: () =>
      json(200, { id: COHORT_ID, modelPolicy: { id: OPEN_DATA_POLICY_ID, key: 'open-data', name: 'Open data' } }),
    ...extra,
  };
}

function renderSection(cohortId: string | null = null) {
  renderInApp(
    <ActionItemsSection
      occurrenceId={OCCURRENCE_ID}
      isHost={false}
      userId={me.id}
      cohortId={cohortId}
      people={[{ id: me.id, name: me.name }]}
      cities={[TOKYO, MEXICO_CITY]}
    />,
  );
}

const sendCall = (api: ReturnType<typeof stubGlobalApi>) =>
  api.calls.find((call) => call.method === 'POST' && call.path === `${itemPath}/send-to-plan`);

describe('ActionItemsSection', () => {
  it('edits an item in place, shows the API’s field errors beside their fields, and gives the focus back on cancel', async () => {
    const api = stubGlobalApi(
      routes([openData], {
        [`PATCH ${itemPath}`]: () =>
          problem(400, 'validation_failed', {
            errors: [
              { path: 'dueOn', message: 'Invalid ISO date' },
              { path: 'cityId', message: 'No such city' },
            ],
          }),
      }),
    );
    renderSection();

    const edit = await screen.findByRole('button', { name: 'Edit: Publish the bus data' });
    await userEvent.click(edit);
    const form = screen.getByRole('form', { name: 'Edit action item: Publish the bus data' });
    const title = within(form).getByLabelText('Action');
    expect(title).toHaveFocus();
    await userEvent.type(title, ' feed');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await vi.waitFor(() => expect(api.calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(api.calls.find((call) => call.method === 'PATCH')?.body).toEqual({
      title: 'Publish the bus data feed',
      ownerId: me.id,
      dueOn: '2026-12-15',
      cityId: MEXICO_CITY.id,
    });
    const due = screen.getAllByLabelText('Due date').find((field) => form.contains(field));
    const city = screen.getAllByLabelText('City').find((field) => form.contains(field));
    await vi.waitFor(() => expect(due).toHaveAccessibleDescription('Invalid ISO date'));
    expect(city).toHaveAccessibleDescription('No such city');
    expect(due).toHaveFocus();

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Edit action item: Publish the bus data' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit: Publish the bus data' })).toHaveFocus();
  });

  it('sends the chosen plan’s id when the city has several, starting from the cohort policy’s plan', async () => {
    const api = stubGlobalApi(
      routes([openData, mobility], {
        [`POST ${itemPath}/send-to-plan`]: () =>
          json(
            200,
            item({ actionPlanId: mobility.id, milestoneId: '1f1f1f1f-1f1f-4f1f-8f1f-1f1f1f1f1f1f', sentAt: '2026-11-24T03:00:00.000Z' }),
          ),
      }),
    );
    renderSection(COHORT_ID);

    const choice = await screen.findByLabelText('Action plan for: Publish the bus data');
    await waitFor(() => expect(choice).toHaveValue(openData.id));
    await userEvent.selectOptions(choice, 'Mobility');
    await userEvent.click(screen.getByRole('button', { name: 'Send to action plan: Publish the bus data' }));

    await waitFor(() => expect(sendCall(api)?.body).toEqual({ actionPlanId: mobility.id }));
  });

  it('sends without asking when the city has one plan, then links to the milestone', async () => {
    const milestoneId = '1f1f1f1f-1f1f-4f1f-8f1f-1f1f1f1f1f1f';
    let sent = false;
    const api = stubGlobalApi(
      routes([openData], {
        [`GET /api/occurrences/${OCCURRENCE_ID}/action-items`]: () =>
          json(200, [sent ? item({ actionPlanId: openData.id, milestoneId, sentAt: '2026-11-24T03:00:00.000Z' }) : item()]),
        [`POST ${itemPath}/send-to-plan`]: () => {
          sent = true;
          return json(200, item({ actionPlanId: openData.id, milestoneId, sentAt: '2026-11-24T03:00:00.000Z' }));
        },
      }),
    );
    renderSection();

    const send = await screen.findByRole('button', { name: 'Send to action plan: Publish the bus data' });
    await waitFor(() => expect(send).toBeEnabled());
    expect(screen.queryByLabelText('Action plan for: Publish the bus data')).not.toBeInTheDocument();
    await userEvent.click(send);

    const link = await screen.findByRole('link', { name: 'Milestone in the action plan: Publish the bus data' });
    expect(sendCall(api)?.body).toEqual({});
    expect(link).toHaveAttribute('href', `/action-plans/${openData.id}#milestone-${milestoneId}`);
    expect(link).toHaveFocus();
    // The refetch after sending keeps the link (and the focus on it).
    await waitFor(() => expect(api.calls.filter((call) => call.method === 'GET' && call.path.endsWith('/action-items'))).toHaveLength(2));
    expect(screen.getByRole('link', { name: 'Milestone in the action plan: Publish the bus data' })).toHaveFocus();
  });
});
