// Beside the draft: its comment threads with filters, the composer for a new thread, and the live link to the
// editor (highlights of open threads, Accept and Reject on suggestions, threads arriving without reload).
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/core';
import type { DocAccess } from '@minga/contracts';
import { ErrorState, LoadingState } from '../../components/status-messages';
import { ThreadDescriptions, ThreadList } from './thread-list';
import { ThreadFilterSelect } from './thread-filter-select';
import { ThreadStarter } from './thread-starter';
import { useCommentsPanel } from './use-comments-panel';
import type { DraftComments } from './use-draft-comments';
import type { LiveSource } from './use-live-threads';
import './comments.css';

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

export function CommentsPanel({ comments, editor, access, live, shown }: CommentsPanelProps) {
  const { t } = useTranslation();
  const { query, filter, setFilter, visible, openThreads, announcement, threadRefs, permissionsOf } = useCommentsPanel({
    comments,
    editor,
    access,
    live,
    shown,
  });

  return (
    <section className="draft-panel comments-panel" aria-labelledby={COMMENTS_HEADING_ID}>
      <h2 id={COMMENTS_HEADING_ID} className="draft-panel-heading" tabIndex={-1}>
        {t('comments.heading')} <span className="comments-count">{t('comments.openCount', { count: openThreads.length })}</span>
      </h2>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <ThreadStarter comments={comments} editor={editor} access={access} />
      <ThreadFilterSelect filter={filter} onChange={setFilter} />
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && visible.length === 0 && <p className="comments-empty">{t(`comments.empty.${filter}`)}</p>}
      {visible.length > 0 && (
        <ThreadList threads={visible} permissionsOf={permissionsOf} currentThreadId={comments.current?.threadId} threadRefs={threadRefs} />
      )}
      <ThreadDescriptions openThreads={openThreads} />
    </section>
  );
}
