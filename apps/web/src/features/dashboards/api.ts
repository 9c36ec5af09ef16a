// Hub and cohort dashboards: adoption matrix, who is behind and why, milestones due and KPI progress, filtered.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CohortDashboard, DashboardQuery, HubDashboard } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';

export type DashboardFilters = Omit<DashboardQuery, 'format'>;

const dashboardKeys = {
  all: ['dashboards'] as const,
  hub: (hubId: string, filters: DashboardFilters) => ['dashboards', 'hub', hubId, filters] as const,
  cohort: (cohortId: string, filters: DashboardFilters) => ['dashboards', 'cohort', cohortId, filters] as const,
};

function fetchHubDashboard(hubId: string, filters: DashboardFilters, signal?: AbortSignal): Promise<HubDashboard> {
  return apiClient.request<HubDashboard>(`/api/hubs/${encodeURIComponent(hubId)}/dashboard`, { query: { ...filters }, signal });
}

export function useHubDashboard(hubId: string, filters: DashboardFilters) {
  return useQuery({
    queryKey: dashboardKeys.hub(hubId, filters),
    queryFn: ({ signal }) => fetchHubDashboard(hubId, filters, signal),
    // A new filter keeps the last answer on screen until the next arrives, instead of flashing "Loading".
    placeholderData: keepPreviousData,
  });
}

export function useCohortDashboard(cohortId: string, filters: DashboardFilters) {
  return useQuery({
    queryKey: dashboardKeys.cohort(cohortId, filters),
    queryFn: ({ signal }) =>
      apiClient.request<CohortDashboard>(`/api/cohorts/${encodeURIComponent(cohortId)}/dashboard`, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}
