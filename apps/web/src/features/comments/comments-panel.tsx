// Beside the draft: its comment threads with filters, the composer for a new thread, and the live link to the
// editor (highlights of open threads, Accept and Reject on suggestions, threads arriving without reload).
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { Editor } from '@tiptap/core';
import { type DocAccess, type Thread } from '@minga/contracts';
import { FilterSelect } from '../../components/filter-select';
import { ErrorState, LoadingState } from '../../components/status-messages';
import { useSession } from '../../lib/session';
import { decodeAnchor } from './anchor';
import { useDecideSuggestion, useThreads } from './api';
import { setHighlights, type HighlightItem } from './comment-highlights';
import { CommentThread, type ThreadPermissions } from './comment-thread';
import { NewThreadForm } from './new-thread-form';
import { THREAD_FILTERS, threadMatches, type ThreadFilter } from './thread-filters';
import type { DraftComments } from './use-draft-comments';
import { useLiveThreads, type LiveSource } from './use-live-threads';

interface CommentsPanelProps {
  comments: DraftComments;
  editor: Editor;
  access: DocAccess;
  /** The draft's collaboration connection, which carries thread events. */
  live: LiveSource;
  /** Whether the text is on screen, so highlights can be drawn in it. */
  shown: boolean;
}

const COMMENTS_HEADING_ID = 'draft-comments';

function threadElementId(threadId: string): string {
  return `thread-${threadId}`;
}

function descriptionId(threadId: string): string {
  return `thread-${threadId}-description`;
}

export function CommentsPanel({ comments, editor, access, live, shown }: CommentsPanelProps) {
  const { t } = useTranslation();
  const { user, ability } = useSession();
  const { draft, newThread, current } = comments;
  const filterId = useId();
  const [filter, setFilter] = useState<ThreadFilter>('open');
  const query = useThreads(draft.id);
  const decide = useDecideSuggestion(draft.id);
  const announcement = useLiveThreads(draft, live, user?.id ?? null);
  const threadRefs = useRef(new Map<string, HTMLElement>());
  const me = user?.id ?? '';

  // The shared access policy decides, as the API does; replying and deciding follow the access to the document.
  const scope = { draftId: draft.id, cityId: draft.cityId, hubId: draft.hubId };
  const permissionsOf = (thread: Thread): ThreadPermissions => ({
    reply: access !== 'view',
    resolve: ability.can('resolve', { kind: 'Thread', id: thread.id, authorId: thread.author.id, ...scope }),
    decide: access === 'edit',
    changeComment: (comment) => ability.can('update', { kind: 'Comment', id: comment.id, authorId: comment.author.id, ...scope }),
  });

  const visible = useMemo(() => query.threads.filter((thread) => threadMatches(thread, filter, me)), [query.threads, filter, me]);
  const openThreads = useMemo(() => query.threads.filter((thread) => thread.status === 'open'), [query.threads]);

  // The editor calls these; they are replaced after every render so they always see the current state (and before
  // the highlights below are drawn, which use the labels).
  const decideSuggestion = decide.mutate;
  useEffect(() => {
    const { handlers } = comments;
    handlers.activate = comments.showThread;
    handlers.decide = (threadId, decision) => decideSuggestion({ threadId, decision });
    handlers.startThread = (kind, range) => comments.startThread({ kind, ...range });
    handlers.mayComment = access !== 'view';
    handlers.labels = {
      accept: t('comments.suggestion.accept'),
      reject: t('comments.suggestion.reject'),
      pending: t('comments.suggestion.pendingInline'),
      inserted: t('comments.suggestion.inserted'),
    };
  });

  const highlightItems = useMemo<HighlightItem[]>(
    () =>
      openThreads.flatMap((thread) => {
        const anchor = thread.anchor && !thread.detached ? decodeAnchor(thread.anchor) : null;
        if (!anchor) return [];
        const pendingSuggestion = thread.suggestion?.state === 'pending' ? thread.suggestion : null;
        return [
          {
            threadId: thread.id,
            anchor,
            describedBy: descriptionId(thread.id),
            active: current?.threadId === thread.id,
            suggestion: pendingSuggestion ? { replacement: pendingSuggestion.replacement, decidable: access === 'edit' } : null,
          },
        ];
      }),
    [openThreads, current?.threadId, access],
  );

  useEffect(() => {
    if (!shown || editor.isDestroyed) return;
    setHighlights(editor.view, highlightItems);
  }, [editor, shown, highlightItems, t]);

  // A highlight chosen in the text shows its thread: in the list whatever the filter, and focused if asked. Only a
  // new request (`current` changes per request) moves the view; the list changing under it must not.
  const latest = useRef({ threads: query.threads, filter, me });
  useEffect(() => {
    latest.current = { threads: query.threads, filter, me };
  });
  useEffect(() => {
    if (!current) return;
    const { threads, filter: shownFilter, me: userId } = latest.current;
    const thread = threads.find((item) => item.id === current.threadId);
    if (thread && !threadMatches(thread, shownFilter, userId)) setFilter(thread.status === 'open' ? 'open' : 'resolved');
    requestAnimationFrame(() => {
      const element = threadRefs.current.get(current.threadId);
      element?.scrollIntoView({ block: 'nearest' });
      if (current.focus) element?.focus();
    });
  }, [current]);

  // A link to a thread (from a notification) opens the draft on that thread, once its threads are here.
  const { hash } = useLocation();
  const linkedThread = hash.startsWith('#thread-') ? hash.slice('#thread-'.length) : null;
  const linkedFound = linkedThread !== null && query.threads.some((thread) => thread.id === linkedThread);
  const { showThread } = comments;
  useEffect(() => {
    if (linkedThread && linkedFound) showThread(linkedThread, true);
  }, [linkedThread, linkedFound, showThread]);

  const openCount = openThreads.length;
  return (
    <section className="draft-panel comments-panel" aria-labelledby={COMMENTS_HEADING_ID}>
      <h2 id={COMMENTS_HEADING_ID} className="draft-panel-heading" tabIndex={-1}>
        {t('comments.heading')} <span className="comments-count">{t('comments.openCount', { count: openCount })}</span>
      </h2>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {newThread ? (
        <NewThreadForm
          key={newThread.request}
          comments={comments}
          editor={editor}
          onCreated={(thread) => comments.showThread(thread.id, true)}
        />
      ) : (
        access !== 'view' && (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => comments.startThread({ kind: 'comment', anchor: null, quote: '' })}
          >
            {t('comments.wholeDraft')}
          </button>
        )
      )}
      {access !== 'view' && <p className="comments-hint">{t('comments.selectHint')}</p>}
      <div className="comments-filter" id={filterId}>
        <FilterSelect<Exclude<ThreadFilter, 'all'>>
          label={t('comments.filter.label')}
          allLabel={t('comments.filter.all')}
          options={THREAD_FILTERS.map((value) => ({ value, label: t(`comments.filter.${value}`) }))}
          value={filter === 'all' ? undefined : filter}
          onChange={(value) => setFilter(value ?? 'all')}
        />
      </div>
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && visible.length === 0 && <p className="comments-empty">{t(`comments.empty.${filter}`)}</p>}
      {visible.length > 0 && (
        <ul className="comment-threads" aria-label={t('comments.listLabel', { count: visible.length })}>
          {visible.map((thread) => (
            <li key={thread.id}>
              <CommentThread
                ref={(element) => {
                  if (element) threadRefs.current.set(thread.id, element);
                  else threadRefs.current.delete(thread.id);
                }}
                id={threadElementId(thread.id)}
                thread={thread}
                permissions={permissionsOf(thread)}
                current={current?.threadId === thread.id}
              />
            </li>
          ))}
        </ul>
      )}
      {/* What a highlight in the text is about, for screen readers: tied to it with aria-describedby. */}
      <div hidden>
        {openThreads.map((thread) => (
          <span key={thread.id} id={descriptionId(thread.id)}>
            {t(`comments.thread.title.${thread.kind}`, { name: thread.author.name })}:{' '}
            {thread.comments[0]?.body ? plainText(thread.comments[0].body) : ''}
          </span>
        ))}
      </div>
    </section>
  );
}

/** A comment body read aloud: mentions as "@Name", Markdown marks left out. */
function plainText(body: string): string {
  return body
    .replace(/@\[([^\]\n]+)\]\([0-9a-f-]{36}\)/gi, '@$1')
    .replace(/[*_`>#]/g, '')
    .slice(0, 300);
}
