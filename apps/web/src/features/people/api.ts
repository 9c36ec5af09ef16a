import { useInfiniteQuery } from '@tanstack/react-query';
import type { Page, User, UserQuery } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';

export type PeopleFilters = Pick<Partial<UserQuery>, 'hubId' | 'cityId' | 'role' | 'q'>;

const peopleKeys = {
  all: ['people'] as const,
  list: (filters: PeopleFilters) => ['people', 'list', filters] as const,
};

function fetchPeople(query: Partial<UserQuery>, signal?: AbortSignal): Promise<Page<User>> {
  return apiClient.request<Page<User>>('/api/users', { query, signal });
}

export function usePeople(filters: PeopleFilters) {
  return useInfiniteQuery({
    queryKey: peopleKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchPeople({ ...filters, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
