import { useTranslation } from 'react-i18next';
import { LoadMoreButton } from '../../components/load-more-button';
import { EmptyState, ErrorState, LoadingState } from '../../components/status-messages';
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

  if (people.isPending) return <LoadingState />;
  if (people.isError) return <ErrorState error={people.error} onRetry={() => void people.refetch()} />;
  const items = people.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <EmptyState>{emptyText}</EmptyState>;

  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.name')}</th>
              <th scope="col">{t('people.roles')}</th>
              <th scope="col">{t('people.email')}</th>
              <th scope="col">{t('people.localTime')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((person) => (
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
            ))}
          </tbody>
        </table>
      </div>
      {people.hasNextPage && (
        <LoadMoreButton onClick={() => void people.fetchNextPage()} loading={people.isFetchingNextPage} />
      )}
    </>
  );
}
