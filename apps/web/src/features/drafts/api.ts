import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateDraft, Draft, DraftQuery, Page, UpdateDraft } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';

export type DraftFilters = Pick<Partial<DraftQuery>, 'cityId' | 'hubId' | 'modelPolicyId' | 'status'>;

const draftKeys = {
  all: ['drafts'] as const,
  list: (filters: DraftFilters) => ['drafts', 'list', filters] as const,
  one: (id: string) => ['drafts', 'one', id] as const,
};

function fetchDrafts(query: Partial<DraftQuery>, signal?: AbortSignal): Promise<Page<Draft>> {
  return apiClient.request<Page<Draft>>('/api/drafts', { query, signal });
}

function fetchDraft(id: string, signal?: AbortSignal): Promise<Draft> {
  return apiClient.request<Draft>(`/api/drafts/${encodeURIComponent(id)}`, { signal });
}

function createDraft(body: CreateDraft): Promise<Draft> {
  return apiClient.request<Draft>('/api/drafts', { method: 'POST', body });
}

function updateDraft(id: string, body: UpdateDraft): Promise<Draft> {
  return apiClient.request<Draft>(`/api/drafts/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function useDrafts(filters: DraftFilters) {
  return useInfiniteQuery({
    queryKey: draftKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchDrafts({ ...filters, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useDraft(id: string) {
  return useQuery({ queryKey: draftKeys.one(id), queryFn: ({ signal }) => fetchDraft(id, signal) });
}

/** Lists are ordered by last change, so any change to a draft reorders them. */
function invalidateLists(queryClient: ReturnType<typeof useQueryClient>) {
  return queryClient.invalidateQueries({ queryKey: draftKeys.all, predicate: (query) => query.queryKey[1] === 'list' });
}

export function useCreateDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDraft,
    onSuccess: (draft) => {
      queryClient.setQueryData(draftKeys.one(draft.id), draft);
      void invalidateLists(queryClient);
    },
  });
}

export function useUpdateDraft(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateDraft) => updateDraft(id, body),
    onSuccess: (draft) => {
      queryClient.setQueryData(draftKeys.one(id), draft);
      void invalidateLists(queryClient);
    },
    // A 409 means someone else moved the draft first: show what it is now.
    onError: () => void queryClient.invalidateQueries({ queryKey: draftKeys.one(id) }),
  });
}
