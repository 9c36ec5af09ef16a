// Above the text: comment on the selected words, or (for those who comment without editing) suggest new wording.
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import type { DocAccess, ThreadKind } from '@minga/contracts';
import { selectedRange } from './comment-highlights';
import type { DraftComments } from './use-draft-comments';
import './comments.css';

interface SelectionActionsProps {
  comments: DraftComments;
  editor: Editor;
  access: DocAccess;
}

export function SelectionActions({ comments, editor, access }: SelectionActionsProps) {
  const { t } = useTranslation();
  const hasSelection = useEditorState({ editor, selector: ({ editor: current }) => !current.state.selection.empty });
  if (access === 'view') return null;

  function start(kind: ThreadKind) {
    const range = selectedRange(editor.state, comments.handlers);
    if (range) comments.startThread({ kind, ...range });
  }

  const kinds: ThreadKind[] = access === 'comment' ? ['comment', 'suggestion'] : ['comment'];
  return (
    <div className="selection-actions" role="group" aria-label={t('comments.selection.label')}>
      {kinds.map((kind) => (
        <button
          key={kind}
          type="button"
          className="button button--secondary button--small"
          // aria-disabled keeps the button in the Tab order, where its hint explains what it needs.
          aria-disabled={!hasSelection}
          aria-describedby="selection-actions-hint"
          aria-keyshortcuts={kind === 'comment' ? 'Control+Alt+M' : undefined}
          // Keeps the editor's selection: a mouse press would otherwise move focus and collapse it.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => hasSelection && start(kind)}
        >
          {t(`comments.selection.${kind}`)}
        </button>
      ))}
      <span id="selection-actions-hint" className="selection-actions-hint">
        {hasSelection ? t('comments.selection.ready') : t('comments.selection.hint')}
      </span>
    </div>
  );
}
