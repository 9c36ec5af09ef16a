// A person's calendar subscriptions on their profile: make a personal feed (every meeting they are invited to),
// see which feeds exist, and revoke one (a calendar app that used it gets nothing more).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarFeed, CreatedCalendarFeed } from '@minga/contracts';
import { ProblemAlert } from '../../components/problem-alert';
import { QueryState } from '../../components/query-state';
import { useFormatters } from '../../lib/formatters';
import { useCalendarFeeds, useCreateCalendarFeed, useRevokeCalendarFeed } from './api';
import { NewFeedUrl } from './new-feed-url';
import './calendars.css';

export function CalendarFeeds() {
  const { t } = useTranslation();
  const format = useFormatters();
  const feeds = useCalendarFeeds();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  const activeOf = (list: CalendarFeed[]) => list.filter((feed) => feed.revokedAt === null);

  return (
    <div className="calendar-feeds">
      <p className="lead">{t('calendars.intro')}</p>
      {created && <NewFeedUrl feed={created} />}
      <button
        type="button"
        className="button"
        disabled={create.isPending}
        onClick={() => create.mutate({ kind: 'user' }, { onSuccess: setCreated })}
      >
        {t('calendars.createPersonal')}
      </button>
      {create.isError && <ProblemAlert error={create.error} />}
      <h3 className="subsection-heading">{t('calendars.activeHeading')}</h3>
      <QueryState query={feeds} emptyText={t('calendars.none')} isEmpty={(list) => activeOf(list).length === 0}>
        {(list) => (
          <ul className="feed-list">
            {activeOf(list).map((feed) => {
              const name =
                feed.kind === 'user' ? t('calendars.personalFeed') : t('calendars.cohortFeed', { cohort: feed.cohort?.name ?? '' });
              return (
                <li key={feed.id} className="feed-item">
                  <span>
                    <strong>{name}</strong> · {t('calendars.createdAt', { date: format.dateTime(feed.createdAt) })}
                  </span>
                  <span className="feed-actions">
                    <button
                      type="button"
                      className="button button--danger button--small"
                      disabled={revoke.isPending}
                      onClick={() =>
                        revoke.mutate(feed.id, { onSuccess: () => setCreated((shown) => (shown?.id === feed.id ? null : shown)) })
                      }
                      aria-label={t('calendars.revokeNamed', { name, date: format.dateTime(feed.createdAt) })}
                    >
                      {t('calendars.revoke')}
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
      {revoke.isError && <ProblemAlert error={revoke.error} />}
    </div>
  );
}
