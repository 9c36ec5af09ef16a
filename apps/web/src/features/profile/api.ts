import { useMutation } from '@tanstack/react-query';
import type { ChangePassword, UpdateProfile, User } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';
import { useSession } from '../../lib/session';

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
