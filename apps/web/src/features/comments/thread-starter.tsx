// Where a new thread starts: the composer once asked for (from the selection, the keyboard shortcut or this panel),
// otherwise a button for a comment on the whole draft, and how to comment on some words.
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/core';
import type { DocAccess } from '@minga/contracts';
import { NewThreadForm } from './new-thread-form';
import type { DraftComments } from './use-draft-comments';
import './comments.css';

interface ThreadStarterProps {
  comments: DraftComments;
  editor: Editor;
  access: DocAccess;
}

export function ThreadStarter({ comments, editor, access }: ThreadStarterProps) {
  const { t } = useTranslation();
  const { newThread } = comments;
  return (
    <>
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
    </>
  );
}
