// The comments panel's state: the draft's threads and the filter over them, who may do what on each thread, the
// threads arriving live, and the links to the editor and to the thread asked for.
import { useMemo, useRef, useState } from 'react';
import type { Editor } from '@tiptap/core';
import type { DocAccess, Draft, Thread } from '@minga/contracts';
import { useSession } from '../../lib/session';
import { useThreads } from './api';
import type { ThreadPermissions } from './comment-thread';
import { threadMatches, type ThreadFilter } from './thread-filters';
import type { DraftComments } from './use-draft-comments';
import { useEditorHandlers, useThreadHighlights } from './use-editor-link';
import { useLiveThreads, type LiveSource } from './use-live-threads';
import { useLinkedThread, useShowRequestedThread } from './use-thread-focus';

interface CommentsPanelOptions {
  comments: DraftComments;
  editor: Editor;
  access: DocAccess;
  live: LiveSource;
  shown: boolean;
}

export function useCommentsPanel({ comments, editor, access, live, shown }: CommentsPanelOptions) {
  const { user } = useSession();
  const { draft, current } = comments;
  const me = user?.id ?? '';
  const [filter, setFilter] = useState<ThreadFilter>('open');
  const query = useThreads(draft.id);
  const announcement = useLiveThreads(draft, live, user?.id ?? null);
  const threadRefs = useRef(new Map<string, HTMLElement>());
  const permissionsOf = useThreadPermissions(draft, access);

  const visible = useMemo(() => query.threads.filter((thread) => threadMatches(thread, filter, me)), [query.threads, filter, me]);
  const openThreads = useMemo(() => query.threads.filter((thread) => thread.status === 'open'), [query.threads]);

  useEditorHandlers(comments, access);
  useThreadHighlights({ editor, shown, openThreads, currentThreadId: current?.threadId, access });
  useShowRequestedThread(current, { threads: query.threads, filter, me }, setFilter, threadRefs);
  useLinkedThread(query.threads, comments.showThread);

  return { query, filter, setFilter, visible, openThreads, announcement, threadRefs, permissionsOf };
}

/** The shared access policy decides, as the API does; replying and deciding follow the access to the document. */
function useThreadPermissions(draft: Draft, access: DocAccess) {
  const { ability } = useSession();
  const scope = { draftId: draft.id, cityId: draft.cityId, hubId: draft.hubId };
  return (thread: Thread): ThreadPermissions => ({
    reply: access !== 'view',
    resolve: ability.can('resolve', { kind: 'Thread', id: thread.id, authorId: thread.author.id, ...scope }),
    decide: access === 'edit',
    changeComment: (comment) => ability.can('update', { kind: 'Comment', id: comment.id, authorId: comment.author.id, ...scope }),
  });
}
