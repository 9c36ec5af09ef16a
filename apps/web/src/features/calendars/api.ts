// Typed calls and TanStack Query hooks for calendar subscriptions: a person's feeds, creating one (the secret URL is
// shown once) and revoking one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarFeed, CreateCalendarFeed, CreatedCalendarFeed } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';

const calendarKeys = {
  feeds: ['calendars', 'feeds'] as const,
};

export function useCalendarFeeds() {
  return useQuery({
    queryKey: calendarKeys.feeds,
    queryFn: ({ signal }) => apiClient.request<CalendarFeed[]>('/api/me/calendar-feeds', { signal }),
  });
}

export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCalendarFeed) => apiClient.request<CreatedCalendarFeed>('/api/me/calendar-feeds', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: calendarKeys.feeds }),
  });
}

export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (feedId: string) => apiClient.request<void>(`/api/me/calendar-feeds/${encodeURIComponent(feedId)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: calendarKeys.feeds }),
  });
}
