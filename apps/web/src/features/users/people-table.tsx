import { useTranslation } from 'react-i18next';
import { ListTable } from '../../components/list-table';
import { useFormatters } from '../../lib/formatters';
import { useNow } from '../../lib/use-now';
import { usePeople, type PeopleFilters } from './api';
import { RoleList } from './role-list';

interface PeopleTableProps {
  filters: PeopleFilters;
  caption: string;
  emptyText: string;
}

export function PeopleTable({ filters, caption, emptyText }: PeopleTableProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const now = useNow();
  const people = usePeople(filters);

  return (
    <ListTable
      query={people}
      caption={caption}
      emptyText={emptyText}
      rowKey={(person) => person.id}
      columns={[
        { header: t('people.name'), rowHeader: true, cell: (person) => person.name },
        { header: t('people.roles'), cell: (person) => <RoleList roles={person.roles} /> },
        {
          header: t('people.email'),
          cell: (person) =>
            person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : <span className="muted">{t('people.emailHidden')}</span>,
        },
        { header: t('people.localTime'), cell: (person) => format.timeIn(person.timeZone, now) },
      ]}
    />
  );
}
