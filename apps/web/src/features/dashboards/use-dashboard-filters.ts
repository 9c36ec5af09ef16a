// A dashboard's filters live in the URL (?policy, ?stage, ?status), so a filtered view can be bookmarked and shared.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { adoptionStageSchema, cityStatusSchema } from '@minga/contracts';
import type { DashboardFilters } from './api';

export function useDashboardFilters(): [DashboardFilters, (next: DashboardFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<DashboardFilters>(() => {
    const stage = adoptionStageSchema.safeParse(params.get('stage'));
    const cityStatus = cityStatusSchema.safeParse(params.get('status'));
    return {
      modelPolicyId: params.get('policy') ?? undefined,
      stage: stage.success ? stage.data : undefined,
      cityStatus: cityStatus.success ? cityStatus.data : undefined,
    };
  }, [params]);
  const applyFilters = useCallback(
    (next: DashboardFilters) => {
      const search = new URLSearchParams();
      if (next.modelPolicyId) search.set('policy', next.modelPolicyId);
      if (next.stage) search.set('stage', next.stage);
      if (next.cityStatus) search.set('status', next.cityStatus);
      setParams(search, { replace: true });
    },
    [setParams],
  );
  return [filters, applyFilters];
}
