import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatedInvitation, CreateInvitation, Invitation, InvitationPreview, InvitationQuery, Page, User } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';
import { useSession } from '../../lib/session';

type InvitationFilters = Pick<Partial<InvitationQuery>, 'hubId' | 'status'>;

const invitationKeys = {
  all: ['invitations'] as const,
  list: (filters: InvitationFilters) => ['invitations', 'list', filters] as const,
  preview: (token: string) => ['invitations', 'preview', token] as const,
};

function fetchInvitations(query: Partial<InvitationQuery>, signal?: AbortSignal): Promise<Page<Invitation>> {
  return apiClient.request<Page<Invitation>>('/api/invitations', { query, signal });
}

function createInvitation(body: CreateInvitation): Promise<CreatedInvitation> {
  return apiClient.request<CreatedInvitation>('/api/invitations', { method: 'POST', body });
}

function revokeInvitation(id: string): Promise<void> {
  return apiClient.request<void>(`/api/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

function fetchInvitationPreview(token: string, signal?: AbortSignal): Promise<InvitationPreview> {
  return apiClient.request<InvitationPreview>(`/api/invitations/preview/${encodeURIComponent(token)}`, {
    signal,
    refreshOnUnauthorized: false,
  });
}

function acceptInvitation(invitationToken: string): Promise<User> {
  return apiClient.request<User>('/api/invitations/accept', { method: 'POST', body: { invitationToken } });
}

export function useInvitations(filters: InvitationFilters) {
  return useInfiniteQuery({
    queryKey: invitationKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchInvitations({ ...filters, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.all }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.all }),
  });
}

export function useInvitationPreview(token: string) {
  return useQuery({ queryKey: invitationKeys.preview(token), queryFn: ({ signal }) => fetchInvitationPreview(token, signal) });
}

export function useAcceptInvitation() {
  const { updateUser } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: (user) => {
      updateUser(user);
      // The new role changes what the person may see everywhere.
      void queryClient.invalidateQueries();
    },
  });
}
