// A city's published action plans and KPIs, open to anyone signed in or not, with every table to download.
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { EmptyState } from '../components/status-messages';
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
      <QueryState query={open}>
        {(data) => (
          <>
            <p className="lead">{t('openData.cityIntro', { city: data.city.name })}</p>
            <section aria-labelledby="open-downloads">
              <h2 id="open-downloads">{t('openData.downloads')}</h2>
              <OpenDataDownloads
                owner={data.city.name}
                href={(table, format) => openDataPaths.cityTable(cityId, table, format)}
                license={data.license}
                licenseUrl={data.licenseUrl}
              />
            </section>
            {data.plans.length === 0 ? (
              <EmptyState>{t('openData.noPlans')}</EmptyState>
            ) : (
              data.plans.map((plan) => <OpenPlan key={plan.id} plan={plan} />)
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
