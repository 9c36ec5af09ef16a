// A cursor-paginated list as a captioned table: its loading, error and empty states, and a "Load more" button below.
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { DataTable, type DataColumn } from './data-table';
import { LoadMoreButton } from './load-more-button';
import { QueryState } from './query-state';

interface ListTableProps<T> {
  query: UseInfiniteQueryResult<InfiniteData<{ items: T[] }>>;
  caption: string;
  emptyText: string;
  columns: readonly DataColumn<T>[];
  rowKey: (item: T) => string;
}

export function ListTable<T>({ query, caption, emptyText, columns, rowKey }: ListTableProps<T>) {
  return (
    <QueryState query={query} emptyText={emptyText} isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}>
      {(data) => (
        <>
          <DataTable caption={caption} rows={data.pages.flatMap((page) => page.items)} rowKey={rowKey} columns={columns} />
          {query.hasNextPage && <LoadMoreButton onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} />}
        </>
      )}
    </QueryState>
  );
}
