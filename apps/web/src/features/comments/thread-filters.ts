// Which threads the panel shows: open or resolved ones, those one started, or those that mention one.
import type { Thread } from '@minga/contracts';

export const THREAD_FILTERS = ['open', 'resolved', 'mine', 'mentioningMe'] as const;
export type ThreadFilter = (typeof THREAD_FILTERS)[number] | 'all';

export function threadMatches(thread: Thread, filter: ThreadFilter, userId: string): boolean {
  switch (filter) {
    case 'open':
    case 'resolved':
      return thread.status === filter;
    case 'mine':
      return thread.author.id === userId;
    case 'mentioningMe':
      return thread.comments.some((comment) => !comment.deleted && comment.mentions.includes(userId));
    case 'all':
      return true;
  }
}

/** Open threads per section id (null: before the first heading or on the whole draft). */
export function openCountsBySection(threads: Thread[]): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const thread of threads) {
    if (thread.status !== 'open') continue;
    counts.set(thread.sectionId, (counts.get(thread.sectionId) ?? 0) + 1);
  }
  return counts;
}
