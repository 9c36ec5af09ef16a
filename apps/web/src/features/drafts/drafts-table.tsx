import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ModelPolicy } from '@minga/contracts';
import { LoadMoreButton } from '../../components/load-more-button';
import { EmptyState, ErrorState, LoadingState } from '../../components/status-messages';
import { useFormatters } from '../../lib/formatters';
import { useDrafts, type DraftFilters } from './api';
import { DraftStatusTag } from './draft-status-tag';

interface DraftsTableProps {
  filters: DraftFilters;
  caption: string;
  emptyText: string;
  /** The model policies, to name each draft's; until they load, a draft shows its policy's key. */
  modelPolicies: Pick<ModelPolicy, 'id' | 'name'>[];
  /** A list across cities (a hub's, or everyone's) names each draft's city. */
  showCity?: boolean;
}

/** Drafts, most recently changed first. */
export function DraftsTable({ filters, caption, emptyText, modelPolicies, showCity = false }: DraftsTableProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const drafts = useDrafts(filters);

  if (drafts.isPending) return <LoadingState />;
  if (drafts.isError) return <ErrorState error={drafts.error} onRetry={() => void drafts.refetch()} />;
  const items = drafts.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <EmptyState>{emptyText}</EmptyState>;
  const policyNames = new Map(modelPolicies.map((policy) => [policy.id, policy.name]));

  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('drafts.draftTitle')}</th>
              {showCity && <th scope="col">{t('drafts.city')}</th>}
              <th scope="col">{t('drafts.modelPolicy')}</th>
              <th scope="col">{t('drafts.statusLabel')}</th>
              <th scope="col">{t('drafts.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((draft) => (
              <tr key={draft.id}>
                <th scope="row">
                  <Link to={`/drafts/${draft.id}`}>{draft.title}</Link>
                </th>
                {showCity && (
                  <td>
                    <Link to={`/cities/${draft.cityId}`}>{draft.cityName}</Link>
                  </td>
                )}
                <td>{policyNames.get(draft.modelPolicyId) ?? draft.modelPolicyKey}</td>
                <td>
                  <DraftStatusTag status={draft.status} />
                </td>
                <td>
                  <time dateTime={draft.updatedAt}>{format.dateTime(draft.updatedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {drafts.hasNextPage && <LoadMoreButton onClick={() => void drafts.fetchNextPage()} loading={drafts.isFetchingNextPage} />}
    </>
  );
}
