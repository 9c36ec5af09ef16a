import { screen, within } from '@testing-library/react';
import type { InviteeList as Invitees } from '@minga/contracts';
import { json, stubGlobalApi } from '../../testing/fake-api';
import { session, user } from '../../testing/fixtures';
import { COORDINATOR_ID, coordinatorOfLatam, MEETING_ID, OCCURRENCE_ID, OFFICIAL_ID } from '../../testing/meeting-fixtures';
import { MEXICO_CITY_ID } from '../../testing/plan-fixtures';
import { renderInApp } from '../../testing/render';
import { InviteeList } from './invitee-list';

const EXPERT_ID = 'f5d6e7f8-9a0b-4c1d-8e2f-4b5c6d7e8f9a';

const invitees: Invitees = {
  occurrenceId: OCCURRENCE_ID,
  invitees: [
    {
      person: { id: COORDINATOR_ID, name: 'Ana Coordinator' },
      role: 'coordinator',
      city: null,
      response: 'yes',
      waitlistPosition: null,
    },
    {
      person: { id: OFFICIAL_ID, name: 'Luis Official' },
      role: 'official',
      city: { id: MEXICO_CITY_ID, name: 'Mexico City' },
      response: null,
      waitlistPosition: null,
    },
    {
      person: { id: EXPERT_ID, name: 'Mia Expert' },
      role: 'expert',
      city: null,
      response: 'yes',
      waitlistPosition: 2,
    },
  ],
};

describe('InviteeList', () => {
  it('tables each invitee with their city, role and answer to this date in words', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [coordinatorOfLatam] }))),
      [`GET /api/meetings/${MEETING_ID}/invitees`]: () => json(200, invitees),
    });
    renderInApp(<InviteeList meetingId={MEETING_ID} occurrenceId={OCCURRENCE_ID} />);

    const table = await screen.findByRole('table', {
      name: 'Who is invited, and their answer to this date',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Person', 'City', 'Role', 'Answer']);
    const official = within(table).getByRole('row', { name: /Luis Official/ });
    expect(within(official).getByRole('rowheader')).toHaveTextContent('Luis Official');
    expect(official).toHaveTextContent('Mexico City');
    expect(official).toHaveTextContent('City official');
    expect(official).toHaveTextContent('Not answered yet');
    expect(within(table).getByRole('row', { name: /Ana Coordinator/ })).toHaveTextContent(/CoordinatorYes$/);
    expect(within(table).getByRole('row', { name: /Mia Expert/ })).toHaveTextContent('Waiting list, number 2');
    expect(api.calls.find((call) => call.path.endsWith('/invitees'))?.search.get('occurrenceId')).toBe(OCCURRENCE_ID);
  });

  it('says so when nobody is invited', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [coordinatorOfLatam] }))),
      [`GET /api/meetings/${MEETING_ID}/invitees`]: () => json(200, { occurrenceId: OCCURRENCE_ID, invitees: [] }),
    });
    renderInApp(<InviteeList meetingId={MEETING_ID} occurrenceId={OCCURRENCE_ID} />);
    expect(await screen.findByText('Nobody is invited.')).toBeInTheDocument();
  });
});
