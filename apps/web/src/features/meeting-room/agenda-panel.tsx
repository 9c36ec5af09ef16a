// The meeting's agenda with the item being discussed marked in words, not only by its tint; the host moves it on.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RoomAgendaItem } from '@minga/contracts';
import './meeting-room.css';

interface AgendaPanelProps {
  items: readonly RoomAgendaItem[];
  currentItemId: string | null;
  isHost: boolean;
  onMakeCurrent(itemId: string): void;
  /** Whether the host's last request is on its way (its button waits). */
  busy?: boolean;
}

export function AgendaPanel({ items, currentItemId, isHost, onMakeCurrent, busy = false }: AgendaPanelProps) {
  const { t } = useTranslation();
  return (
    <section className="room-panel" aria-labelledby="room-agenda">
      <h2 id="room-agenda" className="room-panel-heading">
        {t('meetingRoom.agenda.heading')}
      </h2>
      {items.length === 0 ? (
        <p className="muted">{t('meetingRoom.agenda.empty')}</p>
      ) : (
        <ol className="room-agenda">
          {items.map((item) => {
            const current = item.id === currentItemId;
            return (
              <li
                key={item.id}
                className={current ? 'room-agenda-item room-agenda-item--current' : 'room-agenda-item'}
                aria-current={current ? 'step' : undefined}
              >
                <div className="room-agenda-text">
                  {current && <span className="room-now-tag">{t('meetingRoom.agenda.now')}</span>}
                  <span className="room-agenda-title">{item.title}</span>
                  <span className="room-agenda-meta">{agendaMeta(item, t).join(' · ')}</span>
                </div>
                {isHost && !current && (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={busy}
                    onClick={() => onMakeCurrent(item.id)}
                    aria-label={t('meetingRoom.agenda.makeCurrentNamed', { title: item.title })}
                  >
                    {t('meetingRoom.agenda.makeCurrent')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function agendaMeta(item: RoomAgendaItem, t: TFunction): string[] {
  return [
    item.durationMinutes !== null ? t('meetingRoom.agenda.minutes', { count: item.durationMinutes }) : '',
    item.presenter ? t('meetingRoom.agenda.presenter', { name: item.presenter.name }) : '',
    item.draftId
      ? item.draftSection
        ? t('meetingRoom.agenda.linksSection', { section: item.draftSection })
        : t('meetingRoom.agenda.linksDraft')
      : '',
  ].filter(Boolean);
}
