// The panel's link to the editor: the handlers the editor's comment extension calls, and the highlights of the open
// threads drawn in the text.
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/core';
import type { DocAccess, Thread } from '@minga/contracts';
import { decodeAnchor } from './anchor';
import { useDecideSuggestion } from './api';
import { setHighlights, type HighlightItem } from './comment-highlights';
import { descriptionId } from './thread-ids';
import type { DraftComments } from './use-draft-comments';

/**
 * The editor calls these; they are replaced after every render so they always see the current state (and before
 * the highlights are drawn, which use the labels: call this before useThreadHighlights).
 */
export function useEditorHandlers(comments: DraftComments, access: DocAccess) {
  const { t } = useTranslation();
  const decideSuggestion = useDecideSuggestion(comments.draft.id).mutate;
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
}

interface HighlightOptions {
  editor: Editor;
  /** Whether the text is on screen, so highlights can be drawn in it. */
  shown: boolean;
  openThreads: Thread[];
  currentThreadId: string | undefined;
  access: DocAccess;
}

/** Open threads anchored in the text are highlighted there; a pending suggestion shows its new wording. */
export function useThreadHighlights({ editor, shown, openThreads, currentThreadId, access }: HighlightOptions) {
  const { t } = useTranslation();
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
            active: currentThreadId === thread.id,
            suggestion: pendingSuggestion ? { replacement: pendingSuggestion.replacement, decidable: access === 'edit' } : null,
          },
        ];
      }),
    [openThreads, currentThreadId, access],
  );

  useEffect(() => {
    if (!shown || editor.isDestroyed) return;
    setHighlights(editor.view, highlightItems);
  }, [editor, shown, highlightItems, t]);
}
