// A draft's versions: the list, naming one, reading one, comparing two states, restoring, and exporting the text.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DraftComparison, DraftVersion, DraftVersionContent, ExportFormat } from '@minga/contracts';
import { apiClient, type DownloadedFile } from '../../lib/api-client';

/** One side of a comparison: a version's id, the draft as it is now ('current') or its model policy ('model'). */
export type ComparisonSide = string;

const versionKeys = {
  all: (draftId: string) => ['draft-versions', draftId] as const,
  list: (draftId: string) => ['draft-versions', draftId, 'list'] as const,
  content: (draftId: string, versionId: string) => ['draft-versions', draftId, 'content', versionId] as const,
  comparison: (draftId: string, from: ComparisonSide, to: ComparisonSide) => ['draft-versions', draftId, 'comparison', from, to] as const,
};

function versionsPath(draftId: string): string {
  return `/api/drafts/${encodeURIComponent(draftId)}/versions`;
}

function fetchVersions(draftId: string, signal?: AbortSignal): Promise<DraftVersion[]> {
  return apiClient.request<DraftVersion[]>(versionsPath(draftId), { signal });
}

function createVersion(draftId: string, label: string): Promise<DraftVersion> {
  return apiClient.request<DraftVersion>(versionsPath(draftId), { method: 'POST', body: { label } });
}

function fetchVersionContent(draftId: string, versionId: string, signal?: AbortSignal): Promise<DraftVersionContent> {
  return apiClient.request<DraftVersionContent>(`${versionsPath(draftId)}/${encodeURIComponent(versionId)}`, { signal });
}

function restoreVersion(draftId: string, versionId: string): Promise<DraftVersion> {
  return apiClient.request<DraftVersion>(`${versionsPath(draftId)}/${encodeURIComponent(versionId)}/restore`, { method: 'POST' });
}

function fetchComparison(draftId: string, from: ComparisonSide, to: ComparisonSide, signal?: AbortSignal): Promise<DraftComparison> {
  return apiClient.request<DraftComparison>(`/api/drafts/${encodeURIComponent(draftId)}/comparison`, { query: { from, to }, signal });
}

function exportDraft(draftId: string, format: ExportFormat): Promise<DownloadedFile> {
  return apiClient.requestFile(`/api/drafts/${encodeURIComponent(draftId)}/export`, { query: { format } });
}

export function useVersions(draftId: string) {
  return useQuery({ queryKey: versionKeys.list(draftId), queryFn: ({ signal }) => fetchVersions(draftId, signal) });
}

export function useVersionContent(draftId: string, versionId: string) {
  // A version never changes once saved.
  return useQuery({
    queryKey: versionKeys.content(draftId, versionId),
    queryFn: ({ signal }) => fetchVersionContent(draftId, versionId, signal),
    staleTime: Infinity,
  });
}

export function useComparison(draftId: string, from: ComparisonSide, to: ComparisonSide) {
  // The current draft changes as people type: a comparison with it is fetched afresh each time it is asked for.
  const live = from === 'current' || to === 'current';
  return useQuery({
    queryKey: versionKeys.comparison(draftId, from, to),
    queryFn: ({ signal }) => fetchComparison(draftId, from, to, signal),
    staleTime: live ? 0 : Infinity,
  });
}

export function useCreateVersion(draftId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (label: string) => createVersion(draftId, label),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: versionKeys.list(draftId) }),
  });
}

export function useRestoreVersion(draftId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (versionId: string) => restoreVersion(draftId, versionId),
    // Open editors receive the restored text through the collaboration connection; the list gains the restore point,
    // and comparisons with the current draft no longer hold.
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: versionKeys.all(draftId), predicate: (query) => query.queryKey[2] !== 'content' }),
  });
}

export function useExportDraft(draftId: string) {
  return useMutation({ mutationFn: (format: ExportFormat) => exportDraft(draftId, format) });
}
