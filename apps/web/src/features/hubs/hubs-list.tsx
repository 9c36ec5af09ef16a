import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/status-messages';
import { useHubs } from './api';
import { HubFacts } from './hub-facts';

export function HubsList() {
  const { t } = useTranslation();
  const hubs = useHubs();
  if (hubs.isPending) return <LoadingState />;
  if (hubs.isError) return <ErrorState error={hubs.error} onRetry={() => void hubs.refetch()} />;
  if (hubs.data.length === 0) return <EmptyState>{t('hubs.empty')}</EmptyState>;
  return (
    <ul className="card-list">
      {hubs.data.map((hub) => (
        <li key={hub.id} className="card">
          <h2 className="card-title">
            <Link to={`/hubs/${hub.id}`}>{hub.name}</Link>
          </h2>
          <HubFacts hub={hub} />
        </li>
      ))}
    </ul>
  );
}
