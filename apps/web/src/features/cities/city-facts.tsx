import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { City } from '@minga/contracts';
import { useDisplayNames } from '../../lib/display-names';
import { useFormatters } from '../../lib/formatters';
import { useNow } from '../../lib/use-now';

interface CityFactsProps {
  city: City;
  /** The hub's name or a link to it; the page resolves it, this feature knows only the id. */
  hub: ReactNode;
}

export function CityFacts({ city, hub }: CityFactsProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const names = useDisplayNames();
  const now = useNow();
  const facts: [string, ReactNode][] = [
    [t('cities.country'), `${names.region(city.country)} (${city.country})`],
    [t('cities.hub'), hub],
    [t('cities.timeZone'), city.timeZone.replaceAll('_', ' ')],
    [t('cities.locale'), names.language(city.locale)],
    [t('cities.population'), city.population === null ? t('common.notRecorded') : format.number(city.population)],
    [t('cities.area'), city.areaKm2 === null ? t('common.notRecorded') : format.areaKm2(city.areaKm2)],
    [
      t('cities.localTimeNow'),
      <time key="now" dateTime={now.toISOString()}>
        {format.timeIn(city.timeZone, now)}
      </time>,
    ],
  ];
  return (
    <dl className="facts">
      {facts.map(([label, value]) => (
        <div key={label} className="facts-item">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
