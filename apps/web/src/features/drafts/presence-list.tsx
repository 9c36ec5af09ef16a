// Who has this draft open now, from the provider's awareness: each person once, with their caret colour and name.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import './drafts.css';

interface PresentUser {
  id: string;
  name: string;
  color: string;
  self: boolean;
}

interface AwarenessUser {
  id?: unknown;
  name?: unknown;
  color?: unknown;
}

/** One entry per person (they may have several tabs open), oneself first, then by name. */
export function presentUsers(states: Map<number, Record<string, unknown>>, selfClientId: number): PresentUser[] {
  const byId = new Map<string, PresentUser>();
  for (const [clientId, state] of states) {
    const user = state['user'] as AwarenessUser | undefined;
    if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') continue;
    const self = clientId === selfClientId;
    const known = byId.get(user.id);
    if (known && !self) continue;
    byId.set(user.id, {
      id: user.id,
      name: user.name,
      color: typeof user.color === 'string' ? user.color : 'currentColor',
      self: self || Boolean(known?.self),
    });
  }
  return [...byId.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

function usePresentUsers(awareness: Awareness): PresentUser[] {
  const [users, setUsers] = useState<PresentUser[]>(() => presentUsers(awareness.getStates(), awareness.clientID));
  useEffect(() => {
    const update = () => setUsers(presentUsers(awareness.getStates(), awareness.clientID));
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [awareness]);
  return users;
}

export function PresenceList({ awareness }: { awareness: Awareness }) {
  const { t } = useTranslation();
  const users = usePresentUsers(awareness);
  return (
    <section className="draft-panel" aria-labelledby="draft-presence">
      <h2 id="draft-presence" className="draft-panel-heading">
        {t('drafts.presence.heading')}
      </h2>
      {users.length === 0 ? (
        <p className="muted">{t('drafts.presence.nobody')}</p>
      ) : (
        <ul className="presence-list">
          {users.map((user) => (
            <li key={user.id} className="presence-item">
              <span className="presence-swatch" style={{ backgroundColor: user.color }} aria-hidden="true">
                {initialOf(user.name)}
              </span>
              <span>{user.self ? t('drafts.presence.you', { name: user.name }) : user.name}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function initialOf(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}
