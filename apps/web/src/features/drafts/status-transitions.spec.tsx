import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DRAFT_STATUSES, type DraftStatus } from '@minga/contracts';
import { json, problem, stubGlobalApi } from '../../testing/fake-api';
import { draft, expertOfJapan, officialOfTsukuba, session, user } from '../../testing/fixtures';
import { renderInApp } from '../../testing/render';
import { useSession } from '../../lib/session';
import { DraftStatusActions } from './draft-status-actions';
import { statusActions } from './status-transitions';

describe('statusActions', () => {
  it.each<[DraftStatus, DraftStatus[]]>([
    ['drafting', ['legal_review']],
    ['legal_review', ['drafting', 'public_consultation']],
    ['public_consultation', ['legal_review', 'adopted']],
    ['adopted', []],
  ])('offers someone who may update a %s draft: %j', (status, expected) => {
    expect(statusActions(status, true)).toEqual(expected);
  });

  it.each(DRAFT_STATUSES)('offers nothing for a %s draft to someone who may not update it', (status) => {
    expect(statusActions(status, false)).toEqual([]);
  });
});

/** Shows once the session is restored, so a test can tell "hidden" from "not decided yet". */
function SignedInAs() {
  const { user } = useSession();
  return user ? <p>Signed in as {user.name}</p> : null;
}

describe('DraftStatusActions', () => {
  const asOfficial = () => json(200, session(user({ roles: [officialOfTsukuba] })));

  it('shows an official of the city the next steps of a draft in legal review, as buttons', async () => {
    stubGlobalApi({ 'POST /api/auth/session/refresh': asOfficial });
    renderInApp(<DraftStatusActions draft={draft({ status: 'legal_review' })} />);

    const group = await screen.findByRole('group', { name: 'Change the status' });

    expect(
      within(group)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Return to drafting', 'Open public consultation']);
  });

  it('shows an expert, who may only comment, no status buttons', async () => {
    stubGlobalApi({ 'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [expertOfJapan] }))) });
    renderInApp(
      <>
        <SignedInAs />
        <DraftStatusActions draft={draft({ status: 'legal_review' })} />
      </>,
    );

    await screen.findByText('Signed in as Aiko Tanaka');

    expect(screen.queryByRole('group', { name: 'Change the status' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('says an adopted draft no longer changes status', async () => {
    stubGlobalApi({ 'POST /api/auth/session/refresh': asOfficial });
    renderInApp(<DraftStatusActions draft={draft({ status: 'adopted' })} />);

    expect(await screen.findByText('This draft is adopted; its status no longer changes.')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('sends the chosen status and announces the change', async () => {
    const api = stubGlobalApi({
      'POST /api/auth/session/refresh': asOfficial,
      'PATCH /api/drafts/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b': () => json(200, draft({ status: 'legal_review' })),
    });
    renderInApp(<DraftStatusActions draft={draft({ status: 'drafting' })} />);

    await userEvent.click(await screen.findByRole('button', { name: 'Send to legal review' }));

    expect(await screen.findByText('The status is now: Legal review.')).toBeInTheDocument();
    expect(api.calls.find((call) => call.method === 'PATCH')?.body).toEqual({ status: 'legal_review' });
  });

  it('explains a refused transition (409) in words', async () => {
    stubGlobalApi({
      'POST /api/auth/session/refresh': asOfficial,
      'PATCH /api/drafts/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b': () =>
        problem(409, 'draft_transition_invalid', {
          detail: 'A draft in adopted cannot move to legal_review; allowed next statuses: none',
          params: { from: 'adopted', to: 'legal_review', allowed: 'none' },
        }),
    });
    renderInApp(<DraftStatusActions draft={draft({ status: 'drafting' })} />);

    await userEvent.click(await screen.findByRole('button', { name: 'Send to legal review' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('someone may have moved this draft already');
  });
});
