// Open data: a city's or hub's published plans, readable signed out, and the addresses of the files to download.
import { useQuery } from '@tanstack/react-query';
import type { OpenCityPlans, OpenDataTable, OpenHubPlans, TableFormat } from '@minga/contracts';
import { apiClient } from '../../lib/api-client';

const id = encodeURIComponent;

/** Plain links, not fetches: the files are public, so the browser downloads them itself. */
export const openDataPaths = {
  city: (cityId: string) => `/api/open-data/cities/${id(cityId)}`,
  hub: (hubId: string) => `/api/open-data/hubs/${id(hubId)}`,
  cityTable: (cityId: string, table: OpenDataTable, format: TableFormat) => `/api/open-data/cities/${id(cityId)}/${table}?format=${format}`,
  hubTable: (hubId: string, table: OpenDataTable, format: TableFormat) => `/api/open-data/hubs/${id(hubId)}/${table}?format=${format}`,
  catalog: '/api/open-data/catalog',
  dictionary: '/api/open-data/dictionary',
};

const openDataKeys = {
  all: ['open-data'] as const,
  city: (cityId: string) => ['open-data', 'city', cityId] as const,
  hub: (hubId: string) => ['open-data', 'hub', hubId] as const,
};

export function useOpenCityPlans(cityId: string) {
  return useQuery({
    queryKey: openDataKeys.city(cityId),
    queryFn: ({ signal }) => apiClient.request<OpenCityPlans>(openDataPaths.city(cityId), { signal }),
  });
}

export function useOpenHubPlans(hubId: string) {
  return useQuery({
    queryKey: openDataKeys.hub(hubId),
    queryFn: ({ signal }) => apiClient.request<OpenHubPlans>(openDataPaths.hub(hubId), { signal }),
  });
}
