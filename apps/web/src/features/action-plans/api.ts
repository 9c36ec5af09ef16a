// Typed calls and TanStack Query hooks for action plans, their milestones and tasks, history and CSV imports.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  MAX_PAGE_SIZE,
  type ActionPlan,
  type CreateActionPlan,
  type CreateMilestone,
  type CreateTask,
  type Draft,
  type HistoryEntry,
  type ImportReport,
  type Milestone,
  type Page,
  type Task,
  type UpdateActionPlan,
  type UpdateMilestone,
  type UpdateTask,
  type User,
} from '@minga/contracts';
import { apiClient, type DownloadedFile } from '../../lib/api-client';

const id = encodeURIComponent;

const actionPlanKeys = {
  all: ['action-plans'] as const,
  ofCity: (cityId: string) => ['action-plans', 'city', cityId] as const,
  one: (planId: string) => ['action-plans', 'one', planId] as const,
  milestones: (planId: string) => ['action-plans', 'milestones', planId] as const,
  history: (planId: string) => ['action-plans', 'history', planId] as const,
  owners: (cityId: string) => ['action-plans', 'owners', cityId] as const,
  drafts: (cityId: string, modelPolicyId: string) => ['action-plans', 'drafts', cityId, modelPolicyId] as const,
};

function fetchCityActionPlans(cityId: string, signal?: AbortSignal): Promise<ActionPlan[]> {
  return apiClient.request<ActionPlan[]>(`/api/cities/${id(cityId)}/action-plans`, { signal });
}

function fetchActionPlan(planId: string, signal?: AbortSignal): Promise<ActionPlan> {
  return apiClient.request<ActionPlan>(`/api/action-plans/${id(planId)}`, {
    signal,
  });
}

function fetchMilestones(planId: string, signal?: AbortSignal): Promise<Milestone[]> {
  return apiClient.request<Milestone[]>(`/api/action-plans/${id(planId)}/milestones`, { signal });
}

/** The milestones as the API serves them: CSV in the columns its import reads (so the file can be imported again), or JSON. */
export function downloadMilestones(planId: string, format: 'csv' | 'json'): Promise<DownloadedFile> {
  return apiClient.requestFile(`/api/action-plans/${id(planId)}/milestones`, { query: { format } });
}

function fetchHistory(planId: string, cursor: string | undefined, signal?: AbortSignal): Promise<Page<HistoryEntry>> {
  return apiClient.request<Page<HistoryEntry>>(`/api/action-plans/${id(planId)}/history`, { query: { cursor }, signal });
}

export function useCityActionPlans(cityId: string) {
  return useQuery({
    queryKey: actionPlanKeys.ofCity(cityId),
    queryFn: ({ signal }) => fetchCityActionPlans(cityId, signal),
  });
}

export function useActionPlan(planId: string) {
  return useQuery({
    queryKey: actionPlanKeys.one(planId),
    queryFn: ({ signal }) => fetchActionPlan(planId, signal),
  });
}

export function useMilestones(planId: string) {
  return useQuery({
    queryKey: actionPlanKeys.milestones(planId),
    queryFn: ({ signal }) => fetchMilestones(planId, signal),
  });
}

export function useHistory(planId: string) {
  return useInfiniteQuery({
    queryKey: actionPlanKeys.history(planId),
    queryFn: ({ pageParam, signal }) => fetchHistory(planId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Who may own a milestone: the city's officials (one page of the largest size, for a select). */
export function useOwnerChoices(cityId: string) {
  return useQuery({
    queryKey: actionPlanKeys.owners(cityId),
    queryFn: ({ signal }) =>
      apiClient.request<Page<User>>('/api/users', {
        query: { cityId, role: 'official', limit: MAX_PAGE_SIZE },
        signal,
      }),
    select: (page) => page.items.map((person) => ({ id: person.id, name: person.name })),
  });
}

/** The city's drafts of the plan's model policy, to link one to the plan. */
export function useDraftChoices(cityId: string, modelPolicyId: string) {
  return useQuery({
    queryKey: actionPlanKeys.drafts(cityId, modelPolicyId),
    queryFn: ({ signal }) =>
      apiClient.request<Page<Draft>>('/api/drafts', {
        query: { cityId, modelPolicyId, limit: MAX_PAGE_SIZE },
        signal,
      }),
    select: (page) => page.items.map((draft) => ({ id: draft.id, title: draft.title })),
    enabled: Boolean(modelPolicyId),
  });
}

/** A change to a plan's parts moves its progress, counts and history, and what dashboards show. */
function refreshPlan(queryClient: QueryClient, plan: Pick<ActionPlan, 'id' | 'cityId'>) {
  void queryClient.invalidateQueries({ queryKey: actionPlanKeys.one(plan.id) });
  void queryClient.invalidateQueries({
    queryKey: actionPlanKeys.milestones(plan.id),
  });
  void queryClient.invalidateQueries({
    queryKey: actionPlanKeys.history(plan.id),
  });
  void queryClient.invalidateQueries({
    queryKey: actionPlanKeys.ofCity(plan.cityId),
  });
  void queryClient.invalidateQueries({ queryKey: ['dashboards'] });
}

export function useCreateActionPlan(cityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateActionPlan) =>
      apiClient.request<ActionPlan>(`/api/cities/${id(cityId)}/action-plans`, {
        method: 'POST',
        body,
      }),
    onSuccess: (plan) => {
      queryClient.setQueryData(actionPlanKeys.one(plan.id), plan);
      refreshPlan(queryClient, plan);
    },
  });
}

export function useUpdateActionPlan(plan: Pick<ActionPlan, 'id' | 'cityId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateActionPlan) =>
      apiClient.request<ActionPlan>(`/api/action-plans/${id(plan.id)}`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(actionPlanKeys.one(plan.id), updated);
      refreshPlan(queryClient, plan);
    },
  });
}

export function useCreateMilestone(plan: Pick<ActionPlan, 'id' | 'cityId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMilestone) =>
      apiClient.request<Milestone>(`/api/action-plans/${id(plan.id)}/milestones`, { method: 'POST', body }),
    onSuccess: () => refreshPlan(queryClient, plan),
  });
}

export function useUpdateMilestone(plan: Pick<ActionPlan, 'id' | 'cityId'>, milestoneId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMilestone) =>
      apiClient.request<Milestone>(`/api/milestones/${id(milestoneId)}`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: () => refreshPlan(queryClient, plan),
  });
}

export function useCreateTask(plan: Pick<ActionPlan, 'id' | 'cityId'>, milestoneId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTask) =>
      apiClient.request<Task>(`/api/milestones/${id(milestoneId)}/tasks`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => refreshPlan(queryClient, plan),
  });
}

export function useUpdateTask(plan: Pick<ActionPlan, 'id' | 'cityId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, body }: { taskId: string; body: UpdateTask }) =>
      apiClient.request<Task>(`/api/tasks/${id(taskId)}`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: () => refreshPlan(queryClient, plan),
  });
}

/** Removes a milestone (with its tasks) or a task; the history keeps what was removed. */
export function useDeletePlanPart(plan: Pick<ActionPlan, 'id' | 'cityId'>, part: 'milestones' | 'tasks') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (partId: string) => apiClient.request<void>(`/api/${part}/${id(partId)}`, { method: 'DELETE' }),
    onSuccess: () => refreshPlan(queryClient, plan),
  });
}

export type ImportKind = 'milestones' | 'measurements';

/** Sends a CSV for a dry run (a report, nothing written) or to apply it, all rows or none. */
export function useImportCsv(plan: Pick<ActionPlan, 'id' | 'cityId'>, kind: ImportKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ csv, dryRun }: { csv: string; dryRun: boolean }) =>
      apiClient.request<ImportReport>(`/api/action-plans/${id(plan.id)}/${kind}/import`, {
        method: 'POST',
        query: { dryRun: String(dryRun) },
        body: { csv },
      }),
    onSuccess: (report) => {
      if (!report.applied) return;
      refreshPlan(queryClient, plan);
      void queryClient.invalidateQueries({ queryKey: ['kpis'] });
    },
  });
}
