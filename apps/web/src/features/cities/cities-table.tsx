import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListTable } from '../../components/list-table';
import { useDisplayNames } from '../../lib/display-names';
import { useFormatters } from '../../lib/formatters';
import { useNow } from '../../lib/use-now';
import { useCities, type CityFilters } from './api';

export function CitiesTable({ filters, caption }: { filters: CityFilters; caption: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const names = useDisplayNames();
  const now = useNow();
  const cities = useCities(filters);

  return (
    <ListTable
      query={cities}
      caption={caption}
      emptyText={t('cities.empty')}
      rowKey={(city) => city.id}
      columns={[
        { header: t('cities.name'), rowHeader: true, cell: (city) => <Link to={`/cities/${city.id}`}>{city.name}</Link> },
        { header: t('cities.country'), cell: (city) => names.region(city.country) },
        {
          header: t('cities.population'),
          className: 'numeric',
          cell: (city) => (city.population === null ? t('common.notRecorded') : format.number(city.population)),
        },
        {
          header: t('cities.area'),
          className: 'numeric',
          cell: (city) => (city.areaKm2 === null ? t('common.notRecorded') : format.areaKm2(city.areaKm2)),
        },
        { header: t('cities.localTime'), cell: (city) => format.timeIn(city.timeZone, now) },
      ]}
    />
  );
}
