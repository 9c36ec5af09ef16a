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
      columns={
        <>
          <th scope="col">{t('cities.name')}</th>
          <th scope="col">{t('cities.country')}</th>
          <th scope="col" className="numeric">
            {t('cities.population')}
          </th>
          <th scope="col" className="numeric">
            {t('cities.area')}
          </th>
          <th scope="col">{t('cities.localTime')}</th>
        </>
      }
      renderRow={(city) => (
        <tr key={city.id}>
          <th scope="row">
            <Link to={`/cities/${city.id}`}>{city.name}</Link>
          </th>
          <td>{names.region(city.country)}</td>
          <td className="numeric">{city.population === null ? t('common.notRecorded') : format.number(city.population)}</td>
          <td className="numeric">{city.areaKm2 === null ? t('common.notRecorded') : format.areaKm2(city.areaKm2)}</td>
          <td>{format.timeIn(city.timeZone, now)}</td>
        </tr>
      )}
    />
  );
}
