// A draft's comment threads, suggestions, contributions and the people one may mention: typed calls and TanStack
// Query hooks. All threads of a draft are held in one cache entry, which live events update in place, so the panel's
// filters, the editor's highlights and the counts per section always agree.
import { useEffect } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Contribution, CreateThread, Mentionable, Page, Thread, ThreadPage, ThreadStatus } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';

const PAGE_SIZE = 200;

export const commentKeys = {
  all: (draftId: string) => ['comments', draftId] as const,
  threads: (draftId: string) => ['comments', draftId, 'threads'] as const,
  contributions: (draftId: string) => ['comments', draftId, 'contributions'] as const,
  mentionable: (draftId: string, q: string) => ['comments', draftId, 'mentionable', q] as const,
};

const draftPath = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`;
const threadPath = (threadId: string) => `/api/threads/${encodeURIComponent(threadId)}`;
const commentPath = (commentId: string) => `/api/comments/${encodeURIComponent(commentId)}`;

function fetchThreads(draftId: string, cursor: string | undefined, signal?: AbortSignal): Promise<ThreadPage> {
  return apiClient.request<ThreadPage>(`${draftPath(draftId)}/threads`, { query: { limit: PAGE_SIZE, cursor }, signal });
}

function createThread(draftId: string, body: CreateThread): Promise<Thread> {
  return apiClient.request<Thread>(`${draftPath(draftId)}/threads`, { method: 'POST', body });
}

function setThreadStatus(threadId: string, status: ThreadStatus): Promise<Thread> {
  return apiClient.request<Thread>(threadPath(threadId), { method: 'PATCH', body: { status } });
}

function addComment(threadId: string, body: string): Promise<Thread> {
  return apiClient.request<Thread>(`${threadPath(threadId)}/comments`, { method: 'POST', body: { body } });
}

function editComment(commentId: string, body: string): Promise<Thread> {
  return apiClient.request<Thread>(commentPath(commentId), { method: 'PATCH', body: { body } });
}

function deleteComment(commentId: string): Promise<void> {
  return apiClient.request<void>(commentPath(commentId), { method: 'DELETE' });
}

/** Accepting applies the new wording through the live document on the server. */
function decideSuggestion(threadId: string, decision: 'accept' | 'reject'): Promise<Thread> {
  return apiClient.request<Thread>(`/api/suggestions/${encodeURIComponent(threadId)}/${decision}`, { method: 'POST' });
}

function fetchContributions(draftId: string, signal?: AbortSignal): Promise<Page<Contribution>> {
  return apiClient.request<Page<Contribution>>(`${draftPath(draftId)}/contributions`, { query: { limit: PAGE_SIZE }, signal });
}

function fetchMentionable(draftId: string, q: string, signal?: AbortSignal): Promise<Mentionable[]> {
  return apiClient.request<Mentionable[]>(`${draftPath(draftId)}/mentionable`, { query: { q, limit: 8 }, signal });
}

/** Every thread of the draft, newest first; further pages are fetched until all are there. */
export function useThreads(draftId: string) {
  const query = useInfiniteQuery({
    queryKey: commentKeys.threads(draftId),
    queryFn: ({ pageParam, signal }) => fetchThreads(draftId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const threads = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...query, threads };
}

type ThreadPages = { pages: ThreadPage[]; pageParams: unknown[] };

/** Puts the thread as it is now into the cache: replaced where it was, or first when it is new. */
export function upsertThread(queryClient: QueryClient, thread: Thread): void {
  queryClient.setQueryData<ThreadPages>(commentKeys.threads(thread.draftId), (data) => {
    if (!data) return data;
    const known = data.pages.some((page) => page.items.some((item) => item.id === thread.id));
    const pages = data.pages.map((page, index) => ({
      ...page,
      items: known ? page.items.map((item) => (item.id === thread.id ? thread : item)) : index === 0 ? [thread, ...page.items] : page.items,
    }));
    return { ...data, pages };
  });
}

function useThreadMutation<Variables>(run: (variables: Variables) => Promise<Thread>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (thread) => upsertThread(queryClient, thread),
  });
}

export function useCreateThread(draftId: string) {
  return useThreadMutation((body: CreateThread) => createThread(draftId, body));
}

export function useSetThreadStatus() {
  return useThreadMutation(({ threadId, status }: { threadId: string; status: ThreadStatus }) => setThreadStatus(threadId, status));
}

export function useAddComment() {
  return useThreadMutation(({ threadId, body }: { threadId: string; body: string }) => addComment(threadId, body));
}

export function useEditComment() {
  return useThreadMutation(({ commentId, body }: { commentId: string; body: string }) => editComment(commentId, body));
}

/** The API answers a deletion with no body: the comment becomes its placeholder here at once. */
export function useDeleteComment(thread: Thread) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (commentId: string) => deleteComment(commentId),
    onSuccess: (_nothing, commentId) =>
      upsertThread(queryClient, {
        ...thread,
        comments: thread.comments.map((comment) => (comment.id === commentId ? { ...comment, body: null, deleted: true } : comment)),
      }),
  });
}

export function useDecideSuggestion(draftId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ threadId, decision }: { threadId: string; decision: 'accept' | 'reject' }) => decideSuggestion(threadId, decision),
    onSuccess: (thread) => {
      upsertThread(queryClient, thread);
      void queryClient.invalidateQueries({ queryKey: commentKeys.contributions(draftId) });
    },
  });
}

export function useContributions(draftId: string) {
  return useQuery({ queryKey: commentKeys.contributions(draftId), queryFn: ({ signal }) => fetchContributions(draftId, signal) });
}

export function useMentionable(draftId: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: commentKeys.mentionable(draftId, q),
    queryFn: ({ signal }) => fetchMentionable(draftId, q, signal),
    enabled,
    staleTime: 60_000,
  });
}
