import { useTranslation } from 'react-i18next';
import type { CityStatus } from '@minga/contracts';

const SYMBOLS: Record<CityStatus, string> = {
  on_track: '✓',
  at_risk: '!',
  behind: '✕',
  no_plan: '–',
};
// The KPI pill's tints: behind reads like off track, no plan like no data.
const TINTS: Record<CityStatus, string> = {
  on_track: 'on_track',
  at_risk: 'at_risk',
  behind: 'off_track',
  no_plan: 'no_data',
};

/** How a city stands across its plans, in words and a symbol; the tint repeats them. */
export function CityStatusTag({ status }: { status: CityStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`kpi-status kpi-status--${TINTS[status]}`}>
      <span aria-hidden="true">{SYMBOLS[status]}</span>
      {t(`dashboards.cityStatus.${status}`)}
    </span>
  );
}
