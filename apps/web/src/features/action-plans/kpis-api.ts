// Typed calls and TanStack Query hooks for a plan's KPIs and their measurements.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MAX_PAGE_SIZE, type CreateKpi, type CreateMeasurement, type Kpi, type Measurement, type Page } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';

const id = encodeURIComponent;

const kpiKeys = {
  all: ['kpis'] as const,
  ofPlan: (planId: string) => ['kpis', 'plan', planId] as const,
  measurements: (kpiId: string) => ['kpis', 'measurements', kpiId] as const,
};

function fetchPlanKpis(planId: string, signal?: AbortSignal): Promise<Kpi[]> {
  return apiClient.request<Kpi[]>(`/api/action-plans/${id(planId)}/kpis`, {
    signal,
  });
}

/** Oldest first, the order of a chart; a KPI has tens of measurements, so the first page of the largest size suffices. */
function fetchMeasurements(kpiId: string, signal?: AbortSignal): Promise<Page<Measurement>> {
  return apiClient.request<Page<Measurement>>(`/api/kpis/${id(kpiId)}/measurements`, { query: { limit: MAX_PAGE_SIZE }, signal });
}

export function usePlanKpis(planId: string) {
  return useQuery({
    queryKey: kpiKeys.ofPlan(planId),
    queryFn: ({ signal }) => fetchPlanKpis(planId, signal),
  });
}

export function useMeasurements(kpiId: string) {
  return useQuery({
    queryKey: kpiKeys.measurements(kpiId),
    queryFn: ({ signal }) => fetchMeasurements(kpiId, signal),
    select: (page) => page.items,
  });
}

/** A new KPI or measurement moves the plan's status, its history and every dashboard that shows the city. */
function refreshAround(queryClient: ReturnType<typeof useQueryClient>, planId: string) {
  void queryClient.invalidateQueries({ queryKey: kpiKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['action-plans'] });
  void queryClient.invalidateQueries({ queryKey: ['dashboards'] });
  void queryClient.invalidateQueries({ queryKey: ['open-data'] });
  return planId;
}

export function useCreateKpi(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateKpi) =>
      apiClient.request<Kpi>(`/api/action-plans/${id(planId)}/kpis`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => refreshAround(queryClient, planId),
  });
}

export function useCreateMeasurement(planId: string, kpiId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMeasurement) =>
      apiClient.request<Measurement>(`/api/kpis/${id(kpiId)}/measurements`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => refreshAround(queryClient, planId),
  });
}

/** Removes a KPI with its measurements; the plan's history keeps them. */
export function useDeleteKpi(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kpiId: string) => apiClient.request<void>(`/api/kpis/${id(kpiId)}`, { method: 'DELETE' }),
    onSuccess: () => refreshAround(queryClient, planId),
  });
}
