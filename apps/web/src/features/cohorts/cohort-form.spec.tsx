import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, problem, stubGlobalApi } from '../../testing/fake-api';
import { japanHub, openDataPolicy, session, user } from '../../testing/fixtures';
import { cohort, coordinatorOfLatam, DELHI_ID, TOKYO_ID } from '../../testing/meeting-fixtures';
import { LATAM_HUB_ID, MEXICO_CITY_ID } from '../../testing/plan-fixtures';
import { renderInApp } from '../../testing/render';
import { CohortForm } from './cohort-form';

const city = (id: string, name: string, hubId: string | null) => ({
  id,
  hubId,
  name,
  country: 'JP',
  timeZone: 'Asia/Tokyo',
  locale: 'ja-JP',
  population: null,
  areaKm2: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
});

function cohortApi(extra: Parameters<typeof stubGlobalApi>[0] = {}) {
  return stubGlobalApi({
    'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [coordinatorOfLatam] }))),
    'GET /api/model-policies': () => json(200, [openDataPolicy]),
    'GET /api/hubs': () => json(200, [japanHub, { ...japanHub, id: LATAM_HUB_ID, key: 'latam', name: 'Latin America' }]),
    'GET /api/cities': () =>
      json(200, {
        items: [city(TOKYO_ID, 'Tsukuba', japanHub.id), city(MEXICO_CITY_ID, 'Mexico City', LATAM_HUB_ID), city(DELHI_ID, 'Delhi', null)],
        nextCursor: null,
      }),
    'GET /api/users': () =>
      json(200, { items: [user({ id: '12121212-1212-4121-8121-121212121212', name: 'Rosa Expert' })], nextCursor: null }),
    ...extra,
  });
}

describe('CohortForm', () => {
  it('offers cities of every hub, grouped by hub, and sends the chosen ones', async () => {
    const api = cohortApi({ [`POST /api/hubs/${LATAM_HUB_ID}/cohorts`]: () => json(201, cohort()) });
    const onSaved = vi.fn();
    renderInApp(<CohortForm hubId={LATAM_HUB_ID} onSaved={onSaved} onCancel={vi.fn()} />);

    await userEvent.type(await screen.findByLabelText('Name'), 'Open data 2027');
    await userEvent.selectOptions(screen.getByLabelText('Model policy'), openDataPolicy.id);
    await userEvent.type(screen.getByLabelText('Starts on'), '2027-01-01');
    await userEvent.type(screen.getByLabelText('Ends on'), '2027-12-31');
    const japan = await screen.findByRole('group', { name: 'Japan' });
    await userEvent.click(within(japan).getByLabelText('Tsukuba'));
    await userEvent.click(within(screen.getByRole('group', { name: 'Cities outside any hub' })).getByLabelText('Delhi'));
    await userEvent.click(screen.getByLabelText('Rosa Expert'));
    await userEvent.click(screen.getByRole('button', { name: 'Form the cohort' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.calls.find((call) => call.path.endsWith('/cohorts'))?.body).toEqual({
      name: 'Open data 2027',
      modelPolicyId: openDataPolicy.id,
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      cityIds: [TOKYO_ID, DELHI_ID],
      expertIds: ['12121212-1212-4121-8121-121212121212'],
    });
  });

  it('says in words that the period ends before it starts, and shows the API’s field errors from a 400', async () => {
    cohortApi({
      [`POST /api/hubs/${LATAM_HUB_ID}/cohorts`]: () =>
        problem(400, 'validation_failed', { errors: [{ path: 'cityIds.0', message: 'Unknown city' }] }),
    });
    renderInApp(<CohortForm hubId={LATAM_HUB_ID} onSaved={vi.fn()} onCancel={vi.fn()} />);

    await userEvent.type(await screen.findByLabelText('Name'), 'Open data 2027');
    await userEvent.type(screen.getByLabelText('Starts on'), '2027-12-31');
    await userEvent.type(screen.getByLabelText('Ends on'), '2027-01-01');
    await userEvent.click(screen.getByRole('button', { name: 'Form the cohort' }));
    expect(screen.getByLabelText('Ends on')).toHaveAccessibleDescription(/The end must not be before the start/);

    await userEvent.clear(screen.getByLabelText('Ends on'));
    await userEvent.type(screen.getByLabelText('Ends on'), '2028-06-30');
    await userEvent.click(await screen.findByLabelText('Tsukuba'));
    await userEvent.click(screen.getByRole('button', { name: 'Form the cohort' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Some values are not valid.');
    expect(screen.getByRole('group', { name: 'Member cities' })).toHaveAccessibleDescription('Unknown city');
  });

  it('finds a city among many by name, and still sends a ticked city that the filter hides', async () => {
    const many = Array.from({ length: 14 }, (_, index) =>
      city(`${String(index).padStart(8, '0')}-1111-4111-8111-111111111111`, `Town ${index}`, japanHub.id),
    );
    const api = cohortApi({
      'GET /api/cities': () => json(200, { items: [city(TOKYO_ID, 'Tsukuba', japanHub.id), ...many], nextCursor: null }),
      [`POST /api/hubs/${LATAM_HUB_ID}/cohorts`]: () => json(201, cohort()),
    });
    const onSaved = vi.fn();
    renderInApp(<CohortForm hubId={LATAM_HUB_ID} onSaved={onSaved} onCancel={vi.fn()} />);

    await userEvent.type(await screen.findByLabelText('Name'), 'Open data 2027');
    await userEvent.type(screen.getByLabelText('Starts on'), '2027-01-01');
    await userEvent.type(screen.getByLabelText('Ends on'), '2027-12-31');
    await userEvent.click(await screen.findByLabelText('Town 3'));
    await userEvent.type(screen.getByLabelText('Find a city'), 'tsu');
    expect(screen.getByLabelText('Town 3')).not.toBeVisible();
    expect(screen.getByLabelText('Tsukuba')).toBeVisible();
    await userEvent.click(screen.getByLabelText('Tsukuba'));
    await userEvent.click(screen.getByRole('button', { name: 'Form the cohort' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect((api.calls.find((call) => call.path.endsWith('/cohorts'))?.body as { cityIds: string[] }).cityIds).toEqual([
      TOKYO_ID,
      '00000003-1111-4111-8111-111111111111',
    ]);
  });
});
