// Lets coordinators of the hub, officials of the city and admins edit its facts; renders nothing for others.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { City } from '@minga/contracts';
import { useSession } from '../../lib/session';
import { CityEditForm } from './city-edit-form';

type EditorState = 'closed' | 'editing' | 'saved';

export function CityEditor({ city }: { city: City }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const [state, setState] = useState<EditorState>('closed');
  const formArea = useRef<HTMLDivElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  // Keyboard focus follows the form: into it when it opens, back to the button when it closes.
  useEffect(() => {
    if (state === 'editing') {
      opened.current = true;
      formArea.current?.querySelector<HTMLElement>('input, select')?.focus();
    } else if (opened.current) {
      openButton.current?.focus();
    }
  }, [state]);

  if (!ability.can('update', { kind: 'City', id: city.id, hubId: city.hubId })) return null;

  return (
    <div className="city-editor">
      <p role="status" className="status status--success">
        {state === 'saved' ? t('cities.edit.saved') : ''}
      </p>
      {state === 'editing' ? (
        <div ref={formArea}>
          <CityEditForm city={city} onSaved={() => setState('saved')} onCancel={() => setState('closed')} />
        </div>
      ) : (
        <button ref={openButton} type="button" className="button button--secondary" onClick={() => setState('editing')}>
          {t('cities.edit.open')}
        </button>
      )}
    </div>
  );
}
