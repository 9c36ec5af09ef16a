import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ModelPolicy } from '@minga/contracts';
import { ListTable } from '../../components/list-table';
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
  const policyNames = new Map(modelPolicies.map((policy) => [policy.id, policy.name]));

  return (
    <ListTable
      query={drafts}
      caption={caption}
      emptyText={emptyText}
      columns={
        <>
          <th scope="col">{t('drafts.draftTitle')}</th>
          {showCity && <th scope="col">{t('drafts.city')}</th>}
          <th scope="col">{t('drafts.modelPolicy')}</th>
          <th scope="col">{t('drafts.statusLabel')}</th>
          <th scope="col">{t('drafts.updated')}</th>
        </>
      }
      renderRow={(draft) => (
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
      )}
    />
  );
}
