// Showing the thread asked for: by a highlight chosen in the text, or by a link to it (from a notification).
import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router';
import type { Thread } from '@minga/contracts';
import { threadMatches, type ThreadFilter } from './thread-filters';
import type { ThreadFocus } from './use-draft-comments';

interface ShownThreads {
  threads: Thread[];
  filter: ThreadFilter;
  me: string;
}

/**
 * A highlight chosen in the text shows its thread: in the list whatever the filter, and focused if asked. Only a
 * new request (`current` changes per request) moves the view; the list changing under it must not.
 */
export function useShowRequestedThread(
  current: ThreadFocus | null,
  shown: ShownThreads,
  setFilter: (filter: ThreadFilter) => void,
  threadRefs: RefObject<Map<string, HTMLElement>>,
) {
  const latest = useRef(shown);
  useEffect(() => {
    latest.current = shown;
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
  }, [current, setFilter, threadRefs]);
}

/** A link to a thread (from a notification) opens the draft on that thread, once its threads are here. */
export function useLinkedThread(threads: Thread[], showThread: (threadId: string, focus: boolean) => void) {
  const { hash } = useLocation();
  const linkedThread = hash.startsWith('#thread-') ? hash.slice('#thread-'.length) : null;
  const linkedFound = linkedThread !== null && threads.some((thread) => thread.id === linkedThread);
  useEffect(() => {
    if (linkedThread && linkedFound) showThread(linkedThread, true);
  }, [linkedThread, linkedFound, showThread]);
}
