// What the comments of one draft share between the editor's bar, the highlights in the text and the panel: the
// range being commented on, the thread in focus, and the handlers the editor extension calls.
import { useCallback, useMemo, useState } from 'react';
import type { Anchor, Draft, ThreadKind } from '@minga/contracts';
import { CommentHighlights, type HighlightHandlers } from './comment-highlights';

export interface NewThread {
  kind: ThreadKind;
  /** null: a comment on the draft as a whole. */
  anchor: Anchor | null;
  quote: string;
  /** Counts each request, so asking again refocuses the composer. */
  request: number;
}

export interface ThreadFocus {
  threadId: string;
  /** Whether the keyboard moves to the thread (or it is only shown as the current one). */
  focus: boolean;
  request: number;
}

export interface DraftComments {
  draft: Draft;
  extensions: ReturnType<typeof CommentHighlights.configure>[];
  handlers: HighlightHandlers;
  newThread: NewThread | null;
  startThread(thread: Omit<NewThread, 'request'>): void;
  closeNewThread(): void;
  current: ThreadFocus | null;
  showThread(threadId: string, focus: boolean): void;
}

export function useDraftComments(draft: Draft): DraftComments {
  const [newThread, setNewThread] = useState<NewThread | null>(null);
  const [current, setCurrent] = useState<ThreadFocus | null>(null);
  // One handlers object for the editor's lifetime; the panel fills in what it does.
  const [handlers] = useState<HighlightHandlers>(() => ({
    activate: () => undefined,
    decide: () => undefined,
    startThread: () => undefined,
    labels: { accept: '', reject: '', pending: '', inserted: '' },
  }));
  const [extensions] = useState(() => [CommentHighlights.configure({ handlers: () => handlers })]);

  const startThread = useCallback((thread: Omit<NewThread, 'request'>) => {
    setNewThread((previous) => ({ ...thread, request: (previous?.request ?? 0) + 1 }));
  }, []);
  const closeNewThread = useCallback(() => setNewThread(null), []);
  const showThread = useCallback((threadId: string, focus: boolean) => {
    setCurrent((previous) => ({ threadId, focus, request: (previous?.request ?? 0) + 1 }));
  }, []);

  return useMemo(
    () => ({ draft, extensions, handlers, newThread, startThread, closeNewThread, current, showThread }),
    [draft, extensions, handlers, newThread, startThread, closeNewThread, current, showThread],
  );
}
