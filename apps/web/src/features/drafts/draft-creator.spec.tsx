import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, stubGlobalApi } from '../../testing/fake-api';
import { expertOfJapan, JAPAN_HUB_ID, officialOfTsukuba, openDataPolicy, session, TSUKUBA_CITY_ID, user } from '../../testing/fixtures';
import { renderInApp } from '../../testing/render';
import { useSession } from '../../lib/session';
import { DraftCreator } from './draft-creator';

const tsukuba = { id: TSUKUBA_CITY_ID, name: 'Tsukuba', locale: 'ja-JP', hubId: JAPAN_HUB_ID };
const OTHER_CITY_ID = '8b3c4d5e-6f7a-4b9c-8d1e-2f3a4b5c6d7e';

function SignedInAs() {
  const { user: current } = useSession();
  return current ? <p>Signed in as {current.name}</p> : null;
}

function renderCreator(city = tsukuba) {
  renderInApp(
    <>
      <SignedInAs />
      <DraftCreator city={city} modelPolicies={[openDataPolicy]} />
    </>,
  );
}

describe('DraftCreator', () => {
  it('lets an official of the city open the new-draft form, with focus in its first field', async () => {
    stubGlobalApi({ 'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [officialOfTsukuba] }))) });
    renderCreator();

    await userEvent.click(await screen.findByRole('button', { name: 'New draft' }));

    expect(screen.getByRole('heading', { name: 'Start a policy draft' })).toBeInTheDocument();
    expect(screen.getByLabelText('Model policy')).toHaveFocus();
  });

  it('offers nothing to an official of another city', async () => {
    stubGlobalApi({ 'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [officialOfTsukuba] }))) });
    renderCreator({ ...tsukuba, id: OTHER_CITY_ID, name: 'Kashiwa' });

    await screen.findByText('Signed in as Aiko Tanaka');

    expect(screen.queryByRole('button', { name: 'New draft' })).not.toBeInTheDocument();
  });

  it('offers nothing to an expert, who comments on drafts but does not start them', async () => {
    stubGlobalApi({ 'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [expertOfJapan] }))) });
    renderCreator();

    await screen.findByText('Signed in as Aiko Tanaka');

    expect(screen.queryByRole('button', { name: 'New draft' })).not.toBeInTheDocument();
  });
});
