// Every change to a plan and its parts, newest first: who, when, and each field before and after.
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '@minga/contracts';
import { ListTable } from '../../components/list-table';
import { useFormatters } from '../../lib/formatters';
import { useHistory } from './api';

/** A before/after value as text: lists joined, nothing as a dash. */
export function historyValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(historyValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function PlanHistory({ planId, caption }: { planId: string; caption: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const history = useHistory(planId);
  return (
    <ListTable
      query={history}
      caption={caption}
      emptyText={t('plans.history.empty')}
      columns={
        <>
          <th scope="col">{t('plans.history.when')}</th>
          <th scope="col">{t('plans.history.who')}</th>
          <th scope="col">{t('plans.history.what')}</th>
          <th scope="col">{t('plans.history.changes')}</th>
        </>
      }
      renderRow={(entry: HistoryEntry) => (
        <tr key={entry.id}>
          <th scope="row">
            <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
          </th>
          <td>{entry.actor?.name ?? t('plans.history.system')}</td>
          <td>
            {t(`plans.history.action.${entry.action}`, {
              entity: t(`plans.history.entity.${entry.entity}`),
            })}
          </td>
          <td>
            {entry.changes.map((change) => (
              <p key={change.field} className="history-change">
                {t('plans.history.change', {
                  field: change.field,
                  before: historyValue(change.before),
                  after: historyValue(change.after),
                })}
              </p>
            ))}
          </td>
        </tr>
      )}
    />
  );
}
