// The signed-in person's notifications and their preferences: typed calls, TanStack Query hooks, and the live
// updates from `/events` folded into the same cache.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  NOTIFICATION_EVENTS,
  notificationEventSchema,
  unreadCountSchema,
  type MarkNotificationsRead,
  type NotificationPage,
  type NotificationPreferences,
  type UnreadCount,
  type UpdateNotificationPreferences,
} from '@minga/contracts';
import { apiClient } from '../../lib/api-client';
import { useLiveEvent } from '../../lib/live-events';

const PAGE_SIZE = 20;

const notificationKeys = {
  all: ['notifications'] as const,
  list: ['notifications', 'list'] as const,
  preferences: ['notifications', 'preferences'] as const,
};

function fetchNotifications(cursor: string | undefined, signal?: AbortSignal): Promise<NotificationPage> {
  return apiClient.request<NotificationPage>('/api/me/notifications', { query: { limit: PAGE_SIZE, cursor }, signal });
}

function markNotificationsRead(body: MarkNotificationsRead): Promise<UnreadCount> {
  return apiClient.request<UnreadCount>('/api/me/notifications/read', { method: 'POST', body });
}

function fetchPreferences(signal?: AbortSignal): Promise<NotificationPreferences> {
  return apiClient.request<NotificationPreferences>('/api/me/notification-preferences', { signal });
}

function updatePreferences(body: UpdateNotificationPreferences): Promise<NotificationPreferences> {
  return apiClient.request<NotificationPreferences>('/api/me/notification-preferences', { method: 'PUT', body });
}

type NotificationPages = { pages: NotificationPage[]; pageParams: unknown[] };

export function useNotifications() {
  const query = useInfiniteQuery({
    queryKey: notificationKeys.list,
    queryFn: ({ pageParam, signal }) => fetchNotifications(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const notifications = query.data?.pages.flatMap((page) => page.items) ?? [];
  const unreadCount = query.data?.pages[0]?.unreadCount ?? 0;
  return { ...query, notifications, unreadCount };
}

/** Sets the unread count, and marks read what the server says is read. */
function applyRead(queryClient: QueryClient, unreadCount: number, read: { ids?: string[]; all?: boolean }) {
  const now = new Date().toISOString();
  queryClient.setQueryData<NotificationPages>(
    notificationKeys.list,
    (data) =>
      data && {
        ...data,
        pages: data.pages.map((page, index) => ({
          ...page,
          unreadCount: index === 0 ? unreadCount : page.unreadCount,
          items: page.items.map((item) =>
            item.readAt === null && (read.all || read.ids?.includes(item.id)) ? { ...item, readAt: now } : item,
          ),
        })),
      },
  );
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationsRead,
    onSuccess: ({ unreadCount }, body) => applyRead(queryClient, unreadCount, body),
  });
}

/** New notifications arrive first in the list; reading in another tab updates the count here. */
export function useLiveNotifications(
  onNew: (message: string) => void,
  describe: (event: ReturnType<typeof notificationEventSchema.parse>) => string,
) {
  const queryClient = useQueryClient();
  useLiveEvent(NOTIFICATION_EVENTS.notification, (payload: unknown) => {
    const parsed = notificationEventSchema.safeParse(payload);
    if (!parsed.success) return;
    const { notification, unreadCount } = parsed.data;
    queryClient.setQueryData<NotificationPages>(notificationKeys.list, (data) => {
      if (!data) return data;
      const [first, ...rest] = data.pages;
      if (!first || first.items.some((item) => item.id === notification.id)) return data;
      return { ...data, pages: [{ ...first, unreadCount, items: [notification, ...first.items] }, ...rest] };
    });
    onNew(describe(parsed.data));
  });
  useLiveEvent(NOTIFICATION_EVENTS.read, (payload: unknown) => {
    const parsed = unreadCountSchema.safeParse(payload);
    if (!parsed.success) return;
    // Which ones were read is not said: the list is read again.
    applyRead(queryClient, parsed.data.unreadCount, {});
    void queryClient.invalidateQueries({ queryKey: notificationKeys.list });
  });
}

export function usePreferences() {
  return useQuery({ queryKey: notificationKeys.preferences, queryFn: ({ signal }) => fetchPreferences(signal) });
}

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePreferences,
    onSuccess: (preferences) => queryClient.setQueryData(notificationKeys.preferences, preferences),
  });
}
