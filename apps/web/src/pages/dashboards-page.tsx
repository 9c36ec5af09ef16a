// Every hub's dashboard and public open-data page, one card per hub.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { useHubs } from '../features/hubs/api';

export default function DashboardsPage() {
  const { t } = useTranslation();
  const hubs = useHubs();
  return (
    <div className="page">
      <PageHeading>{t('dashboards.indexTitle')}</PageHeading>
      <p className="lead">{t('dashboards.indexIntro')}</p>
      <QueryState query={hubs} emptyText={t('hubs.empty')}>
        {(list) => (
          <ul className="card-list">
            {list.map((hub) => (
              <li key={hub.id} className="card">
                <h2 className="card-title">{hub.name}</h2>
                <ul className="stack open-data-links">
                  <li>
                    <Link to={`/hubs/${hub.id}/dashboard`}>{t('dashboards.openDashboard', { hub: hub.name })}</Link>
                  </li>
                  <li>
                    <Link to={`/open-data/hubs/${hub.id}`}>{t('dashboards.openPublicPage', { hub: hub.name })}</Link>
                  </li>
                </ul>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}
