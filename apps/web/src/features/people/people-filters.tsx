// Narrows the people list by hub, role and a search text; selects apply at once, typing after a short pause.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, roleSchema } from '@minga/contracts';
import { SelectField, TextField } from '../../components/form-field';
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
      <SelectField
        label={t('people.hub')}
        value={value.hubId ?? ''}
        onChange={(event) => onChange({ ...value, hubId: event.target.value || undefined })}
      >
        <option value="">{t('people.allHubs')}</option>
        {hubs.map((hub) => (
          <option key={hub.id} value={hub.id}>
            {hub.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('people.role')}
        value={value.role ?? ''}
        onChange={(event) => {
          const role = roleSchema.safeParse(event.target.value);
          onChange({ ...value, role: role.success ? role.data : undefined });
        }}
      >
        <option value="">{t('people.allRoles')}</option>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </SelectField>
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
