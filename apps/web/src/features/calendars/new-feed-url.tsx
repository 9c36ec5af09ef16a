// A feed's secret address, shown once right after it was made: copy it, or open it in a calendar app.
import { useTranslation } from 'react-i18next';
import type { CreatedCalendarFeed } from '@minga/contracts';
import { CopyButton } from '../../components/copy-button';
import './calendars.css';

export function NewFeedUrl({ feed }: { feed: CreatedCalendarFeed }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--success feed-new" role="status">
      <p className="notice-title">{t('calendars.created')}</p>
      <p>{t('calendars.secretHint')}</p>
      <p className="feed-url">{feed.url}</p>
      <div className="feed-actions">
        <CopyButton text={feed.url} label={t('calendars.copy')} />
        <a className="button button--secondary" href={feed.webcalUrl}>
          {t('calendars.openInApp')}
        </a>
      </div>
    </div>
  );
}
