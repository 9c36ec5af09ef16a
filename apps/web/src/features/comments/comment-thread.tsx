// One thread: what it is about (the quoted words, or the suggested change), its comments with edit and delete for
// their authors, replies, resolve and reopen, and accept or reject for suggestions.
import { forwardRef, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comment, Thread } from '@minga/contracts';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormatters } from '../../lib/formatters';
import { useAddComment, useDecideSuggestion, useDeleteComment, useEditComment, useSetThreadStatus } from './api';
import { CommentComposer } from './comment-composer';
import { CommentMarkdown } from './comment-markdown';
import './comments.css';

export interface ThreadPermissions {
  reply: boolean;
  resolve: boolean;
  decide: boolean;
  /** Whether this person may edit and delete a comment (their own). */
  changeComment: (comment: Comment) => boolean;
}

interface CommentThreadProps {
  thread: Thread;
  permissions: ThreadPermissions;
  current: boolean;
  /** Id of the element the thread's highlight in the text points to. */
  id: string;
}

export const CommentThread = forwardRef<HTMLElement, CommentThreadProps>(function CommentThread({ thread, permissions, current, id }, ref) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const [replying, setReplying] = useState(false);
  const replyButton = useRef<HTMLButtonElement>(null);
  // The composer goes away on send or cancel: the keyboard returns to the Reply button.
  const closeReply = () => {
    setReplying(false);
    requestAnimationFrame(() => replyButton.current?.focus());
  };
  const setStatus = useSetThreadStatus();
  const addComment = useAddComment();
  const decide = useDecideSuggestion(thread.draftId);
  const headingId = `${id}-heading`;
  const open = thread.status === 'open';
  const suggestion = thread.suggestion;
  const decidable = Boolean(suggestion && suggestion.state === 'pending' && open && permissions.decide);
  const classes = ['comment-thread', current ? 'comment-thread--current' : '', open ? '' : 'comment-thread--resolved']
    .filter(Boolean)
    .join(' ');

  return (
    <article ref={ref} id={id} className={classes} aria-labelledby={headingId} tabIndex={-1}>
      <header className="comment-thread-header">
        <h3 id={headingId} className="comment-thread-title">
          {t(`comments.thread.title.${thread.kind}`, { name: thread.author.name })}
        </h3>
        <p className="comment-thread-tags">
          <span className={`comment-tag comment-tag--${thread.status}`}>{t(`comments.thread.status.${thread.status}`)}</span>
          {suggestion && (
            <span className={`comment-tag comment-tag--${suggestion.state}`}>{t(`comments.suggestion.state.${suggestion.state}`)}</span>
          )}
          {thread.detached && <span className="comment-tag comment-tag--detached">{t('comments.thread.detached')}</span>}
          {thread.heading && <span className="comment-thread-section">{t('comments.thread.section', { heading: thread.heading })}</span>}
        </p>
      </header>
      {suggestion ? (
        <p className="comment-change">
          <span className="visually-hidden">{t('comments.suggestion.replace')}</span>
          <del>{thread.quote}</del> <span aria-hidden="true">→</span>
          <span className="visually-hidden">{t('comments.suggestion.with')}</span> <ins>{suggestion.replacement}</ins>
        </p>
      ) : (
        thread.quote && (
          <blockquote className="comment-quote">
            <span className="visually-hidden">{t('comments.thread.quote')}</span>
            {thread.quote}
          </blockquote>
        )
      )}
      {suggestion?.decidedBy && suggestion.decidedAt && (
        <p className="comment-meta">
          {t(`comments.suggestion.decided.${suggestion.state === 'accepted' ? 'accepted' : 'rejected'}`, {
            name: suggestion.decidedBy.name,
            when: dateTime(suggestion.decidedAt),
          })}
        </p>
      )}
      <ol className="comment-list">
        {thread.comments.map((comment) => (
          <CommentItem key={comment.id} thread={thread} comment={comment} mayChange={permissions.changeComment(comment)} />
        ))}
      </ol>
      {!open && thread.resolvedBy && thread.resolvedAt && (
        <p className="comment-meta">
          {t('comments.thread.resolvedBy', { name: thread.resolvedBy.name, when: dateTime(thread.resolvedAt) })}
        </p>
      )}
      {replying ? (
        <CommentComposer
          draftId={thread.draftId}
          label={t('comments.thread.replyLabel')}
          submitLabel={t('comments.thread.sendReply')}
          autoFocus
          onSubmit={async (body) => {
            await addComment.mutateAsync({ threadId: thread.id, body });
            closeReply();
          }}
          onCancel={closeReply}
        />
      ) : (
        <div className="comment-thread-actions">
          {permissions.reply && open && (
            <button
              ref={replyButton}
              type="button"
              className="button button--secondary button--small"
              aria-describedby={headingId}
              onClick={() => setReplying(true)}
            >
              {t('comments.thread.reply')}
            </button>
          )}
          {decidable &&
            (['accept', 'reject'] as const).map((decision) => (
              <button
                key={decision}
                type="button"
                className={`button button--small ${decision === 'reject' ? 'button--danger' : ''}`}
                aria-describedby={headingId}
                disabled={decide.isPending}
                onClick={() => decide.mutate({ threadId: thread.id, decision })}
              >
                {t(`comments.suggestion.${decision}`)}
              </button>
            ))}
          {permissions.resolve && (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-describedby={headingId}
              disabled={setStatus.isPending}
              onClick={() => setStatus.mutate({ threadId: thread.id, status: open ? 'resolved' : 'open' })}
            >
              {open ? t('comments.thread.resolve') : t('comments.thread.reopen')}
            </button>
          )}
        </div>
      )}
      {setStatus.isError && <ProblemAlert error={setStatus.error} />}
      {decide.isError && <ProblemAlert error={decide.error} titles={{ text_changed: t('comments.suggestion.textChanged') }} />}
    </article>
  );
});

function CommentItem({ thread, comment, mayChange }: { thread: Thread; comment: Comment; mayChange: boolean }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const edit = useEditComment();
  const remove = useDeleteComment(thread);
  const own = mayChange && !comment.deleted;
  // The buttons go with the comment: the keyboard moves to the placeholder that stays.
  const placeholder = useRef<HTMLLIElement>(null);

  if (comment.deleted || comment.body === null) {
    return (
      <li className="comment comment--deleted" ref={placeholder} tabIndex={-1}>
        <p className="comment-meta">{t('comments.comment.deleted', { when: dateTime(comment.createdAt) })}</p>
      </li>
    );
  }
  return (
    <li className="comment">
      <p className="comment-meta" id={`comment-${comment.id}-meta`}>
        <span className="comment-author">{comment.author.name}</span>{' '}
        <time dateTime={comment.createdAt}>{dateTime(comment.createdAt)}</time>
        {comment.editedAt && <span className="comment-edited"> {t('comments.comment.edited')}</span>}
      </p>
      {editing ? (
        <CommentComposer
          draftId={thread.draftId}
          label={t('comments.comment.editLabel')}
          submitLabel={t('comments.comment.save')}
          initialBody={comment.body}
          autoFocus
          onSubmit={async (body) => {
            await edit.mutateAsync({ commentId: comment.id, body });
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <CommentMarkdown source={comment.body} />
      )}
      {own && !editing && (
        <div className="comment-actions">
          {confirmingDelete ? (
            <>
              <span id={`${comment.id}-confirm`}>{t('comments.comment.confirmDelete')}</span>
              <button
                type="button"
                className="button button--danger button--small"
                aria-describedby={`${comment.id}-confirm`}
                disabled={remove.isPending}
                autoFocus
                onClick={() => remove.mutate(comment.id, { onSuccess: () => requestAnimationFrame(() => placeholder.current?.focus()) })}
              >
                {t('comments.comment.yesDelete')}
              </button>
              <button type="button" className="button button--secondary button--small" onClick={() => setConfirmingDelete(false)}>
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="button button--secondary button--small"
                aria-describedby={`comment-${comment.id}-meta`}
                onClick={() => setEditing(true)}
              >
                {t('comments.comment.edit')}
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                aria-describedby={`comment-${comment.id}-meta`}
                onClick={() => setConfirmingDelete(true)}
              >
                {t('comments.comment.delete')}
              </button>
            </>
          )}
        </div>
      )}
      {remove.isError && <ProblemAlert error={remove.error} />}
    </li>
  );
}
