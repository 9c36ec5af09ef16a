// Typed calls and TanStack Query hooks for cohorts: a hub's list, one cohort's overview, creating and changing one,
// and the choices its form offers (cities of every hub, experts, model policies).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  MAX_PAGE_SIZE,
  type City,
  type Cohort,
  type CohortOverview,
  type CreateCohort,
  type Hub,
  type ModelPolicy,
  type Page,
  type UpdateCohort,
  type User,
} from '@minga/contracts';
import { apiClient } from '../../lib/api-client';

const id = encodeURIComponent;

const cohortKeys = {
  all: ['cohorts'] as const,
  ofHub: (hubId: string) => ['cohorts', 'hub', hubId] as const,
  one: (cohortId: string) => ['cohorts', 'one', cohortId] as const,
  overview: (cohortId: string) => ['cohorts', 'overview', cohortId] as const,
  cityChoices: ['cohorts', 'choices', 'cities'] as const,
  expertChoices: ['cohorts', 'choices', 'experts'] as const,
  hubChoices: ['cohorts', 'choices', 'hubs'] as const,
  policyChoices: ['cohorts', 'choices', 'policies'] as const,
};

function fetchHubCohorts(hubId: string, signal?: AbortSignal): Promise<Cohort[]> {
  return apiClient.request<Cohort[]>(`/api/hubs/${id(hubId)}/cohorts`, { signal });
}

export function useHubCohorts(hubId: string) {
  return useQuery({ queryKey: cohortKeys.ofHub(hubId), queryFn: ({ signal }) => fetchHubCohorts(hubId, signal) });
}

export function useCohort(cohortId: string) {
  return useQuery({
    queryKey: cohortKeys.one(cohortId),
    queryFn: ({ signal }) => apiClient.request<Cohort>(`/api/cohorts/${id(cohortId)}`, { signal }),
  });
}

export function useCohortOverview(cohortId: string) {
  return useQuery({
    queryKey: cohortKeys.overview(cohortId),
    queryFn: ({ signal }) => apiClient.request<CohortOverview>(`/api/cohorts/${id(cohortId)}/overview`, { signal }),
    enabled: Boolean(cohortId),
  });
}

export function useCreateCohort(hubId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCohort) => apiClient.request<Cohort>(`/api/hubs/${id(hubId)}/cohorts`, { method: 'POST', body }),
    onSuccess: (cohort) => {
      queryClient.setQueryData(cohortKeys.one(cohort.id), cohort);
      void queryClient.invalidateQueries({ queryKey: cohortKeys.ofHub(hubId) });
    },
  });
}

export function useUpdateCohort(cohortId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCohort) => apiClient.request<Cohort>(`/api/cohorts/${id(cohortId)}`, { method: 'PATCH', body }),
    onSuccess: (cohort) => {
      queryClient.setQueryData(cohortKeys.one(cohort.id), cohort);
      void queryClient.invalidateQueries({ queryKey: cohortKeys.all });
    },
  });
}

/** Member cities may come from any hub: every city of the alliance, page after page. */
export function useCityChoices() {
  return useQuery({
    queryKey: cohortKeys.cityChoices,
    queryFn: async ({ signal }) => {
      const cities: City[] = [];
      let cursor: string | undefined;
      do {
        const page = await apiClient.request<Page<City>>('/api/cities', { query: { limit: MAX_PAGE_SIZE, cursor }, signal });
        cities.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return cities;
    },
    select: (cities) => cities.map((city) => ({ id: city.id, name: city.name, hubId: city.hubId })),
  });
}

export function useHubChoices() {
  return useQuery({
    queryKey: cohortKeys.hubChoices,
    queryFn: ({ signal }) => apiClient.request<Hub[]>('/api/hubs', { signal }),
  });
}

export function useExpertChoices() {
  return useQuery({
    queryKey: cohortKeys.expertChoices,
    queryFn: ({ signal }) => apiClient.request<Page<User>>('/api/users', { query: { role: 'expert', limit: MAX_PAGE_SIZE }, signal }),
    select: (page) => page.items.map((person) => ({ id: person.id, name: person.name })),
  });
}

export function usePolicyChoices() {
  return useQuery({
    queryKey: cohortKeys.policyChoices,
    queryFn: ({ signal }) => apiClient.request<ModelPolicy[]>('/api/model-policies', { signal }),
    staleTime: 10 * 60_000,
  });
}
