// Narrows the people list by hub, role and a search text; selects apply at once, typing after a short pause.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@minga/contracts';
import { FilterSelect } from '../../components/filter-select';
import { TextField } from '../../components/form-field';
import type { PeopleFilters } from './api';

const SEARCH_DELAY_MS = 300;

interface PeopleFiltersFormProps {
  hubs: { id: string; name: string }[];
  value: PeopleFilters;
  onChange: (filters: PeopleFilters) => void;
}

export function PeopleFiltersForm({ hubs, value, onChange }: PeopleFiltersFormProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value.q ?? '');

  useEffect(() => {
    if (search === (value.q ?? '')) return;
    const timer = setTimeout(() => onChange({ ...value, q: search || undefined }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, value, onChange]);

  function preventReload(event: FormEvent) {
    event.preventDefault();
    onChange({ ...value, q: search || undefined });
  }

  return (
    <form role="search" aria-label={t('people.filters')} className="filters" onSubmit={preventReload}>
      <FilterSelect
        label={t('people.hub')}
        allLabel={t('people.allHubs')}
        options={hubs.map((hub) => ({ value: hub.id, label: hub.name }))}
        value={value.hubId}
        onChange={(hubId) => onChange({ ...value, hubId })}
      />
      <FilterSelect
        label={t('people.role')}
        allLabel={t('people.allRoles')}
        options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        value={value.role}
        onChange={(role) => onChange({ ...value, role })}
      />
      <TextField
        label={t('people.search')}
        hint={t('people.searchHint')}
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
    </form>
  );
}
