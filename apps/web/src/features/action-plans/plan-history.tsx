// Every change to a plan and its parts, newest first: who, when, and each field before and after.
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '@minga/contracts';
import { ListTable } from '../../components/list-table';
import { TableExport } from '../../components/table-export';
import { useFormatters } from '../../lib/formatters';
import { useHistory } from './api';
import './action-plans.css';

/** A before/after value as text: lists joined, nothing (or an empty list) as a dash. */
function historyValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(historyValue).join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The part a task or measurement belongs to is already said by "what"; its id would only be noise. */
const PARENT_FIELDS = new Set(['milestoneId', 'kpiId', 'actionPlanId']);

function ChangeLine({ action, change }: { action: HistoryEntry['action']; change: HistoryEntry['changes'][number] }) {
  const { t } = useTranslation();
  const field = t(`plans.history.field.${change.field}`, { defaultValue: change.field });
  let text: string;
  // A new part has only "after" values and a removed one only "before": an arrow from nothing says nothing.
  if (action === 'create') text = t('plans.history.value', { field, value: historyValue(change.after) });
  else if (action === 'delete') text = t('plans.history.value', { field, value: historyValue(change.before) });
  else text = t('plans.history.change', { field, before: historyValue(change.before), after: historyValue(change.after) });
  return <p className="history-change">{text}</p>;
}

export function PlanHistory({ planId, caption, filename }: { planId: string; caption: string; filename: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const history = useHistory(planId);
  const loaded = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <ListTable
        query={history}
        caption={caption}
        emptyText={t('plans.history.empty')}
        rowKey={(entry: HistoryEntry) => entry.id}
        columns={[
          {
            header: t('plans.history.when'),
            rowHeader: true,
            cell: (entry) => <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>,
          },
          { header: t('plans.history.who'), cell: (entry) => entry.actor?.name ?? t('plans.history.system') },
          {
            header: t('plans.history.what'),
            cell: (entry) => t(`plans.history.action.${entry.action}`, { entity: t(`plans.history.entity.${entry.entity}`) }),
          },
          {
            header: t('plans.history.changes'),
            cell: (entry) =>
              entry.changes
                .filter((change) => !PARENT_FIELDS.has(change.field))
                .map((change) => <ChangeLine key={change.field} action={entry.action} change={change} />),
          },
        ]}
      />
      {loaded.length > 0 && (
        <TableExport
          filename={filename}
          subject={caption}
          columns={['id', 'at', 'actor', 'entity', 'entity_id', 'action', 'changes']}
          // The rows loaded so far ("Show more" loads older ones); the changes as JSON, since their fields differ by entity.
          rows={loaded.map((entry) => ({
            id: entry.id,
            at: entry.at,
            actor: entry.actor?.name ?? null,
            entity: entry.entity,
            entity_id: entry.entityId,
            action: entry.action,
            changes: JSON.stringify(entry.changes),
          }))}
        />
      )}
    </>
  );
}
