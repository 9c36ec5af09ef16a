import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, problem, stubGlobalApi } from '../../testing/fake-api';
import { draft, draftVersion, expertOfJapan, officialOfTsukuba, session, user } from '../../testing/fixtures';
import { renderInApp } from '../../testing/render';
import { useSession } from '../../lib/session';
import { NameVersion } from './name-version-form';

const DRAFT = draft();
const VERSIONS = `/api/drafts/${DRAFT.id}/versions`;
const asOfficial = () => json(200, session(user({ roles: [officialOfTsukuba] })));

/** Shows once the session is restored, so a test can tell "hidden" from "not decided yet". */
function SignedInAs() {
  const { user: current } = useSession();
  return current ? <p>Signed in as {current.name}</p> : null;
}

describe('NameVersion', () => {
  it('shows the field error of a 400 problem on the version name and takes the keyboard there', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': asOfficial,
      [`POST ${VERSIONS}`]: () =>
        problem(400, 'validation_failed', { errors: [{ path: 'label', message: 'A version of this draft already has this name' }] }),
    });
    renderInApp(<NameVersion draft={DRAFT} />);

    await userEvent.click(await screen.findByRole('button', { name: 'Name this version' }));
    expect(screen.getByLabelText('Version name')).toHaveFocus();
    await userEvent.type(screen.getByLabelText('Version name'), 'Sent to legal review');
    await userEvent.click(screen.getByRole('button', { name: 'Save version' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Some values are not valid.');
    const field = screen.getByLabelText('Version name');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/A version of this draft already has this name/);
    expect(field).toHaveFocus();
  });

  it('asks for a name before calling the API', async () => {
    const api = stubGlobalApi({ 'POST /api/auth/session/refresh': asOfficial });
    renderInApp(<NameVersion draft={DRAFT} />);

    await userEvent.click(await screen.findByRole('button', { name: 'Name this version' }));
    await userEvent.type(screen.getByLabelText('Version name'), '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Save version' }));

    expect(screen.getByLabelText('Version name')).toHaveAccessibleDescription(/This field is required\./);
    expect(api.calls.some((call) => call.path === VERSIONS)).toBe(false);
  });

  it('saves the trimmed name, announces it and returns the keyboard to the button', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': asOfficial,
      [`POST ${VERSIONS}`]: () => json(201, draftVersion()),
    });
    renderInApp(<NameVersion draft={DRAFT} />);

    await userEvent.click(await screen.findByRole('button', { name: 'Name this version' }));
    await userEvent.type(screen.getByLabelText('Version name'), '  Sent to legal review ');
    await userEvent.click(screen.getByRole('button', { name: 'Save version' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Saved the version “Sent to legal review”.');
    expect(screen.getByRole('button', { name: 'Name this version' })).toHaveFocus();
    expect(api.calls.find((call) => call.method === 'POST' && call.path === VERSIONS)?.body).toEqual({ label: 'Sent to legal review' });
  });

  it('offers nothing to an expert, who may comment but not steer the draft', async () => {
    stubGlobalApi({ 'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [expertOfJapan] }))) });
    renderInApp(
      <>
        <SignedInAs />
        <NameVersion draft={DRAFT} />
      </>,
    );

    await screen.findByText('Signed in as Aiko Tanaka');

    expect(screen.queryByRole('button', { name: 'Name this version' })).not.toBeInTheDocument();
  });
});
