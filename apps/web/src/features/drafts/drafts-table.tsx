import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Draft, ModelPolicy } from '@minga/contracts';
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
      rowKey={(draft) => draft.id}
      columns={[
        { header: t('drafts.draftTitle'), rowHeader: true, cell: (draft) => <Link to={`/drafts/${draft.id}`}>{draft.title}</Link> },
        ...(showCity
          ? [{ header: t('drafts.city'), cell: (draft: Draft) => <Link to={`/cities/${draft.cityId}`}>{draft.cityName}</Link> }]
          : []),
        { header: t('drafts.modelPolicy'), cell: (draft) => policyNames.get(draft.modelPolicyId) ?? draft.modelPolicyKey },
        { header: t('drafts.statusLabel'), cell: (draft) => <DraftStatusTag status={draft.status} /> },
        { header: t('drafts.updated'), cell: (draft) => <time dateTime={draft.updatedAt}>{format.dateTime(draft.updatedAt)}</time> },
      ]}
    />
  );
}
