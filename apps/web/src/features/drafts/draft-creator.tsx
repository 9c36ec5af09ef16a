// "New draft" for those who may start one for this city (its officials, admins); renders nothing for others.
import { useTranslation } from 'react-i18next';
import type { City, ModelPolicy } from '@minga/contracts';
import { DisclosureForm } from '../../components/disclosure-form';
import { useSession } from '../../lib/session';
import { NewDraftForm } from './new-draft-form';

interface DraftCreatorProps {
  city: Pick<City, 'id' | 'name' | 'locale' | 'hubId'>;
  modelPolicies: Pick<ModelPolicy, 'id' | 'name' | 'summary' | 'hasTemplate'>[];
}

export function DraftCreator({ city, modelPolicies }: DraftCreatorProps) {
  const { t } = useTranslation();
  const { ability } = useSession();

  if (!ability.can('create', { kind: 'Draft', id: '', cityId: city.id, hubId: city.hubId })) return null;

  return (
    <DisclosureForm label={t('drafts.new.open')} className="draft-creator" focusSelector="select, input">
      {(close) => (
        <>
          <h3>{t('drafts.new.heading')}</h3>
          <NewDraftForm city={city} modelPolicies={modelPolicies} onCancel={close} />
        </>
      )}
    </DisclosureForm>
  );
}
