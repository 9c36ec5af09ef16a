// Thread events of the draft arrive on its collaboration connection: each one replaces the thread in the cache, and
// what others did is put into words for the panel's live region.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COMMENT_EVENTS, threadEventSchema, type Draft, type ThreadEvent } from '@minga/contracts';
import { commentKeys, upsertThread } from './api';

/** The part of the collaboration connection this needs: its events, and when it (re)connects. */
export interface LiveSource {
  on(event: string, listener: (...args: unknown[]) => void): () => void;
  onReconnect(listener: () => void): () => void;
}

export function useLiveThreads(draft: Draft, live: LiveSource, userId: string | null): string {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const offThread = live.on(COMMENT_EVENTS.thread, (docName, payload) => {
      if (docName !== draft.docName) return;
      const parsed = threadEventSchema.safeParse(payload);
      if (!parsed.success) return;
      const event: ThreadEvent = parsed.data;
      upsertThread(queryClient, event.thread);
      if (event.type === 'suggestion_accepted') void queryClient.invalidateQueries({ queryKey: commentKeys.contributions(draft.id) });
      if (event.actor.id !== userId)
        setAnnouncement(t(`comments.live.${event.type}`, { name: event.actor.name, quote: event.thread.quote }));
    });
    // Events sent while disconnected are not replayed: read the threads again.
    const offReconnect = live.onReconnect(() => void queryClient.invalidateQueries({ queryKey: commentKeys.all(draft.id) }));
    return () => {
      offThread();
      offReconnect();
    };
  }, [draft.docName, draft.id, live, queryClient, t, userId]);

  return announcement;
}
