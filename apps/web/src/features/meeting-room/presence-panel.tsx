// Who is in the room now, by city and role, each person named with their role in words.
import { useTranslation } from 'react-i18next';
import type { PresenceEntry } from '@minga/contracts';
import { groupPresence } from './room-model';
import './meeting-room.css';

export function PresencePanel({ people, selfId }: { people: readonly PresenceEntry[]; selfId: string | null }) {
  const { t, i18n } = useTranslation();
  const groups = groupPresence(people, i18n.language);
  const count = groups.reduce((sum, group) => sum + group.people.length, 0);
  return (
    <section className="room-panel" aria-labelledby="room-presence">
      <h2 id="room-presence" className="room-panel-heading">
        {t('meetingRoom.presence.heading')} <span className="room-count">{t('meetingRoom.presence.count', { count })}</span>
      </h2>
      {count === 0 ? (
        <p className="muted">{t('meetingRoom.presence.nobody')}</p>
      ) : (
        groups.map((group) => {
          const headingId = `room-city-${group.city?.id ?? 'none'}`;
          return (
            <section key={group.city?.id ?? 'none'} className="room-city" aria-labelledby={headingId}>
              <h3 id={headingId} className="room-city-heading">
                {group.city?.name ?? t('meetingRoom.presence.noCity')}
              </h3>
              <ul className="room-people">
                {group.people.map((person) => (
                  <li key={person.user.id} className="room-person" data-testid="room-person">
                    <span>{person.user.id === selfId ? t('meetingRoom.presence.you', { name: person.user.name }) : person.user.name}</span>
                    <span className="room-roles">
                      {person.memberRole && <span className="room-role">{t(`roles.${person.memberRole}`)}</span>}
                      {person.role === 'host' && <span className="room-role room-role--host">{t('meetingRoom.presence.host')}</span>}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })
      )}
    </section>
  );
}
