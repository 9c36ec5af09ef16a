// The notification centre in the header: a button that says how many are unread, opening a list of the latest
// notifications (mentions, replies, suggestions and their outcomes) with links to their threads; marking read one
// by one or all at once; new ones arrive live and are announced.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Notification } from '@minga/contracts';
import { QueryState } from '../../components/query-state';
import { useFormatters } from '../../lib/formatters';
import { useLiveNotifications, useMarkRead, useNotifications } from './api';
import './notifications.css';

export function NotificationCentre() {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const query = useNotifications();
  const markRead = useMarkRead();
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const message = (notification: Notification) =>
    t(`notifications.kind.${notification.kind}`, {
      name: notification.actor.name,
      draft: notification.draft?.title,
      meeting: notification.meeting?.title,
    });
  useLiveNotifications(setAnnouncement, ({ notification }) => t('notifications.arrived', { message: message(notification) }));

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }

  // A press outside closes the list, as any popover does; so does Escape, wherever the keyboard is.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      const focus = document.activeElement;
      if (!focus || focus === document.body || root.current?.contains(focus)) button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const { unreadCount } = query;
  const panelId = `${id}-panel`;
  const headingId = `${id}-heading`;
  return (
    <div ref={root} className="notification-centre">
      <button
        ref={button}
        type="button"
        className="button button--quiet notification-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {t('notifications.button')}
        {unreadCount > 0 && ' '}
        {unreadCount > 0 && <span className="notification-count">{t('notifications.unread', { count: unreadCount })}</span>}
      </button>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <div id={panelId} className="notification-popover" role="region" aria-labelledby={headingId} hidden={!open}>
        <div className="notification-popover-header">
          <h2 id={headingId} ref={heading} className="notification-heading" tabIndex={-1}>
            {t('notifications.heading')}
          </h2>
          {unreadCount > 0 && (
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={markRead.isPending}
              onClick={() =>
                // The button goes away once all are read: the keyboard stays in the list, on its heading.
                markRead.mutate({ all: true }, { onSuccess: () => heading.current?.focus() })
              }
            >
              {t('notifications.markAllRead')}
            </button>
          )}
        </div>
        <QueryState query={query}>
          {() =>
            query.notifications.length === 0 ? (
              <p className="muted">{t('notifications.empty')}</p>
            ) : (
              <ul className="notification-list">
                {query.notifications.map((notification) => (
                  <NotificationItem
                    key={notification.id}
                    notification={notification}
                    message={message(notification)}
                    onOpen={() => {
                      if (!notification.readAt) markRead.mutate({ ids: [notification.id] });
                      close(false);
                    }}
                    onMarkRead={() => markRead.mutate({ ids: [notification.id] })}
                  />
                ))}
              </ul>
            )
          }
        </QueryState>
        {query.hasNextPage && (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? t('common.loadingMore') : t('common.loadMore')}
          </button>
        )}
      </div>
    </div>
  );
}

interface NotificationItemProps {
  notification: Notification;
  message: string;
  onOpen: () => void;
  onMarkRead: () => void;
}

function NotificationItem({ notification, message, onOpen, onMarkRead }: NotificationItemProps) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const unread = notification.readAt === null;
  return (
    <li className={unread ? 'notification notification--unread' : 'notification'}>
      {unread && <span className="notification-unread-tag">{t('notifications.unreadTag')}</span>}
      <Link to={linkOf(notification)} onClick={onOpen} className="notification-link">
        {message}
      </Link>
      {notification.thread?.quote && <p className="notification-quote">{t('notifications.quote', { quote: notification.thread.quote })}</p>}
      <p className="notification-meta">
        <time dateTime={notification.createdAt}>{dateTime(notification.createdAt)}</time>
        {unread && (
          <button type="button" className="notification-mark" onClick={onMarkRead} aria-label={t('notifications.markReadOf', { message })}>
            {t('notifications.markRead')}
          </button>
        )}
      </p>
    </li>
  );
}

/** A thread's place in its draft, or a meeting's room (reminders) or minutes. */
function linkOf(notification: Notification): string {
  if (notification.meeting) {
    const { occurrenceId } = notification.meeting;
    if (notification.kind === 'minutes_published') return `/occurrences/${occurrenceId}/minutes`;
    if (notification.kind === 'meeting_reminder') return `/occurrences/${occurrenceId}/room`;
    // Invitations, changes and cancellations open the occurrence's page (times, agenda, RSVP).
    return `/occurrences/${occurrenceId}`;
  }
  return `/drafts/${notification.draft?.id}#thread-${notification.thread?.id}`;
}
