// "New draft" for those who may start one for this city (its officials, admins); renders nothing for others.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { City, ModelPolicy } from '@minga/contracts';
import { useSession } from '../../lib/session';
import { NewDraftForm } from './new-draft-form';

interface DraftCreatorProps {
  city: Pick<City, 'id' | 'name' | 'locale' | 'hubId'>;
  modelPolicies: Pick<ModelPolicy, 'id' | 'name' | 'summary' | 'hasTemplate'>[];
}

export function DraftCreator({ city, modelPolicies }: DraftCreatorProps) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const [open, setOpen] = useState(false);
  const formArea = useRef<HTMLDivElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  // Keyboard focus follows the form: into it when it opens, back to the button when it closes.
  useEffect(() => {
    if (open) {
      opened.current = true;
      formArea.current?.querySelector<HTMLElement>('select, input')?.focus();
    } else if (opened.current) {
      openButton.current?.focus();
    }
  }, [open]);

  if (!ability.can('create', { kind: 'Draft', id: '', cityId: city.id, hubId: city.hubId })) return null;

  return (
    <div className="draft-creator">
      {open ? (
        <div ref={formArea}>
          <h3>{t('drafts.new.heading')}</h3>
          <NewDraftForm city={city} modelPolicies={modelPolicies} onCancel={() => setOpen(false)} />
        </div>
      ) : (
        <button ref={openButton} type="button" className="button" onClick={() => setOpen(true)}>
          {t('drafts.new.open')}
        </button>
      )}
    </div>
  );
}
