import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/page-heading';
import { HubsList } from '../features/hubs/hubs-list';

export default function HubsPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeading>{t('hubs.title')}</PageHeading>
      <p className="lead">{t('hubs.intro')}</p>
      <HubsList />
    </div>
  );
}
