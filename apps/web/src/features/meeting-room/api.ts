// The room's REST resources after (and during) the meeting: attendance, polls, minutes and action items, and the
// city plans and cohort policy that decide where an action item goes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionItem,
  ActionPlan,
  AttendanceReport,
  Cohort,
  CreateActionItem,
  Minutes,
  OccurrenceDetail,
  Poll,
  SendToPlan,
  UpdateActionItem,
  UpdateMinutes,
} from '@minga/contracts';
import { apiClient } from '../../lib/api-client';

const occurrencePath = (id: string) => `/api/occurrences/${encodeURIComponent(id)}`;
const itemPath = (id: string) => `/api/meeting-action-items/${encodeURIComponent(id)}`;

const roomKeys = {
  attendance: (occurrenceId: string) => ['meeting-room', occurrenceId, 'attendance'] as const,
  polls: (occurrenceId: string) => ['meeting-room', occurrenceId, 'polls'] as const,
  minutes: (occurrenceId: string) => ['meeting-room', occurrenceId, 'minutes'] as const,
  actionItems: (occurrenceId: string) => ['meeting-room', occurrenceId, 'action-items'] as const,
  cityPlans: (cityId: string) => ['meeting-room', 'city-plans', cityId] as const,
  cohortPolicy: (cohortId: string) => ['meeting-room', 'cohort-policy', cohortId] as const,
};

export function useAttendance(occurrenceId: string, enabled = true) {
  return useQuery({
    queryKey: roomKeys.attendance(occurrenceId),
    queryFn: ({ signal }) => apiClient.request<AttendanceReport>(`${occurrencePath(occurrenceId)}/attendance`, { signal }),
    enabled,
  });
}

export function usePolls(occurrenceId: string) {
  return useQuery({
    queryKey: roomKeys.polls(occurrenceId),
    queryFn: ({ signal }) => apiClient.request<Poll[]>(`${occurrencePath(occurrenceId)}/polls`, { signal }),
  });
}

/** `exist`: the occurrence says there are minutes this person may read; otherwise nothing is asked (it could only 404). */
export function useMinutes(occurrenceId: string, exist: boolean) {
  return useQuery({
    queryKey: roomKeys.minutes(occurrenceId),
    queryFn: ({ signal }) => apiClient.request<Minutes>(`${occurrencePath(occurrenceId)}/minutes`, { signal }),
    enabled: exist,
    // Gone since the occurrence was read (a 404): an answer, not a failure to retry.
    retry: false,
  });
}

type MinutesStep = 'draft' | 'approve' | 'publish';

function minutesRequest(occurrenceId: string, step: MinutesStep): Promise<Minutes> {
  const base = `${occurrencePath(occurrenceId)}/minutes`;
  return apiClient.request<Minutes>(step === 'draft' ? base : `${base}/${step}`, { method: 'POST' });
}

export function useMinutesStep(occurrenceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (step: MinutesStep) => minutesRequest(occurrenceId, step),
    onSuccess: (minutes) => queryClient.setQueryData(roomKeys.minutes(occurrenceId), minutes),
    onError: () => void queryClient.invalidateQueries({ queryKey: roomKeys.minutes(occurrenceId) }),
  });
}

export function useUpdateMinutes(occurrenceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMinutes) => apiClient.request<Minutes>(`${occurrencePath(occurrenceId)}/minutes`, { method: 'PATCH', body }),
    onSuccess: (minutes) => queryClient.setQueryData(roomKeys.minutes(occurrenceId), minutes),
  });
}

export function useActionItems(occurrenceId: string) {
  return useQuery({
    queryKey: roomKeys.actionItems(occurrenceId),
    queryFn: ({ signal }) => apiClient.request<ActionItem[]>(`${occurrencePath(occurrenceId)}/action-items`, { signal }),
  });
}

function useActionItemMutation<V>(occurrenceId: string, request: (variables: V) => Promise<ActionItem | void>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => queryClient.invalidateQueries({ queryKey: roomKeys.actionItems(occurrenceId) }),
  });
}

export function useCreateActionItem(occurrenceId: string) {
  return useActionItemMutation(occurrenceId, (body: CreateActionItem) =>
    apiClient.request<ActionItem>(`${occurrencePath(occurrenceId)}/action-items`, { method: 'POST', body }),
  );
}

export function useUpdateActionItem(occurrenceId: string) {
  return useActionItemMutation(occurrenceId, ({ id, body }: { id: string; body: UpdateActionItem }) =>
    apiClient.request<ActionItem>(itemPath(id), { method: 'PATCH', body }),
  );
}

/** The action plans of an item's city, to choose where it goes when there are several. */
export function useCityPlans(cityId: string | null) {
  return useQuery({
    queryKey: roomKeys.cityPlans(cityId ?? ''),
    queryFn: ({ signal }) => apiClient.request<ActionPlan[]>(`/api/cities/${encodeURIComponent(cityId ?? '')}/action-plans`, { signal }),
    enabled: cityId !== null,
  });
}

/** The model policy of the meeting's cohort, whose plan the server picks when none is named. */
export function useCohortPolicyId(cohortId: string | null) {
  return useQuery({
    queryKey: roomKeys.cohortPolicy(cohortId ?? ''),
    queryFn: ({ signal }) => apiClient.request<Cohort>(`/api/cohorts/${encodeURIComponent(cohortId ?? '')}`, { signal }),
    select: (cohort) => cohort.modelPolicy?.id ?? null,
    enabled: cohortId !== null,
  });
}

export function useDeleteActionItem(occurrenceId: string) {
  return useActionItemMutation(occurrenceId, (id: string) => apiClient.request<void>(itemPath(id), { method: 'DELETE' }));
}

/** The sent item goes into the list at once, so its milestone link shows without waiting for the refetch. */
export function useSendToPlan(occurrenceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SendToPlan }) =>
      apiClient.request<ActionItem>(`${itemPath(id)}/send-to-plan`, { method: 'POST', body }),
    onSuccess: (sent) =>
      queryClient.setQueryData<ActionItem[]>(roomKeys.actionItems(occurrenceId), (items) =>
        items?.map((item) => (item.id === sent.id ? sent : item)),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: roomKeys.actionItems(occurrenceId) }),
  });
}

/** The occurrence as the meetings API describes it (title, times, organiser, cities), for the pages after the meeting. */
export function useOccurrence(occurrenceId: string) {
  return useQuery({
    queryKey: ['meeting-room', occurrenceId, 'occurrence'] as const,
    queryFn: ({ signal }) => apiClient.request<OccurrenceDetail>(`/api/occurrences/${encodeURIComponent(occurrenceId)}`, { signal }),
  });
}
