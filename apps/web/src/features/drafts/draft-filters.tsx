// Narrows the drafts list by hub, model policy and status; each choice applies at once.
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DRAFT_STATUSES } from '@minga/contracts';
import { FilterSelect } from '../../components/filter-select';
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
      <FilterSelect
        label={t('drafts.hub')}
        allLabel={t('drafts.allHubs')}
        options={hubs.map((hub) => ({ value: hub.id, label: hub.name }))}
        value={value.hubId}
        onChange={(hubId) => onChange({ ...value, hubId })}
      />
      <FilterSelect
        label={t('drafts.modelPolicy')}
        allLabel={t('drafts.allModelPolicies')}
        options={modelPolicies.map((policy) => ({ value: policy.id, label: policy.name }))}
        value={value.modelPolicyId}
        onChange={(modelPolicyId) => onChange({ ...value, modelPolicyId })}
      />
      <FilterSelect
        label={t('drafts.statusLabel')}
        allLabel={t('drafts.allStatuses')}
        options={DRAFT_STATUSES.map((status) => ({ value: status, label: t(`drafts.status.${status}`) }))}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
      />
    </form>
  );
}
