import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/page-heading';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p className="lead">{t('notFound.body')}</p>
      <p>
        <Link to="/hubs">{t('notFound.home')}</Link>
      </p>
    </div>
  );
}
