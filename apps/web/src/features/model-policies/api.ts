import { useQuery } from '@tanstack/react-query';
import type { ModelPolicy } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';

const modelPolicyKeys = {
  all: ['model-policies'] as const,
};

/** The alliance's handful of model policies come whole, by name. */
function fetchModelPolicies(signal?: AbortSignal): Promise<ModelPolicy[]> {
  return apiClient.request<ModelPolicy[]>('/api/model-policies', { signal });
}

export function useModelPolicies() {
  // They change only when the alliance unveils a new one: a long stale time spares every drafts list a refetch.
  return useQuery({ queryKey: modelPolicyKeys.all, queryFn: ({ signal }) => fetchModelPolicies(signal), staleTime: 10 * 60_000 });
}
