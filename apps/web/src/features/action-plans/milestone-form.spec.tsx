import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, problem, stubGlobalApi } from '../../testing/fake-api';
import { session, user } from '../../testing/fixtures';
import { actionPlan, milestone, officialOfMexicoCity, PLAN_ID } from '../../testing/plan-fixtures';
import { renderInApp } from '../../testing/render';
import { MilestoneForm } from './milestone-form';

const asOfficial = () => json(200, session(user({ roles: [officialOfMexicoCity] })));

describe('MilestoneForm', () => {
  it('shows the field errors of a 400 problem beside their fields, an evidence link error beside the links', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': asOfficial,
      'GET /api/users': () => json(200, { items: [], nextCursor: null }),
      [`POST /api/action-plans/${PLAN_ID}/milestones`]: () =>
        problem(400, 'validation_failed', {
          errors: [
            { path: 'evidenceLinks.0', message: 'Must be an https:// URL' },
            { path: 'dueDate', message: 'Invalid ISO date' },
          ],
        }),
    });
    renderInApp(<MilestoneForm plan={actionPlan()} onSaved={vi.fn()} onCancel={vi.fn()} />);

    await userEvent.type(await screen.findByLabelText('Milestone'), 'Share portal source code');
    await userEvent.type(screen.getByLabelText('Due date'), '2026-06-30');
    await userEvent.type(screen.getByLabelText('Evidence links'), 'https://github.com/cdmx/portal');
    await userEvent.click(screen.getByRole('button', { name: 'Add milestone' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Some values are not valid.');
    expect(screen.getByLabelText('Due date')).toHaveAccessibleDescription('Invalid ISO date');
    expect(screen.getByLabelText('Evidence links')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Evidence links')).toHaveAccessibleDescription(/Must be an https:\/\/ URL/);
  });

  it('checks links and required fields before calling the API, and sends tasks one per line', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': asOfficial,
      'GET /api/users': () => json(200, { items: [], nextCursor: null }),
      [`POST /api/action-plans/${PLAN_ID}/milestones`]: () => json(201, {}),
    });
    const onSaved = vi.fn();
    renderInApp(<MilestoneForm plan={actionPlan()} onSaved={onSaved} onCancel={vi.fn()} />);

    await userEvent.type(await screen.findByLabelText('Evidence links'), 'http://insecure.example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Add milestone' }));

    expect(screen.getByLabelText('Milestone')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Milestone')).toHaveFocus();
    expect(screen.getByLabelText('Evidence links')).toHaveAccessibleDescription(/Enter an https:\/\/ address/);
    expect(api.calls.some((call) => call.method === 'POST' && call.path.endsWith('/milestones'))).toBe(false);

    await userEvent.type(screen.getByLabelText('Milestone'), 'Share portal source code');
    await userEvent.type(screen.getByLabelText('Due date'), '2026-06-30');
    await userEvent.clear(screen.getByLabelText('Evidence links'));
    await userEvent.type(screen.getByLabelText('Tasks'), 'Choose a licence{enter}Publish the repository');
    await userEvent.click(screen.getByRole('button', { name: 'Add milestone' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.calls.find((call) => call.method === 'POST' && call.path.endsWith('/milestones'))?.body).toEqual({
      title: 'Share portal source code',
      dueDate: '2026-06-30',
      ownerId: null,
      status: 'planned',
      evidenceLinks: [],
      tasks: [
        { title: 'Choose a licence', done: false },
        { title: 'Publish the repository', done: false },
      ],
    });
  });

  describe('marking a milestone done while tasks are open', () => {
    const open = milestone({
      status: 'in_progress',
      tasks: [
        { id: '8c9d0e1f-2a3b-4c4d-9e5f-7a8b9c0d1e2f', milestoneId: milestone().id, title: 'Survey residents', done: true },
        { id: '9d0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3a', milestoneId: milestone().id, title: 'Publish changes', done: false },
        { id: 'ad0e1f2a-3b4c-4d5e-8f6a-8b9c0d1e2f3b', milestoneId: milestone().id, title: 'Announce changes', done: false },
      ],
    });
    const patches = (api: ReturnType<typeof stubGlobalApi>) => api.calls.filter((call) => call.method === 'PATCH');

    function editOpenMilestone() {
      const api = stubGlobalApi({
        'POST /api/auth/session/refresh': asOfficial,
        'GET /api/users': () => json(200, { items: [], nextCursor: null }),
        [`PATCH /api/milestones/${open.id}`]: () => json(200, { ...open, status: 'done' }),
      });
      const onSaved = vi.fn();
      renderInApp(<MilestoneForm plan={actionPlan()} milestone={open} onSaved={onSaved} onCancel={vi.fn()} />);
      return { api, onSaved };
    }

    it('asks first, naming how many tasks are open, and saves once confirmed', async () => {
      const { api, onSaved } = editOpenMilestone();

      await userEvent.selectOptions(await screen.findByLabelText('Status'), 'Done');
      await userEvent.click(screen.getByRole('button', { name: 'Save milestone' }));

      const question = screen.getByRole('group', { name: '2 tasks of this milestone are still open. Mark it done anyway?' });
      expect(question).toBeVisible();
      expect(screen.getByRole('button', { name: 'Keep it open' })).toHaveFocus();
      expect(patches(api)).toEqual([]);

      await userEvent.click(screen.getByRole('button', { name: 'Mark done' }));

      await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
      expect(patches(api)).toHaveLength(1);
      expect(patches(api)[0]?.body).toMatchObject({ status: 'done' });
    });

    it('saves nothing when the editor keeps it open, and takes them back to the status', async () => {
      const { api, onSaved } = editOpenMilestone();

      await userEvent.selectOptions(await screen.findByLabelText('Status'), 'Done');
      await userEvent.click(screen.getByRole('button', { name: 'Save milestone' }));
      await userEvent.click(screen.getByRole('button', { name: 'Keep it open' }));

      expect(screen.queryByRole('group', { name: /still open/ })).not.toBeInTheDocument();
      expect(screen.getByLabelText('Status')).toHaveFocus();
      expect(patches(api)).toEqual([]);
      expect(onSaved).not.toHaveBeenCalled();
    });

    it('does not ask when every task is done', async () => {
      const api = stubGlobalApi({
        'POST /api/auth/session/refresh': asOfficial,
        'GET /api/users': () => json(200, { items: [], nextCursor: null }),
        [`PATCH /api/milestones/${open.id}`]: () => json(200, open),
      });
      const allDone = { ...open, tasks: open.tasks.map((task) => ({ ...task, done: true })) };
      const onSaved = vi.fn();
      renderInApp(<MilestoneForm plan={actionPlan()} milestone={allDone} onSaved={onSaved} onCancel={vi.fn()} />);

      await userEvent.selectOptions(await screen.findByLabelText('Status'), 'Done');
      await userEvent.click(screen.getByRole('button', { name: 'Save milestone' }));

      await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
      expect(patches(api)).toHaveLength(1);
    });
  });
});
