// Status pills of milestones and KPIs: a symbol and a word, so that the tint is never the only signal.
import { useTranslation } from 'react-i18next';
import type { KpiStatus, MilestoneStatus } from '@minga/contracts';

const KPI_SYMBOLS: Record<KpiStatus, string> = {
  on_track: '✓',
  at_risk: '!',
  off_track: '✕',
  no_data: '–',
};

export function KpiStatusTag({ status }: { status: KpiStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`kpi-status kpi-status--${status}`}>
      <span aria-hidden="true">{KPI_SYMBOLS[status]}</span>
      {t(`kpis.status.${status}`)}
    </span>
  );
}

export function MilestoneStatusTag({ status }: { status: MilestoneStatus }) {
  const { t } = useTranslation();
  return <span className={`milestone-status milestone-status--${status}`}>{t(`plans.milestoneStatus.${status}`)}</span>;
}

export function OverdueFlag() {
  const { t } = useTranslation();
  return (
    <span className="overdue-flag">
      <span aria-hidden="true">!</span>
      {t('plans.overdue')}
    </span>
  );
}
