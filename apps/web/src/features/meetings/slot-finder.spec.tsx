import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, problem, stubGlobalApi } from '../../testing/fake-api';
import { session, user } from '../../testing/fixtures';
import { COHORT_ID, coordinatorOfLatam, slot, slotResult } from '../../testing/meeting-fixtures';
import { renderInApp } from '../../testing/render';
import { SlotFinder } from './slot-finder';

const asLatamCoordinator = () => json(200, session(user({ roles: [coordinatorOfLatam], timeZone: 'America/Mexico_City' })));

describe('SlotFinder', () => {
  it('lists the proposed times in the viewer’s zone and names who would be outside their working hours', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': asLatamCoordinator,
      [`GET /api/cohorts/${COHORT_ID}/slots`]: () => json(200, slotResult()),
    });
    const onChoose = vi.fn();
    renderInApp(<SlotFinder cohortId={COHORT_ID} onChoose={onChoose} />);

    await userEvent.clear(await screen.findByLabelText('From'));
    await userEvent.type(screen.getByLabelText('From'), '2026-12-14');
    await userEvent.clear(screen.getByLabelText('To'));
    await userEvent.type(screen.getByLabelText('To'), '2026-12-20');
    await userEvent.click(screen.getByRole('button', { name: 'Find times' }));

    const option = await screen.findByRole('listitem', { name: /^Option 1: Mon, Dec 14, 6:00\sPM–7:00\sPM your time/ });
    expect(option).toHaveTextContent(/Delhi 5:30\sAM \(\+1 day\)/);
    expect(option).toHaveTextContent(/Tokyo 9:00\sAM \(\+1 day\)/);
    expect(option).toHaveTextContent('1 outside their working hours, 3 within.');
    const outside = within(option).getByRole('list', { name: 'Outside their working hours' });
    expect(outside).toHaveTextContent(/Delhi Official \(Delhi, 5:30\sAM\): 60 minutes outside/);
    expect(api.calls.find((call) => call.path.endsWith('/slots'))?.search.toString()).toBe(
      'from=2026-12-14&to=2026-12-20&durationMinutes=60',
    );

    await userEvent.click(within(option).getByRole('button', { name: 'Schedule at this time' }));
    expect(onChoose).toHaveBeenCalledWith(slot(), null);
  });

  it('for a series shows the rotation and how many meetings fall outside hours in each region', async () => {
    const second = slot({ startsAt: '2026-12-16T14:00:00.000Z', endsAt: '2026-12-16T15:00:00.000Z', outside: [] });
    stubGlobalApi({
      'POST /api/auth/session/refresh': asLatamCoordinator,
      [`GET /api/cohorts/${COHORT_ID}/slots`]: () =>
        json(
          200,
          slotResult({
            rotation: [slot(), second],
            burdenByZone: [
              { timeZone: 'Asia/Kolkata', places: ['Delhi'], meetingsOutsideHours: 1 },
              { timeZone: 'America/Mexico_City', places: ['Mexico City'], meetingsOutsideHours: 0 },
            ],
          }),
        ),
    });
    const onChoose = vi.fn();
    renderInApp(<SlotFinder cohortId={COHORT_ID} onChoose={onChoose} />);

    await userEvent.type(await screen.findByLabelText('Number of meetings (for a series)'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Find times' }));

    const burden = await screen.findByRole('table', { name: 'Meetings outside working hours, by region' });
    expect(within(burden).getByRole('row', { name: /Delhi/ })).toHaveTextContent('1');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule a series of 2 from the first' }));
    expect(onChoose).toHaveBeenCalledWith(slot(), 2, [slot(), second]);
  });

  it('shows the API’s field errors beside the range', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': asLatamCoordinator,
      [`GET /api/cohorts/${COHORT_ID}/slots`]: () =>
        problem(400, 'validation_failed', { errors: [{ path: 'to', message: 'At most 31 days' }] }),
    });
    renderInApp(<SlotFinder cohortId={COHORT_ID} onChoose={vi.fn()} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Find times' }));
    expect(await screen.findByLabelText('To')).toHaveAccessibleDescription('At most 31 days');
  });
});
