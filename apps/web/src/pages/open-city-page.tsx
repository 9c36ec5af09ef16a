// A city's published action plans and KPIs, open to anyone signed in or not, with every table to download.
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeading } from '../components/page-heading';
import { EmptyState, ErrorState, LoadingState } from '../components/status-messages';
import { openDataPaths, useOpenCityPlans } from '../features/open-data/api';
import { OpenDataDownloads } from '../features/open-data/open-data-downloads';
import { OpenPlan } from '../features/open-data/open-plan';

export default function OpenCityPage() {
  const { t } = useTranslation();
  const { cityId = '' } = useParams();
  const open = useOpenCityPlans(cityId);
  const city = open.data?.city;
  return (
    <div className="page">
      <PageHeading>{city ? t('openData.cityTitle', { city: city.name }) : t('openData.fallbackTitle')}</PageHeading>
      {open.isPending && <LoadingState />}
      {open.isError && <ErrorState error={open.error} onRetry={() => void open.refetch()} />}
      {open.data && city && (
        <>
          <p className="lead">{t('openData.cityIntro', { city: city.name })}</p>
          <section aria-labelledby="open-downloads">
            <h2 id="open-downloads">{t('openData.downloads')}</h2>
            <OpenDataDownloads
              owner={city.name}
              href={(table, format) => openDataPaths.cityTable(cityId, table, format)}
              license={open.data.license}
              licenseUrl={open.data.licenseUrl}
            />
          </section>
          {open.data.plans.length === 0 ? (
            <EmptyState>{t('openData.noPlans')}</EmptyState>
          ) : (
            open.data.plans.map((plan) => <OpenPlan key={plan.id} plan={plan} />)
          )}
        </>
      )}
    </div>
  );
}
