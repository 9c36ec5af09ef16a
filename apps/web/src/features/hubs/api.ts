import { useQuery } from '@tanstack/react-query';
import type { Hub } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';

const hubKeys = {
  all: ['hubs'] as const,
  one: (id: string) => ['hubs', id] as const,
};

function fetchHubs(signal?: AbortSignal): Promise<Hub[]> {
  return apiClient.request<Hub[]>('/api/hubs', { signal });
}

function fetchHub(id: string, signal?: AbortSignal): Promise<Hub> {
  return apiClient.request<Hub>(`/api/hubs/${encodeURIComponent(id)}`, { signal });
}

export function useHubs() {
  return useQuery({ queryKey: hubKeys.all, queryFn: ({ signal }) => fetchHubs(signal) });
}

export function useHub(id: string | null | undefined) {
  return useQuery({
    queryKey: hubKeys.one(id ?? ''),
    queryFn: ({ signal }) => fetchHub(id ?? '', signal),
    enabled: Boolean(id),
  });
}
