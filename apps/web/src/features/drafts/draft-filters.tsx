// Narrows the drafts list by hub, model policy and status; each choice applies at once.
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DRAFT_STATUSES, draftStatusSchema } from '@minga/contracts';
import { SelectField } from '../../components/form-field';
import type { DraftFilters } from './api';

interface DraftFiltersFormProps {
  hubs: { id: string; name: string }[];
  modelPolicies: { id: string; name: string }[];
  value: DraftFilters;
  onChange: (filters: DraftFilters) => void;
}

export function DraftFiltersForm({ hubs, modelPolicies, value, onChange }: DraftFiltersFormProps) {
  const { t } = useTranslation();
  return (
    <form role="search" aria-label={t('drafts.filters')} className="filters" onSubmit={(event: FormEvent) => event.preventDefault()}>
      <SelectField
        label={t('drafts.hub')}
        value={value.hubId ?? ''}
        onChange={(event) => onChange({ ...value, hubId: event.target.value || undefined })}
      >
        <option value="">{t('drafts.allHubs')}</option>
        {hubs.map((hub) => (
          <option key={hub.id} value={hub.id}>
            {hub.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('drafts.modelPolicy')}
        value={value.modelPolicyId ?? ''}
        onChange={(event) => onChange({ ...value, modelPolicyId: event.target.value || undefined })}
      >
        <option value="">{t('drafts.allModelPolicies')}</option>
        {modelPolicies.map((policy) => (
          <option key={policy.id} value={policy.id}>
            {policy.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('drafts.statusLabel')}
        value={value.status ?? ''}
        onChange={(event) => {
          const status = draftStatusSchema.safeParse(event.target.value);
          onChange({ ...value, status: status.success ? status.data : undefined });
        }}
      >
        <option value="">{t('drafts.allStatuses')}</option>
        {DRAFT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`drafts.status.${status}`)}
          </option>
        ))}
      </SelectField>
    </form>
  );
}
