// Shown when a page fails to render or its code cannot be loaded (e.g. after a deploy replaced the files).
import { useTranslation } from 'react-i18next';
import { SiteLayout } from '../components/site-layout';
import { PageHeading } from '../components/page-heading';

export function RouteError() {
  const { t } = useTranslation();
  return (
    <SiteLayout homePath="/">
      <div className="page page--narrow">
        <PageHeading>{t('routeError.title')}</PageHeading>
        <p className="lead">{t('routeError.body')}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('routeError.reload')}
        </button>
      </div>
    </SiteLayout>
  );
}
