// Starting a thread: on the selected words (their quote shown) or on the whole draft; a suggestion also asks for
// the new wording. Cancelling returns the keyboard to the text.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/core';
import { MAX_REPLACEMENT, type Thread } from '@minga/contracts';
import { TextField } from '../../components/form-field';
import { useCreateThread } from './api';
import { CommentComposer } from './comment-composer';
import type { DraftComments } from './use-draft-comments';
import './comments.css';

interface NewThreadFormProps {
  comments: DraftComments;
  editor: Editor;
  onCreated: (thread: Thread) => void;
}

export function NewThreadForm({ comments, editor, onCreated }: NewThreadFormProps) {
  const { t } = useTranslation();
  const create = useCreateThread(comments.draft.id);
  const thread = comments.newThread;
  const [replacement, setReplacement] = useState(thread?.quote ?? '');
  if (!thread) return null;
  const suggestion = thread.kind === 'suggestion';

  function cancel() {
    comments.closeNewThread();
    if (!editor.isDestroyed) editor.commands.focus();
  }

  return (
    <div className="new-thread">
      <h3 className="new-thread-heading">{t(`comments.new.heading.${thread.anchor ? thread.kind : 'wholeDraft'}`)}</h3>
      {thread.quote && (
        <blockquote className="comment-quote">
          <span className="visually-hidden">{t('comments.thread.quote')}</span>
          {thread.quote}
        </blockquote>
      )}
      <CommentComposer
        draftId={comments.draft.id}
        label={suggestion ? t('comments.new.reason') : t('comments.new.body')}
        submitLabel={suggestion ? t('comments.new.submitSuggestion') : t('comments.new.submit')}
        autoFocus={!suggestion}
        onSubmit={async (body) => {
          const created = await create.mutateAsync({
            kind: thread.kind,
            anchor: thread.anchor,
            quote: thread.anchor ? thread.quote : undefined,
            body,
            replacement: suggestion ? replacement : undefined,
          });
          comments.closeNewThread();
          onCreated(created);
        }}
        onCancel={cancel}
      >
        {suggestion && (
          <TextField
            label={t('comments.new.replacement')}
            hint={t('comments.new.replacementHint')}
            value={replacement}
            maxLength={MAX_REPLACEMENT}
            autoFocus
            onChange={(event) => setReplacement(event.target.value.replace(/[\r\n]+/g, ' '))}
          />
        )}
      </CommentComposer>
    </div>
  );
}
