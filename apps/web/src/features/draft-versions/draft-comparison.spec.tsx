import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DraftComparison } from '@minga/contracts';
import { json, stubGlobalApi } from '../../testing/fake-api';
import { draft, draftVersion, expertOfJapan, session, user } from '../../testing/fixtures';
import { renderInApp } from '../../testing/render';
import { VersionsPanel } from './versions-panel';

const DRAFT = draft();
const BASE = `/api/drafts/${DRAFT.id}`;

const comparison: DraftComparison = {
  from: 'model',
  to: 'current',
  sections: [
    { heading: 'Purpose', change: 'unchanged', parts: [{ op: 'equal', text: 'Why the city publishes data.' }] },
    { heading: 'Scope', change: 'unchanged', parts: [{ op: 'equal', text: 'All departments.' }] },
    {
      heading: 'Licensing',
      change: 'changed',
      parts: [
        { op: 'equal', text: 'Data is published under ' },
        { op: 'delete', text: 'CC BY 4.0' },
        { op: 'insert', text: 'CC0' },
        { op: 'equal', text: '.' },
      ],
    },
    { heading: 'Privacy', change: 'added', parts: [{ op: 'insert', text: 'Personal data is never published.' }] },
    { heading: 'Fees', change: 'removed', parts: [{ op: 'delete', text: 'Bulk downloads cost a fee.' }] },
  ],
};

function renderPanel() {
  const api = stubGlobalApi({
    'POST /api/auth/session/refresh': () => json(200, session(user({ roles: [expertOfJapan] }))),
    [`GET ${BASE}/versions`]: () => json(200, [draftVersion()]),
    [`GET ${BASE}/comparison`]: () => json(200, comparison),
  });
  renderInApp(<VersionsPanel draft={DRAFT} />);
  return api;
}

describe('Draft comparison', () => {
  it('compares the model policy with the current draft by default and takes focus to the result', async () => {
    const api = renderPanel();

    expect(await screen.findByLabelText('From')).toHaveValue('model');
    expect(screen.getByLabelText('To')).toHaveValue('current');
    await userEvent.click(screen.getByRole('button', { name: 'Compare' }));

    const heading = await screen.findByRole('heading', { name: 'Changes from Model policy to Current draft' });
    expect(heading).toHaveFocus();
    const call = api.calls.find((recorded) => recorded.path === `${BASE}/comparison`);
    expect(Object.fromEntries(call?.search ?? [])).toEqual({ from: 'model', to: 'current' });
  });

  it('offers each saved version, by its label, on both sides', async () => {
    renderPanel();

    const from = await screen.findByLabelText('From');
    await within(from).findByRole('option', { name: 'Sent to legal review' });

    expect(
      within(from)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Model policy', 'Sent to legal review', 'Current draft']);
    expect(
      within(screen.getByLabelText('To'))
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Sent to legal review', 'Current draft']);
  });

  it('marks inserted and removed words for screen readers and names each change in words', async () => {
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: 'Compare' }));

    const licensing = await screen.findByRole('region', { name: 'Licensing Changed' });
    const inserted = licensing.querySelector('ins');
    const deleted = licensing.querySelector('del');
    expect(inserted).toHaveTextContent('added: CC0');
    expect(within(inserted as HTMLElement).getByText('added:')).toHaveClass('visually-hidden');
    expect(deleted).toHaveTextContent('removed: CC BY 4.0');
    expect(within(deleted as HTMLElement).getByText('removed:')).toHaveClass('visually-hidden');
    expect(licensing).toHaveTextContent('Data is published under removed: CC BY 4.0added: CC0.');
    expect(screen.getByRole('region', { name: 'Privacy Added' }).querySelector('ins')).toHaveTextContent(
      'added: Personal data is never published.',
    );
    expect(screen.getByRole('region', { name: 'Fees Removed' }).querySelector('del')).toHaveTextContent(
      'removed: Bulk downloads cost a fee.',
    );
    expect(screen.getByText('3 sections differ.')).toBeInTheDocument();
  });

  it('folds unchanged sections behind one disclosure that opens on demand', async () => {
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: 'Compare' }));

    const summary = await screen.findByText('2 unchanged sections: Purpose, Scope');
    const disclosure = summary.closest('details') as HTMLDetailsElement;
    expect(disclosure.open).toBe(false);
    expect(screen.getByText('Why the city publishes data.')).not.toBeVisible();

    await userEvent.click(summary);

    expect(disclosure.open).toBe(true);
    expect(screen.getByText('Why the city publishes data.')).toBeVisible();
    expect(screen.getByRole('region', { name: 'Purpose Unchanged' })).toHaveTextContent('Why the city publishes data.');
  });

  it('returns the keyboard to the Compare button when the comparison closes', async () => {
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: 'Compare' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Close comparison' }));

    expect(screen.queryByRole('heading', { name: /Changes from/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Compare' })).toHaveFocus();
  });
});
