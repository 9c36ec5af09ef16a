// An agenda as read: numbered items with their minutes, presenter and the draft (or section of it) they discuss.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgendaItem } from '@minga/contracts';
import { EmptyState } from '../../components/status-messages';
import { useFormatters } from '../../lib/formatters';
import './meetings.css';

export function AgendaView({ items }: { items: AgendaItem[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (items.length === 0) return <EmptyState>{t('meetings.agenda.none')}</EmptyState>;
  return (
    <ol className="agenda-list">
      {items.map((item) => (
        <li key={item.id}>
          <strong>{item.title}</strong>{' '}
          <span className="agenda-item-meta">
            {t('meetings.agenda.minutesValue', { minutes: format.number(item.durationMinutes) })}
            {item.presenter && <> · {t('meetings.agenda.presentedBy', { name: item.presenter.name })}</>}
            {item.draft && (
              <>
                {' · '}
                <Link to={`/drafts/${item.draft.id}`}>
                  {item.draftSection
                    ? t('meetings.agenda.draftSection', { draft: item.draft.title, section: item.draftSection })
                    : item.draft.title}
                </Link>
              </>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
