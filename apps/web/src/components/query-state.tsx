// The states of a TanStack query around what it shows: "Loading…" while it comes, the problem (with "Try again") when
// it fails, an empty-state sentence when it has nothing, and otherwise what the caller renders from the data.
import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from './status-messages';

/** What QueryState reads of a query: `useQuery` and `useInfiniteQuery` results both fit. */
interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => Promise<unknown>;
}

interface QueryStateProps<T> {
  query: QueryLike<T>;
  /** Said (as an empty state) instead of the children when the data is empty. Without it the children render anyway. */
  emptyText?: string;
  /** Whether the data counts as empty; by default, a list with no items. */
  isEmpty?: (data: T) => boolean;
  /** Offers "Try again" on an error; true unless a second try cannot help (an invitation link that is no longer valid). */
  retry?: boolean;
  /** Replaces the standard error state, for errors that mean something in this place (e.g. "no minutes yet"). */
  renderError?: (error: unknown) => ReactNode;
  children: (data: T) => ReactNode;
}

const isEmptyList = (data: unknown) => Array.isArray(data) && data.length === 0;

/**
 * Data that came once stays shown when a later refetch fails: the error, with its retry, then the data.
 */
export function QueryState<T>({ query, emptyText, isEmpty = isEmptyList, retry = true, renderError, children }: QueryStateProps<T>) {
  const { data } = query;
  return (
    <>
      {query.isPending && <LoadingState />}
      {query.isError &&
        (renderError ? (
          renderError(query.error)
        ) : (
          <ErrorState error={query.error} onRetry={retry ? () => void query.refetch() : undefined} />
        ))}
      {data !== undefined && (emptyText !== undefined && isEmpty(data) ? <EmptyState>{emptyText}</EmptyState> : children(data))}
    </>
  );
}
