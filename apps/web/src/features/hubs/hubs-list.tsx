import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/query-state';
import { useHubs } from './api';
import { HubFacts } from './hub-facts';

export function HubsList() {
  const { t } = useTranslation();
  const hubs = useHubs();
  return (
    <QueryState query={hubs} emptyText={t('hubs.empty')}>
      {(list) => (
        <ul className="card-list">
          {list.map((hub) => (
            <li key={hub.id} className="card">
              <h2 className="card-title">
                <Link to={`/hubs/${hub.id}`}>{hub.name}</Link>
              </h2>
              <HubFacts hub={hub} />
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}
