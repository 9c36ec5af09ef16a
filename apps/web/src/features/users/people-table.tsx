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
      columns={
        <>
          <th scope="col">{t('people.name')}</th>
          <th scope="col">{t('people.roles')}</th>
          <th scope="col">{t('people.email')}</th>
          <th scope="col">{t('people.localTime')}</th>
        </>
      }
      renderRow={(person) => (
        <tr key={person.id}>
          <th scope="row">{person.name}</th>
          <td>
            <RoleList roles={person.roles} />
          </td>
          <td>
            {person.email ? (
              <a href={`mailto:${person.email}`}>{person.email}</a>
            ) : (
              <span className="muted">{t('people.emailHidden')}</span>
            )}
          </td>
          <td>{format.timeIn(person.timeZone, now)}</td>
        </tr>
      )}
    />
  );
}
