import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, problem, stubGlobalApi } from '../../testing/fake-api';
import { draft, officialOfTsukuba, openDataPolicy, OPEN_DATA_POLICY_ID, session, TSUKUBA_CITY_ID, user } from '../../testing/fixtures';
import { renderRoutes } from '../../testing/render';
import { NewDraftForm } from './new-draft-form';

const tsukuba = { id: TSUKUBA_CITY_ID, name: 'Tsukuba', locale: 'ja-JP' };
const asOfficial = () => json(200, session(user({ roles: [officialOfTsukuba] })));

function renderForm() {
  return renderRoutes(
    [
      { path: '/cities/:cityId', element: <NewDraftForm city={tsukuba} modelPolicies={[openDataPolicy]} /> },
      { path: '/drafts/:draftId', element: <p>Editor page</p> },
    ],
    `/cities/${TSUKUBA_CITY_ID}`,
  );
}

describe('NewDraftForm', () => {
  it('shows the field errors of a 400 problem next to their fields and announces the problem', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': asOfficial,
      'POST /api/drafts': () =>
        problem(400, 'validation_failed', {
          detail: 'No such model policy',
          errors: [{ path: 'modelPolicyId', message: 'No such model policy' }],
        }),
    });
    renderForm();

    await userEvent.selectOptions(await screen.findByLabelText('Model policy'), 'Open data policy');
    await userEvent.type(screen.getByLabelText('Title'), 'Open data policy of Tsukuba');
    await userEvent.click(screen.getByRole('button', { name: 'Create draft' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Some values are not valid.');
    expect(alert).toHaveTextContent('Check the fields marked below.');
    const policy = screen.getByLabelText('Model policy');
    expect(policy).toHaveAttribute('aria-invalid', 'true');
    expect(policy).toHaveAccessibleDescription(/No such model policy/);
    expect(policy).toHaveFocus();
  });

  it('asks for a model policy and a title before calling the API', async () => {
    const api = stubGlobalApi({ 'POST /api/auth/session/refresh': asOfficial });
    renderForm();

    await userEvent.click(await screen.findByRole('button', { name: 'Create draft' }));

    expect(screen.getByLabelText('Model policy')).toHaveAccessibleDescription(/This field is required\./);
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription(/This field is required\./);
    expect(screen.getByLabelText('Model policy')).toHaveFocus();
    expect(api.calls.some((call) => call.path === '/api/drafts')).toBe(false);
  });

  it('creates the draft in the city language by default and opens it in the editor', async () => {
    const created = draft();
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': asOfficial,
      'POST /api/drafts': () => json(201, created),
    });
    const { router } = renderForm();

    expect(await screen.findByLabelText('Draft language')).toHaveValue('ja');
    await userEvent.selectOptions(screen.getByLabelText('Model policy'), 'Open data policy');
    expect(screen.getByLabelText('Model policy')).toHaveAccessibleDescription('How a city publishes its data for anyone to reuse.');
    await userEvent.type(screen.getByLabelText('Title'), '  Open data policy of Tsukuba ');
    await userEvent.click(screen.getByRole('button', { name: 'Create draft' }));

    expect(await screen.findByText('Editor page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/drafts/${created.id}`);
    expect(api.calls.find((call) => call.path === '/api/drafts')?.body).toEqual({
      cityId: TSUKUBA_CITY_ID,
      modelPolicyId: OPEN_DATA_POLICY_ID,
      title: 'Open data policy of Tsukuba',
      language: 'ja',
    });
  });
});
