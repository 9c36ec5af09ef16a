// A cursor-paginated list as a captioned table: its loading, error and empty states, and a "Load more" button below.
import type { ReactNode } from 'react';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { LoadMoreButton } from './load-more-button';
import { EmptyState, ErrorState, LoadingState } from './status-messages';

interface ListTableProps<T> {
  query: UseInfiniteQueryResult<InfiniteData<{ items: T[] }>>;
  caption: string;
  emptyText: string;
  /** The column headers: `<th scope="col">` cells. */
  columns: ReactNode;
  /** One `<tr>` per item, keyed. */
  renderRow: (item: T) => ReactNode;
}

export function ListTable<T>({ query, caption, emptyText, columns, renderRow }: ListTableProps<T>) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <EmptyState>{emptyText}</EmptyState>;

  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption>{caption}</caption>
          <thead>
            <tr>{columns}</tr>
          </thead>
          <tbody>{items.map(renderRow)}</tbody>
        </table>
      </div>
      {query.hasNextPage && <LoadMoreButton onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} />}
    </>
  );
}
