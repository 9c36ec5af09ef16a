// The threads the filter shows, each registered so a highlight in the text can bring it into view, and (hidden) what
// each open thread's highlight is about, for screen readers.
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thread } from '@minga/contracts';
import { CommentThread, type ThreadPermissions } from './comment-thread';
import { descriptionId, threadElementId } from './thread-ids';
import './comments.css';

interface ThreadListProps {
  threads: Thread[];
  permissionsOf: (thread: Thread) => ThreadPermissions;
  currentThreadId: string | undefined;
  threadRefs: RefObject<Map<string, HTMLElement>>;
}

export function ThreadList({ threads, permissionsOf, currentThreadId, threadRefs }: ThreadListProps) {
  const { t } = useTranslation();
  return (
    <ul className="comment-threads" aria-label={t('comments.listLabel', { count: threads.length })}>
      {threads.map((thread) => (
        <li key={thread.id}>
          <CommentThread
            ref={(element) => {
              if (element) threadRefs.current.set(thread.id, element);
              else threadRefs.current.delete(thread.id);
            }}
            id={threadElementId(thread.id)}
            thread={thread}
            permissions={permissionsOf(thread)}
            current={currentThreadId === thread.id}
          />
        </li>
      ))}
    </ul>
  );
}

/** What a highlight in the text is about, for screen readers: tied to it with aria-describedby. */
export function ThreadDescriptions({ openThreads }: { openThreads: Thread[] }) {
  const { t } = useTranslation();
  return (
    <div hidden>
      {openThreads.map((thread) => (
        <span key={thread.id} id={descriptionId(thread.id)}>
          {t(`comments.thread.title.${thread.kind}`, { name: thread.author.name })}:{' '}
          {thread.comments[0]?.body ? plainText(thread.comments[0].body) : ''}
        </span>
      ))}
    </div>
  );
}

/** A comment body read aloud: mentions as "@Name", Markdown marks left out. */
function plainText(body: string): string {
  return body
    .replace(/@\[([^\]\n]+)\]\([0-9a-f-]{36}\)/gi, '@$1')
    .replace(/[*_`>#]/g, '')
    .slice(0, 300);
}
