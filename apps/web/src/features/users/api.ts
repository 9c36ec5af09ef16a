// People (the API's users): the directory, and the signed-in person's own profile and password.
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { ChangePassword, Page, UpdateProfile, User, UserQuery } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';
import { useSession } from '../../lib/session';

export type PeopleFilters = Pick<Partial<UserQuery>, 'hubId' | 'cityId' | 'role' | 'q'>;

const peopleKeys = {
  all: ['people'] as const,
  list: (filters: PeopleFilters) => ['people', 'list', filters] as const,
};

function fetchPeople(query: Partial<UserQuery>, signal?: AbortSignal): Promise<Page<User>> {
  return apiClient.request<Page<User>>('/api/users', { query, signal });
}

export function usePeople(filters: PeopleFilters) {
  return useInfiniteQuery({
    queryKey: peopleKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchPeople({ ...filters, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

function updateProfile(body: UpdateProfile): Promise<User> {
  return apiClient.request<User>('/api/me', { method: 'PATCH', body });
}

function changePassword(body: ChangePassword): Promise<void> {
  return apiClient.request<void>('/api/me/password', { method: 'PUT', body });
}

export function useUpdateProfile() {
  const { updateUser } = useSession();
  return useMutation({ mutationFn: updateProfile, onSuccess: updateUser });
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
