// Narrows the hub dashboard by model policy, adoption stage and city status; each choice applies at once.
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ADOPTION_STAGES, CITY_STATUSES } from '@minga/contracts';
import { FilterSelect } from '../../components/filter-select';
import type { DashboardFilters } from './api';

interface DashboardFiltersFormProps {
  modelPolicies: { id: string; name: string }[];
  value: DashboardFilters;
  onChange: (filters: DashboardFilters) => void;
}

export function DashboardFiltersForm({ modelPolicies, value, onChange }: DashboardFiltersFormProps) {
  const { t } = useTranslation();
  return (
    <form role="search" aria-label={t('dashboards.filters')} className="filters" onSubmit={(event: FormEvent) => event.preventDefault()}>
      <FilterSelect
        label={t('plans.modelPolicy')}
        allLabel={t('dashboards.allModelPolicies')}
        options={modelPolicies.map((policy) => ({
          value: policy.id,
          label: policy.name,
        }))}
        value={value.modelPolicyId}
        onChange={(modelPolicyId) => onChange({ ...value, modelPolicyId })}
      />
      <FilterSelect
        label={t('plans.stageLabel')}
        allLabel={t('dashboards.allStages')}
        options={ADOPTION_STAGES.map((stage) => ({
          value: stage,
          label: t(`plans.stage.${stage}`),
        }))}
        value={value.stage}
        onChange={(stage) => onChange({ ...value, stage })}
      />
      <FilterSelect
        label={t('dashboards.cityStatusLabel')}
        allLabel={t('dashboards.allCityStatuses')}
        options={CITY_STATUSES.map((status) => ({
          value: status,
          label: t(`dashboards.cityStatus.${status}`),
        }))}
        value={value.cityStatus}
        onChange={(cityStatus) => onChange({ ...value, cityStatus })}
      />
    </form>
  );
}
