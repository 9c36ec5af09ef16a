// Raised hands in the order they were raised: anyone raises or lowers their own; the host calls the next one or
// lowers anyone's.
import { useTranslation } from 'react-i18next';
import type { HandEntry } from '@minga/contracts';
import './meeting-room.css';

interface HandsPanelProps {
  hands: readonly HandEntry[];
  selfId: string | null;
  isHost: boolean;
  onRaise(): void;
  onLower(userId: string): void;
  onCallNext(): void;
}

export function HandsPanel({ hands, selfId, isHost, onRaise, onLower, onCallNext }: HandsPanelProps) {
  const { t } = useTranslation();
  const mine = hands.findIndex((hand) => hand.user.id === selfId);
  return (
    <section className="room-panel" aria-labelledby="room-hands">
      <h2 id="room-hands" className="room-panel-heading">
        {t('meetingRoom.hands.heading')} <span className="room-count">{t('meetingRoom.hands.count', { count: hands.length })}</span>
      </h2>
      <div className="room-actions">
        {mine >= 0 ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => selfId && onLower(selfId)}
            aria-keyshortcuts="Alt+Shift+H"
          >
            {t('meetingRoom.hands.lowerMine')}
          </button>
        ) : (
          <button type="button" className="button" onClick={onRaise} aria-keyshortcuts="Alt+Shift+H">
            {t('meetingRoom.hands.raise')}
          </button>
        )}
        {isHost && hands.length > 0 && (
          <button type="button" className="button button--secondary" onClick={onCallNext}>
            {t('meetingRoom.hands.callNext')}
          </button>
        )}
      </div>
      {mine >= 0 && <p className="room-hint">{t('meetingRoom.hands.yourPlace', { place: mine + 1 })}</p>}
      {hands.length === 0 ? (
        <p className="muted">{t('meetingRoom.hands.empty')}</p>
      ) : (
        <ol className="room-hands" aria-label={t('meetingRoom.hands.queue')}>
          {hands.map((hand, index) => (
            <li key={hand.user.id} className="room-hand" data-testid="room-hand">
              <span>
                <span className="room-hand-place" aria-hidden="true">
                  {index + 1}.
                </span>{' '}
                {hand.user.id === selfId ? t('meetingRoom.presence.you', { name: hand.user.name }) : hand.user.name}
              </span>
              {isHost && hand.user.id !== selfId && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => onLower(hand.user.id)}
                  aria-label={t('meetingRoom.hands.lowerNamed', { name: hand.user.name })}
                >
                  {t('meetingRoom.hands.lower')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <p className="room-hint">{t('meetingRoom.hands.shortcut')}</p>
    </section>
  );
}
