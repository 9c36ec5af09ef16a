import { useTranslation } from 'react-i18next';
import type { Hub } from '@minga/contracts';
import { useDisplayNames } from '../../lib/display-names';
import { useFormatters } from '../../lib/formatters';

/** Languages, time zones and head counts of a hub, as a description list. */
export function HubFacts({ hub }: { hub: Hub }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const names = useDisplayNames();
  return (
    <dl className="facts">
      <div className="facts-item">
        <dt>{t('hubs.cityCount')}</dt>
        <dd>{format.number(hub.cityCount)}</dd>
      </div>
      <div className="facts-item">
        <dt>{t('hubs.memberCount')}</dt>
        <dd>{format.number(hub.memberCount)}</dd>
      </div>
      <div className="facts-item facts-item--wide">
        <dt>{t('hubs.languages')}</dt>
        <dd>{hub.languages.map((tag) => names.language(tag)).join(', ')}</dd>
      </div>
      <div className="facts-item facts-item--wide">
        <dt>{t('hubs.timeZones')}</dt>
        <dd>{hub.timeZones.map((zone) => zone.replaceAll('_', ' ')).join(', ')}</dd>
      </div>
    </dl>
  );
}
