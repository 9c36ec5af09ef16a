// Typed calls and TanStack Query hooks for meetings: scheduling, occurrences (move, cancel, agenda), RSVPs,
// agendas in the viewer's zone, the fair slot finder and the .ics download.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  MAX_PAGE_SIZE,
  type CreateMeeting,
  type InviteeList,
  type Draft,
  type DraftOutline,
  type Meeting,
  type Occurrence,
  type OccurrenceDetail,
  type OccurrencePage,
  type OccurrenceQuery,
  type Page,
  type ReplaceAgenda,
  type RsvpInput,
  type RsvpList,
  type RsvpResult,
  type SlotQuery,
  type SlotResult,
  type UpdateMeeting,
  type UpdateOccurrence,
  type User,
} from '@minga/contracts';
import { localToInstant } from '@minga/scheduling';
import { apiClient } from '../../lib/api-client';
import { saveFile } from '../../lib/save-file';

const id = encodeURIComponent;

export type OccurrenceSource =
  { kind: 'mine' } | { kind: 'cohort'; cohortId: string } | { kind: 'meeting'; meetingId: string } | { kind: 'hub'; hubId: string };
type Range = Pick<OccurrenceQuery, 'from' | 'to'>;

const meetingKeys = {
  all: ['meetings'] as const,
  one: (meetingId: string) => ['meetings', 'one', meetingId] as const,
  occurrence: (occurrenceId: string) => ['meetings', 'occurrence', occurrenceId] as const,
  occurrences: (source: OccurrenceSource, range: Range) => ['meetings', 'occurrences', source, range] as const,
  rsvps: (occurrenceId: string) => ['meetings', 'rsvps', occurrenceId] as const,
  // Under the occurrence's answers, so an RSVP refreshes the invitee list too.
  invitees: (meetingId: string, occurrenceId: string) => ['meetings', 'rsvps', occurrenceId, 'invitees', meetingId] as const,
  slots: (cohortId: string, query: SlotQuery) => ['meetings', 'slots', cohortId, query] as const,
  people: (hubId: string) => ['meetings', 'people', hubId] as const,
  drafts: (hubId: string) => ['meetings', 'drafts', hubId] as const,
  outline: (draftId: string) => ['meetings', 'draft-outline', draftId] as const,
};

function occurrencesPath(source: OccurrenceSource): string {
  switch (source.kind) {
    case 'mine':
      return '/api/me/meetings';
    case 'cohort':
      return `/api/cohorts/${id(source.cohortId)}/occurrences`;
    case 'meeting':
      return `/api/meetings/${id(source.meetingId)}/occurrences`;
    case 'hub':
      return `/api/hubs/${id(source.hubId)}/occurrences`;
  }
}

export function useOccurrences(source: OccurrenceSource, range: Range = {}) {
  return useInfiniteQuery({
    queryKey: meetingKeys.occurrences(source, range),
    queryFn: ({ pageParam, signal }) =>
      apiClient.request<OccurrencePage>(occurrencesPath(source), { query: { ...range, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useMeeting(meetingId: string) {
  return useQuery({
    queryKey: meetingKeys.one(meetingId),
    queryFn: ({ signal }) => apiClient.request<Meeting>(`/api/meetings/${id(meetingId)}`, { signal }),
    enabled: Boolean(meetingId),
  });
}

export function useOccurrence(occurrenceId: string) {
  return useQuery({
    queryKey: meetingKeys.occurrence(occurrenceId),
    queryFn: ({ signal }) => apiClient.request<OccurrenceDetail>(`/api/occurrences/${id(occurrenceId)}`, { signal }),
  });
}

export function useRsvps(occurrenceId: string, enabled: boolean) {
  return useQuery({
    queryKey: meetingKeys.rsvps(occurrenceId),
    queryFn: ({ signal }) => apiClient.request<RsvpList>(`/api/occurrences/${id(occurrenceId)}/rsvps`, { signal }),
    enabled,
  });
}

/** A meeting's invitees with their answers to one of its occurrences (for those who may attend). */
export function useInvitees(meetingId: string, occurrenceId: string, enabled: boolean) {
  return useQuery({
    queryKey: meetingKeys.invitees(meetingId, occurrenceId),
    queryFn: ({ signal }) =>
      apiClient.request<InviteeList>(`/api/meetings/${id(meetingId)}/invitees?occurrenceId=${id(occurrenceId)}`, { signal }),
    enabled,
  });
}

/** Anything scheduled moves lists, agendas and the cohort page: refetch every meeting query. */
function refreshMeetings(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: meetingKeys.all });
}

export type MeetingOwner = { kind: 'cohort'; cohortId: string } | { kind: 'hub'; hubId: string };

export function useCreateMeeting(owner: MeetingOwner) {
  const queryClient = useQueryClient();
  const path = owner.kind === 'cohort' ? `/api/cohorts/${id(owner.cohortId)}/meetings` : `/api/hubs/${id(owner.hubId)}/meetings`;
  return useMutation({
    mutationFn: (body: CreateMeeting) => apiClient.request<Meeting>(path, { method: 'POST', body }),
    onSuccess: (meeting) => {
      queryClient.setQueryData(meetingKeys.one(meeting.id), meeting);
      refreshMeetings(queryClient);
    },
  });
}

export function useUpdateMeeting(meetingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeeting) => apiClient.request<Meeting>(`/api/meetings/${id(meetingId)}`, { method: 'PATCH', body }),
    onSuccess: (meeting) => {
      queryClient.setQueryData(meetingKeys.one(meeting.id), meeting);
      refreshMeetings(queryClient);
    },
  });
}

export function useUpdateOccurrence(occurrenceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOccurrence) =>
      apiClient.request<Occurrence>(`/api/occurrences/${id(occurrenceId)}`, { method: 'PATCH', body }),
    onSuccess: () => refreshMeetings(queryClient),
  });
}

export function useReplaceAgenda(occurrenceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReplaceAgenda) => apiClient.request<unknown>(`/api/occurrences/${id(occurrenceId)}/agenda`, { method: 'PUT', body }),
    onSuccess: () => refreshMeetings(queryClient),
  });
}

/** Drops an occurrence's own agenda: it gets the series' agenda and follows its changes again. */
export function useFollowSeriesAgenda(occurrenceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.request<unknown>(`/api/occurrences/${id(occurrenceId)}/agenda`, { method: 'DELETE' }),
    onSuccess: () => refreshMeetings(queryClient),
  });
}

export function useRsvp(occurrenceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RsvpInput) => apiClient.request<RsvpResult>(`/api/occurrences/${id(occurrenceId)}/rsvp`, { method: 'PUT', body }),
    onSuccess: (result) => {
      queryClient.setQueryData<OccurrenceDetail>(meetingKeys.occurrence(occurrenceId), (detail) =>
        detail ? { ...detail, myRsvp: result.rsvp, rsvpCounts: result.rsvpCounts } : detail,
      );
      void queryClient.invalidateQueries({ queryKey: meetingKeys.rsvps(occurrenceId) });
      void queryClient.invalidateQueries({ queryKey: ['meetings', 'occurrences'] });
    },
  });
}

export function useSlots(cohortId: string, query: SlotQuery | null) {
  return useQuery({
    queryKey: meetingKeys.slots(cohortId, query ?? ({} as SlotQuery)),
    queryFn: ({ signal }) =>
      apiClient.request<SlotResult>(`/api/cohorts/${id(cohortId)}/slots`, {
        query: { ...(query ?? {}) } as Record<string, string | number>,
        signal,
      }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Presenters: the hub's people, one page of the largest size. */
export function usePresenterChoices(hubId: string) {
  return useQuery({
    queryKey: meetingKeys.people(hubId),
    queryFn: ({ signal }) => apiClient.request<Page<User>>('/api/users', { query: { hubId, limit: MAX_PAGE_SIZE }, signal }),
    select: (page) => page.items.map((person) => ({ id: person.id, name: person.name })),
    enabled: Boolean(hubId),
  });
}

/** Drafts an agenda item may link to: the hub's drafts, with their sections for the section choice. */
export function useDraftChoices(hubId: string) {
  return useQuery({
    queryKey: meetingKeys.drafts(hubId),
    queryFn: ({ signal }) => apiClient.request<Page<Draft>>('/api/drafts', { query: { hubId, limit: MAX_PAGE_SIZE }, signal }),
    select: (page) => page.items.map((draft) => ({ id: draft.id, title: draft.title, cityName: draft.cityName })),
    enabled: Boolean(hubId),
  });
}

/** The headings of a draft as it is now: the sections an agenda item may link to. */
export function useDraftSections(draftId: string) {
  return useQuery({
    queryKey: meetingKeys.outline(draftId),
    queryFn: ({ signal }) => apiClient.request<DraftOutline>(`/api/drafts/${id(draftId)}/outline`, { signal }),
    // A draft opens with its title as a level-1 heading: that is not a section to discuss.
    select: (answer) => [
      ...new Set(
        answer.outline
          .filter((entry, position) => !(position === 0 && entry.level === 1 && entry.index === 0))
          .map((entry) => entry.text.trim())
          .filter(Boolean),
      ),
    ],
    enabled: Boolean(draftId),
  });
}

export function useIcsDownload(meetingId: string) {
  return useMutation({
    mutationFn: async () => {
      const file = await apiClient.requestFile(`/api/meetings/${id(meetingId)}/calendar`, { accept: 'text/calendar' });
      saveFile(file.blob, file.filename ?? 'meeting.ics');
    },
  });
}

/**
 * Moves the dates of a new series so that its start times take turns as the slot finder's rotation proposed: date k
 * starts at `times[k]` (wall-clock in the organiser's zone) on its own day; dates already at their time stay.
 */
export function useApplyRotation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ meeting, times }: { meeting: Meeting; times: string[] }) => {
      const from = new Date(Date.now() - 86_400_000);
      const page = await apiClient.request<OccurrencePage>(`/api/meetings/${id(meeting.id)}/occurrences`, {
        query: { from: from.toISOString(), to: new Date(from.getTime() + 400 * 86_400_000).toISOString(), limit: MAX_PAGE_SIZE },
      });
      const occurrences = [...page.items].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      for (const [index, occurrence] of occurrences.entries()) {
        const time = times[index % times.length];
        if (!time || occurrence.localStart.slice(11, 16) === time) continue;
        const start = localToInstant(`${occurrence.localStart.slice(0, 10)}T${time}`, meeting.timeZone);
        const minutes = (Date.parse(occurrence.endsAt) - Date.parse(occurrence.startsAt)) / 60_000;
        await apiClient.request<Occurrence>(`/api/occurrences/${id(occurrence.id)}`, {
          method: 'PATCH',
          body: { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + minutes * 60_000).toISOString() },
        });
      }
    },
    onSettled: () => refreshMeetings(queryClient),
  });
}
