import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MAX_PAGE_SIZE, type City, type CityQuery, type Page, type UpdateCity } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';

export type CityFilters = Pick<Partial<CityQuery>, 'hubId' | 'country' | 'q'>;

const cityKeys = {
  all: ['cities'] as const,
  list: (filters: CityFilters) => ['cities', 'list', filters] as const,
  options: (hubId: string) => ['cities', 'options', hubId] as const,
  one: (id: string) => ['cities', 'one', id] as const,
};

function fetchCities(query: Partial<CityQuery>, signal?: AbortSignal): Promise<Page<City>> {
  return apiClient.request<Page<City>>('/api/cities', { query, signal });
}

function fetchCity(id: string, signal?: AbortSignal): Promise<City> {
  return apiClient.request<City>(`/api/cities/${encodeURIComponent(id)}`, { signal });
}

function updateCity(id: string, body: UpdateCity): Promise<City> {
  return apiClient.request<City>(`/api/cities/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function useCities(filters: CityFilters) {
  return useInfiniteQuery({
    queryKey: cityKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchCities({ ...filters, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** A hub's cities for a select: one page of the largest size the API allows. */
export function useCityOptions(hubId: string) {
  return useQuery({
    queryKey: cityKeys.options(hubId),
    queryFn: ({ signal }) => fetchCities({ hubId, limit: MAX_PAGE_SIZE }, signal),
    select: (page) => page.items,
  });
}

export function useCity(id: string) {
  return useQuery({ queryKey: cityKeys.one(id), queryFn: ({ signal }) => fetchCity(id, signal) });
}

export function useUpdateCity(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCity) => updateCity(id, body),
    onSuccess: (city) => {
      queryClient.setQueryData(cityKeys.one(id), city);
      void queryClient.invalidateQueries({ queryKey: cityKeys.all, predicate: (query) => query.queryKey[1] !== 'one' });
    },
  });
}
