// A hub's published action plans, open to anyone: each city's plans with stage and progress, and the downloads.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DataTable } from '../components/data-table';
import { PageHeading } from '../components/page-heading';
import { ProgressMeter } from '../components/progress-meter';
import { QueryState } from '../components/query-state';
import { StageTag } from '../components/stage-tag';
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
      <QueryState query={open}>
        {(data) => (
          <>
            <p className="lead">{t('openData.hubIntro', { hub: data.hub.name })}</p>
            <DataTable
              caption={t('openData.hubPlansCaption', { hub: data.hub.name })}
              emptyText={t('openData.noPlans')}
              rows={data.plans}
              rowKey={(plan) => plan.id}
              columns={[
                {
                  header: t('dashboards.city'),
                  rowHeader: true,
                  cell: (plan) => <Link to={`/open-data/cities/${plan.cityId}`}>{plan.cityName}</Link>,
                },
                { header: t('plans.modelPolicy'), cell: (plan) => plan.modelPolicyName },
                { header: t('plans.stageLabel'), cell: (plan) => <StageTag stage={plan.stage} /> },
                { header: t('plans.progress'), cell: (plan) => <ProgressMeter share={plan.progress / 100} /> },
                { header: t('openData.updated'), cell: (plan) => format.date(plan.updatedAt) },
              ]}
            />
            <section className="section" aria-labelledby="open-downloads">
              <h2 id="open-downloads">{t('openData.downloads')}</h2>
              <OpenDataDownloads
                owner={data.hub.name}
                href={(table, fileFormat) => openDataPaths.hubTable(hubId, table, fileFormat)}
                license={data.license}
                licenseUrl={data.licenseUrl}
              />
            </section>
          </>
        )}
      </QueryState>
    </div>
  );
}
