import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, stubGlobalApi, type RecordedCall } from '../../testing/fake-api';
import { draft, draftVersion, expertOfJapan, officialOfTsukuba, session, user } from '../../testing/fixtures';
import { renderInApp } from '../../testing/render';
import { VersionsPanel } from './versions-panel';

const DRAFT = draft();
const VERSIONS = `/api/drafts/${DRAFT.id}/versions`;
const named = draftVersion();
const automatic = draftVersion({
  id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
  kind: 'auto',
  label: null,
  createdBy: null,
  createdAt: '2026-01-11T03:00:00.000Z',
});
const restorePoint = draftVersion({
  id: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  kind: 'restore',
  label: 'Before restoring Sent to legal review',
  createdAt: '2026-01-13T01:00:00.000Z',
});

function renderPanel(roles = [officialOfTsukuba]) {
  const api = stubGlobalApi({
    'POST /api/auth/session/refresh': () => json(200, session(user({ roles }))),
    [`GET ${VERSIONS}`]: () => json(200, [named, automatic]),
    [`GET ${VERSIONS}/${named.id}`]: () =>
      json(200, { version: named, html: '<h1>Open data policy</h1><p>Data is published under CC0.</p>', outline: [] }),
    [`POST ${VERSIONS}/${named.id}/restore`]: () => json(201, restorePoint),
    [`GET /api/drafts/${DRAFT.id}/comparison`]: (call) =>
      json(200, { from: call.search.get('from'), to: call.search.get('to'), sections: [] }),
  });
  renderInApp(<VersionsPanel draft={DRAFT} />);
  return api;
}

const restoreCalls = (calls: RecordedCall[]) => calls.filter((call) => call.path.endsWith('/restore'));

describe('Versions panel', () => {
  it('lists versions with their kind in words, who saved them and when, in the user’s time zone', async () => {
    renderPanel();

    const first = (await screen.findByRole('button', { name: 'Sent to legal review' })).closest('li');
    expect(first).toHaveTextContent('Named');
    expect(first).toHaveTextContent('Haruto Sato');
    // 09:30 UTC is 18:30 in Tokyo, the user's time zone.
    expect(first).toHaveTextContent('Jan 12, 2026, 6:30 PM');
    const second = screen.getByRole('button', { name: 'Jan 11, 2026, 12:00 PM' }).closest('li');
    expect(second).toHaveTextContent('Automatic');
  });

  it('opens a version read-only and takes the keyboard to its heading', async () => {
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: 'Sent to legal review' }));

    expect(screen.getByRole('heading', { name: 'Sent to legal review', level: 3 })).toHaveFocus();
    const text = await screen.findByRole('article', { name: 'Text of Sent to legal review' });
    expect(text).toHaveTextContent('Data is published under CC0.');
    expect(text).not.toHaveAttribute('contenteditable');
    expect(screen.getByRole('button', { name: 'Sent to legal review' })).toHaveAttribute('aria-current', 'true');

    await userEvent.click(screen.getByRole('button', { name: 'Close version' }));
    expect(screen.getByRole('button', { name: 'Sent to legal review' })).toHaveFocus();
  });

  it('asks before restoring, and restores only once confirmed', async () => {
    const api = renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: 'Sent to legal review' }));
    await userEvent.click(screen.getByRole('button', { name: 'Restore this version' }));

    const confirm = screen.getByRole('button', { name: 'Yes, restore' });
    expect(confirm).toHaveFocus();
    expect(confirm).toHaveAccessibleDescription('Restore this version? The current text is kept as a version.');
    expect(restoreCalls(api.calls)).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Restore this version' })).toHaveFocus();
    expect(restoreCalls(api.calls)).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Restore this version' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, restore' }));

    expect(
      await screen.findByText(
        'Restored “Sent to legal review”. The text before it is kept as the version “Before restoring Sent to legal review”.',
      ),
    ).toHaveAttribute('role', 'status');
    expect(restoreCalls(api.calls)).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Restore this version' })).toHaveFocus();
    // The list is asked again, to show the new restore point.
    expect(api.calls.filter((call) => call.method === 'GET' && call.path === VERSIONS).length).toBeGreaterThan(1);
  });

  it('hides Restore from someone who may read the draft but not edit its text', async () => {
    renderPanel([expertOfJapan]);

    await userEvent.click(await screen.findByRole('button', { name: 'Sent to legal review' }));

    expect(await screen.findByRole('article', { name: 'Text of Sent to legal review' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Restore this version' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Name this version' })).not.toBeInTheDocument();
  });

  it('compares an opened version with the current draft', async () => {
    const api = renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: 'Sent to legal review' }));
    await userEvent.click(screen.getByRole('button', { name: 'Show changes since this version' }));

    expect(await screen.findByRole('heading', { name: 'Changes from Sent to legal review to Current draft' })).toHaveFocus();
    expect(screen.getByLabelText('From')).toHaveValue(named.id);
    expect(screen.getByText('No differences: both have the same text.')).toBeInTheDocument();
    const call = api.calls.find((recorded) => recorded.path.endsWith('/comparison'));
    expect(Object.fromEntries(call?.search ?? [])).toEqual({ from: named.id, to: 'current' });
  });
});
