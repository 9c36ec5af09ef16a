// A hub's published action plans, open to anyone: each city's plans with stage and progress, and the downloads.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../components/page-heading';
import { ProgressMeter } from '../components/progress-meter';
import { StageTag } from '../components/stage-tag';
import { EmptyState, ErrorState, LoadingState } from '../components/status-messages';
import { openDataPaths, useOpenHubPlans } from '../features/open-data/api';
import { OpenDataDownloads } from '../features/open-data/open-data-downloads';
import { useFormatters } from '../lib/formatters';

export default function OpenHubPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { hubId = '' } = useParams();
  const open = useOpenHubPlans(hubId);
  const hub = open.data?.hub;
  return (
    <div className="page">
      <PageHeading>{hub ? t('openData.hubTitle', { hub: hub.name }) : t('openData.fallbackTitle')}</PageHeading>
      {open.isPending && <LoadingState />}
      {open.isError && <ErrorState error={open.error} onRetry={() => void open.refetch()} />}
      {open.data && hub && (
        <>
          <p className="lead">{t('openData.hubIntro', { hub: hub.name })}</p>
          {open.data.plans.length === 0 ? (
            <EmptyState>{t('openData.noPlans')}</EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption>{t('openData.hubPlansCaption', { hub: hub.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboards.city')}</th>
                    <th scope="col">{t('plans.modelPolicy')}</th>
                    <th scope="col">{t('plans.stageLabel')}</th>
                    <th scope="col">{t('plans.progress')}</th>
                    <th scope="col">{t('openData.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {open.data.plans.map((plan) => (
                    <tr key={plan.id}>
                      <th scope="row">
                        <Link to={`/open-data/cities/${plan.cityId}`}>{plan.cityName}</Link>
                      </th>
                      <td>{plan.modelPolicyName}</td>
                      <td>
                        <StageTag stage={plan.stage} />
                      </td>
                      <td>
                        <ProgressMeter share={plan.progress / 100} />
                      </td>
                      <td>{format.date(plan.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <section className="section" aria-labelledby="open-downloads">
            <h2 id="open-downloads">{t('openData.downloads')}</h2>
            <OpenDataDownloads
              owner={hub.name}
              href={(table, fileFormat) => openDataPaths.hubTable(hubId, table, fileFormat)}
              license={open.data.license}
              licenseUrl={open.data.licenseUrl}
            />
          </section>
        </>
      )}
    </div>
  );
}
