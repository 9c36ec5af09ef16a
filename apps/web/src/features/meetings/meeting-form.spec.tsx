import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, problem, stubGlobalApi } from '../../testing/fake-api';
import { session, user } from '../../testing/fixtures';
import { COHORT_ID, coordinatorOfLatam, meeting, MEETING_ID, occurrence } from '../../testing/meeting-fixtures';
import { renderInApp } from '../../testing/render';
import { MeetingForm } from './meeting-form';

const asLatamCoordinator = () => json(200, session(user({ roles: [coordinatorOfLatam], timeZone: 'America/Mexico_City' })));
const owner = { kind: 'cohort', cohortId: COHORT_ID } as const;

describe('MeetingForm', () => {
  it('starts in the organiser’s own time zone and sends a monthly series at that wall-clock time', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': asLatamCoordinator,
      [`POST /api/cohorts/${COHORT_ID}/meetings`]: () => json(201, meeting()),
    });
    const onSaved = vi.fn();
    renderInApp(
      <MeetingForm
        owner={owner}
        prefill={{ localStart: '2026-12-14T10:00', durationMinutes: 90, seriesLength: 6 }}
        presenters={[]}
        drafts={[]}
        onSaved={onSaved}
        onCancel={vi.fn()}
      />,
    );

    expect(await screen.findByLabelText('Organiser’s time zone')).toHaveValue('America/Mexico_City');
    expect(screen.getByLabelText('Repeats')).toHaveDisplayValue('Every month on the second Monday');
    expect(screen.getByLabelText('Number of meetings')).toHaveValue(6);
    await userEvent.type(screen.getByLabelText('Title'), 'Monthly cohort call');
    await userEvent.click(screen.getByRole('button', { name: 'Add an agenda item' }));
    expect(screen.getByLabelText('Title of item 1')).toHaveFocus();
    await userEvent.type(screen.getByLabelText('Title of item 1'), 'Round of cities');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule the meeting' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.calls.find((call) => call.method === 'POST' && call.path.endsWith('/meetings'))?.body).toMatchObject({
      title: 'Monthly cohort call',
      timeZone: 'America/Mexico_City',
      localStart: '2026-12-14T10:00',
      durationMinutes: 90,
      rrule: 'FREQ=MONTHLY;BYDAY=2MO;COUNT=6',
      agenda: [{ title: 'Round of cities', durationMinutes: 15, presenterId: null, draftId: null, draftSection: null }],
    });
  });

  it('links an agenda item to a section chosen among the linked draft’s headings', async () => {
    const draftId = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': asLatamCoordinator,
      [`GET /api/drafts/${draftId}/outline`]: () =>
        json(200, {
          outline: [
            { level: 1, text: 'Mexico City open data policy', index: 0 },
            { level: 2, text: 'Purpose', index: 1 },
            { level: 2, text: 'Data inventory', index: 4 },
          ],
        }),
      [`POST /api/cohorts/${COHORT_ID}/meetings`]: () => json(201, meeting()),
    });
    const onSaved = vi.fn();
    renderInApp(
      <MeetingForm
        owner={owner}
        prefill={{ localStart: '2026-12-14T10:00', durationMinutes: 60 }}
        presenters={[]}
        drafts={[{ id: draftId, name: 'Mexico City open data policy' }]}
        onSaved={onSaved}
        onCancel={vi.fn()}
      />,
    );

    await userEvent.type(await screen.findByLabelText('Title'), 'Data inventory review');
    await userEvent.click(screen.getByRole('button', { name: 'Add an agenda item' }));
    await userEvent.type(screen.getByLabelText('Title of item 1'), 'Inventory');
    await userEvent.selectOptions(screen.getByLabelText('Linked draft of item 1'), draftId);
    const section = await screen.findByRole('combobox', { name: 'Section of the draft of item 1' });
    // The draft's title is not offered as a section.
    expect([...(section as HTMLSelectElement).options].map((option) => option.text)).toEqual([
      'The whole draft',
      'Purpose',
      'Data inventory',
    ]);
    await userEvent.selectOptions(section, 'Data inventory');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule the meeting' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.calls.find((call) => call.method === 'POST' && call.path.endsWith('/meetings'))?.body).toMatchObject({
      agenda: [{ title: 'Inventory', draftId, draftSection: 'Data inventory' }],
    });
  });

  it('shows the field errors of a 400 beside their fields, an agenda item’s beside that item', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': asLatamCoordinator,
      [`POST /api/cohorts/${COHORT_ID}/meetings`]: () =>
        problem(400, 'validation_failed', {
          errors: [
            { path: 'onlineUrl', message: 'Must be an https:// URL' },
            { path: 'capacity', message: 'Too small: expected number to be >=1' },
            { path: 'agenda.0.presenterId', message: 'Not a member of the cohort' },
          ],
        }),
    });
    renderInApp(
      <MeetingForm
        owner={owner}
        prefill={{ localStart: '2026-12-14T10:00' }}
        presenters={[]}
        drafts={[]}
        onSaved={vi.fn()}
        onCancel={vi.fn()}
      />,
    );

    await userEvent.type(await screen.findByLabelText('Title'), 'Monthly cohort call');
    await userEvent.click(screen.getByRole('button', { name: 'Add an agenda item' }));
    await userEvent.type(screen.getByLabelText('Title of item 1'), 'Round of cities');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule the meeting' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Some values are not valid.');
    expect(screen.getByLabelText('Online meeting link')).toHaveAccessibleDescription(/Must be an https:\/\/ URL/);
    expect(screen.getByLabelText('Capacity (places)')).toHaveAccessibleDescription(/expected number to be >=1/);
    expect(screen.getByLabelText('Presenter of item 1')).toHaveAccessibleDescription('Not a member of the cohort');
    expect(screen.getByLabelText('Online meeting link')).toHaveFocus();
  });

  it('refuses a custom rule that never ends before calling the API', async () => {
    const api = stubGlobalApi({ 'POST /api/auth/session/refresh': asLatamCoordinator });
    renderInApp(
      <MeetingForm
        owner={owner}
        prefill={{ localStart: '2026-12-14T10:00' }}
        presenters={[]}
        drafts={[]}
        onSaved={vi.fn()}
        onCancel={vi.fn()}
      />,
    );

    await userEvent.type(await screen.findByLabelText('Title'), 'Weekly call');
    await userEvent.selectOptions(screen.getByLabelText('Repeats'), 'custom');
    await userEvent.type(screen.getByLabelText('Recurrence rule'), 'FREQ=WEEKLY');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule the meeting' }));

    expect(screen.getByLabelText('Recurrence rule')).toHaveAccessibleDescription(/must have FREQ and end by COUNT/);
    expect(api.calls.some((call) => call.method === 'POST' && call.path.endsWith('/meetings'))).toBe(false);
  });

  it('shows what the organiser’s start is in the viewer’s own zone while they type', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [coordinatorOfLatam], timeZone: 'Asia/Tokyo' }))),
    });
    renderInApp(
      <MeetingForm
        owner={owner}
        prefill={{ localStart: '2026-12-14T10:00', timeZone: 'America/Mexico_City' }}
        presenters={[]}
        drafts={[]}
        onSaved={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    expect(await screen.findByText(/That is Tue, Dec 15, 1:00\sAM your time \(\+1 day\)/)).toBeInTheDocument();
  });

  it('takes the rotation’s start times in turn: the second date of the series moves to its own time of day', async () => {
    const first = occurrence({ id: '0a0a0a0a-0a0a-4a0a-8a0a-0a0a0a0a0a0a' });
    const second = occurrence({
      id: '0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b',
      localStart: '2027-01-11T10:00',
      recurrenceId: '2027-01-11T10:00',
      startsAt: '2027-01-11T16:00:00.000Z',
      endsAt: '2027-01-11T17:00:00.000Z',
    });
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': asLatamCoordinator,
      [`POST /api/cohorts/${COHORT_ID}/meetings`]: () => json(201, meeting()),
      [`GET /api/meetings/${MEETING_ID}/occurrences`]: () => json(200, { items: [second, first], nextCursor: null }),
      [`PATCH /api/occurrences/${second.id}`]: () => json(200, second),
    });
    const onSaved = vi.fn();
    renderInApp(
      <MeetingForm
        owner={owner}
        prefill={{ localStart: '2026-12-14T10:00', durationMinutes: 60, seriesLength: 2, rotation: ['10:00', '21:00'] }}
        presenters={[]}
        drafts={[]}
        onSaved={onSaved}
        onCancel={vi.fn()}
      />,
    );

    await userEvent.type(await screen.findByLabelText('Title'), 'Monthly cohort call');
    expect(screen.getByLabelText(/Take the start times in turn.*10:00, 21:00/)).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Schedule the meeting' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    const moves = api.calls.filter((call) => call.method === 'PATCH');
    // 21:00 in Mexico City (UTC-6) on 11 January is 03:00 UTC the next day.
    expect(moves.map((call) => [call.path, call.body])).toEqual([
      [`/api/occurrences/${second.id}`, { startsAt: '2027-01-12T03:00:00.000Z', endsAt: '2027-01-12T04:00:00.000Z' }],
    ]);
  });

  it('invites the whole cohort unless someone is unticked, then sends only the others', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': asLatamCoordinator,
      [`POST /api/cohorts/${COHORT_ID}/meetings`]: () => json(201, meeting()),
    });
    const invitees = [
      { id: '1d1d1d1d-1d1d-4d1d-8d1d-1d1d1d1d1d1d', name: 'Delhi Official' },
      { id: '2e2e2e2e-2e2e-4e2e-8e2e-2e2e2e2e2e2e', name: 'Jakarta Official' },
    ];
    const onSaved = vi.fn();
    renderInApp(
      <MeetingForm
        owner={owner}
        prefill={{ localStart: '2026-12-14T10:00' }}
        presenters={[]}
        drafts={[]}
        invitees={invitees}
        onSaved={onSaved}
        onCancel={vi.fn()}
      />,
    );

    await userEvent.type(await screen.findByLabelText('Title'), 'Small group');
    expect(screen.getByRole('group', { name: 'Invitees' })).toHaveAccessibleDescription(/Everyone in the cohort is invited/);
    await userEvent.click(screen.getByLabelText('Jakarta Official'));
    await userEvent.click(screen.getByRole('button', { name: 'Schedule the meeting' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.calls.find((call) => call.method === 'POST' && call.path.endsWith('/meetings'))?.body).toMatchObject({
      inviteeIds: ['1d1d1d1d-1d1d-4d1d-8d1d-1d1d1d1d1d1d'],
    });
  });

  it('edits a series with its rule read back into the choices, and leaves its invitees alone', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': asLatamCoordinator,
      [`PATCH /api/meetings/${MEETING_ID}`]: () => json(200, meeting()),
    });
    const onSaved = vi.fn();
    renderInApp(
      <MeetingForm
        owner={owner}
        meeting={meeting({ canManage: true })}
        presenters={[]}
        drafts={[]}
        invitees={[{ id: '1d1d1d1d-1d1d-4d1d-8d1d-1d1d1d1d1d1d', name: 'Delhi Official' }]}
        onSaved={onSaved}
        onCancel={vi.fn()}
      />,
    );

    expect(await screen.findByLabelText('Repeats')).toHaveDisplayValue('Every month on the second Monday');
    expect(screen.getByLabelText('Number of meetings', { exact: true })).toHaveValue(6);
    expect(screen.queryByRole('group', { name: 'Invitees' })).not.toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('Start time'));
    await userEvent.type(screen.getByLabelText('Start time'), '11:00');
    await userEvent.click(screen.getByRole('button', { name: 'Save the meeting' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    const body = api.calls.find((call) => call.method === 'PATCH')?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      localStart: '2026-12-14T11:00',
      timeZone: 'America/Mexico_City',
      rrule: 'FREQ=MONTHLY;BYDAY=2MO;COUNT=6',
    });
    expect(body).not.toHaveProperty('inviteeIds');
  });
});
