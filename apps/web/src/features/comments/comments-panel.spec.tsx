import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { Editor } from '@tiptap/core';
import { editorExtensions } from '@minga/editor';
import type { Comment, Thread, ThreadEvent } from '@minga/contracts';
import { json, stubGlobalApi } from '../../testing/fake-api';
import { draft, expertOfJapan, session, user } from '../../testing/fixtures';
import { renderInApp } from '../../testing/render';
import { CommentsPanel } from './comments-panel';
import { useDraftComments } from './use-draft-comments';
import type { LiveSource } from './use-live-threads';

const DRAFT = draft();
const ME = user({ roles: [expertOfJapan] });
const OTHER = { id: '22222222-2222-4222-8222-222222222222', name: 'Haruto Sato' };

function comment(overrides: Partial<Comment> = {}): Comment {
  return {
    id: crypto.randomUUID(),
    threadId: crypto.randomUUID(),
    author: OTHER,
    body: 'A comment',
    mentions: [],
    createdAt: '2026-01-12T09:00:00.000Z',
    editedAt: null,
    deleted: false,
    ...overrides,
  };
}

function thread(overrides: Partial<Thread> & { body?: string; commentOverrides?: Partial<Comment> } = {}): Thread {
  const { body = 'A comment', commentOverrides, ...rest } = overrides;
  const id = rest.id ?? crypto.randomUUID();
  return {
    id,
    draftId: DRAFT.id,
    kind: 'comment',
    anchor: null,
    quote: '',
    detached: false,
    sectionId: null,
    heading: null,
    status: 'open',
    author: OTHER,
    createdAt: '2026-01-12T09:00:00.000Z',
    resolvedBy: null,
    resolvedAt: null,
    comments: [comment({ threadId: id, body, author: rest.author ?? OTHER, ...commentOverrides })],
    suggestion: null,
    ...rest,
  };
}

const byOther = thread({ quote: 'published under CC0', body: 'Which licence exactly?' });
const mine = thread({ author: { id: ME.id, name: ME.name }, quote: 'within 30 days', body: 'Thirty days is long.' });
const mentioningMe = thread({ body: `@[${ME.name}](${ME.id}) could you look?`, commentOverrides: { mentions: [ME.id] } });
const resolved = thread({
  status: 'resolved',
  quote: 'open formats',
  body: 'Settled.',
  resolvedBy: OTHER,
  resolvedAt: '2026-01-13T09:00:00.000Z',
});
const detached = thread({ detached: true, quote: 'a removed clause', body: 'This was about a removed clause.' });

function fakeLive() {
  const listeners = new Set<(...args: unknown[]) => void>();
  const live: LiveSource = {
    on: (_event, listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    onReconnect: () => () => undefined,
  };
  return { live, emit: (...args: unknown[]) => listeners.forEach((listener) => listener(...args)) };
}

function Panel({ editor, live }: { editor: Editor; live: LiveSource }) {
  const comments = useDraftComments(DRAFT);
  return <CommentsPanel comments={comments} editor={editor} access="comment" live={live} shown={false} />;
}

function renderPanel(threads: Thread[], path = '/') {
  stubGlobalApi({
    'POST /api/auth/session/refresh': () => json(200, session(ME)),
    [`DELETE /api/comments/${mine.comments[0]?.id}`]: () => new Response(null, { status: 204 }),
    [`POST /api/threads/${byOther.id}/comments`]: (call) =>
      json(201, {
        ...byOther,
        comments: [
          ...byOther.comments,
          comment({ threadId: byOther.id, author: { id: ME.id, name: ME.name }, body: (call.body as { body: string }).body }),
        ],
      }),
    [`GET /api/drafts/${DRAFT.id}/threads`]: () =>
      json(200, { items: threads, nextCursor: null, counts: { open: 0, detached: 0, bySection: [] } }),
  });
  const editor = new Editor({ extensions: editorExtensions() });
  const { live, emit } = fakeLive();
  renderInApp(<Panel editor={editor} live={live} />, path);
  return { emit, editor };
}

const titles = () => screen.getAllByRole('article').map((article) => within(article).getByRole('heading').textContent);
const bodies = () => screen.getAllByRole('article').map((article) => article.querySelector('.comment-body')?.textContent?.trim());

describe('Comments panel', () => {
  beforeEach(() => {
    // jsdom lays nothing out, so it has no scrolling.
    Element.prototype.scrollIntoView = vi.fn();
  });

  it('shows open threads first, and filters by resolved, mine and mentioning me', async () => {
    renderPanel([byOther, mine, mentioningMe, resolved, detached]);

    expect(await screen.findByRole('heading', { name: 'Comments 4 open', level: 2 })).toBeInTheDocument();
    expect(bodies()).toEqual([
      'Which licence exactly?',
      'Thirty days is long.',
      '@Aiko Tanaka could you look?',
      'This was about a removed clause.',
    ]);
    const detachedThread = screen.getAllByRole('article')[3];
    expect(detachedThread).toHaveTextContent('Detached: the quoted text was removed');
    expect(detachedThread).toHaveTextContent('a removed clause');

    const show = screen.getByRole('combobox', { name: 'Show' });
    await userEvent.selectOptions(show, 'Resolved');
    expect(bodies()).toEqual(['Settled.']);
    expect(screen.getByRole('article')).toHaveTextContent('Resolved by Haruto Sato');

    await userEvent.selectOptions(show, 'Started by me');
    expect(bodies()).toEqual(['Thirty days is long.']);
    expect(titles()).toEqual(['Comment by Aiko Tanaka']);

    await userEvent.selectOptions(show, 'Mentioning me');
    expect(bodies()).toEqual(['@Aiko Tanaka could you look?']);

    await userEvent.selectOptions(show, 'All threads');
    expect(screen.getAllByRole('article')).toHaveLength(5);
  });

  it('lets a commenter resolve only the threads they started, and edit only their own comments', async () => {
    renderPanel([byOther, mine]);
    const [others, own] = await screen.findAllByRole('article');
    assert(others && own, 'two threads are shown');

    expect(within(others).queryByRole('button', { name: 'Resolve' })).not.toBeInTheDocument();
    expect(within(others).queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(within(own).getByRole('button', { name: 'Resolve' })).toBeInTheDocument();
    expect(within(own).getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    expect(within(others).getByRole('button', { name: 'Reply' })).toBeInTheDocument();
  });

  it('adds a thread that arrives live and announces it, without reloading', async () => {
    const { emit } = renderPanel([byOther]);
    await screen.findByRole('heading', { name: 'Comments 1 open' });

    const arriving = thread({ quote: 'every dataset', body: 'Including personal data?' });
    const event: ThreadEvent = { type: 'thread_created', actor: OTHER, thread: arriving };
    act(() => emit(DRAFT.docName, event));

    expect(await screen.findByRole('heading', { name: 'Comments 2 open' })).toBeInTheDocument();
    expect(bodies()[0]).toBe('Including personal data?');
    expect(document.querySelector('[aria-live="polite"]')).toHaveTextContent('Haruto Sato commented on “every dataset”.');

    // Another draft's events are not this panel's.
    act(() => emit('draft:00000000-0000-4000-8000-000000000000', { ...event, thread: thread({ body: 'Elsewhere' }) }));
    expect(bodies()).not.toContain('Elsewhere');
  });

  it('opens on the thread a link points to (from a notification), whatever the filter', async () => {
    renderPanel([byOther, resolved], `/drafts/${DRAFT.id}#thread-${resolved.id}`);

    // Both threads are Haruto's; the linked one is the resolved one, shown although the list starts on open threads.
    await waitFor(() => expect(document.activeElement?.id).toBe(`thread-${resolved.id}`));
    const thread = document.activeElement as HTMLElement;
    expect(thread).toHaveRole('article');
    expect(thread).toHaveTextContent('Settled.');
    expect(screen.getByRole('combobox', { name: 'Show' })).toHaveDisplayValue('Resolved');
  });

  it('sends a reply by keyboard and returns the keyboard to the Reply button', async () => {
    renderPanel([byOther]);
    const reply = await screen.findByRole('button', { name: 'Reply' });
    expect(reply).toHaveAccessibleDescription('Comment by Haruto Sato');

    await userEvent.click(reply);
    const text = screen.getByRole('textbox', { name: 'Your reply' });
    expect(text).toHaveFocus();
    await userEvent.keyboard('CC0 for all of them.{Control>}{Enter}{/Control}');

    expect(await screen.findByText('CC0 for all of them.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Reply' })).toHaveFocus());
  });

  it('deletes one’s own comment after asking, leaving a placeholder that takes the keyboard', async () => {
    renderPanel([mine]);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('button', { name: 'Yes, delete' });
    expect(confirm).toHaveFocus();
    await userEvent.click(confirm);

    const placeholder = await screen.findByText(/This comment was deleted/);
    expect(screen.queryByText('Thirty days is long.')).not.toBeInTheDocument();
    await waitFor(() => expect(placeholder.closest('li')).toHaveFocus());
  });
});
