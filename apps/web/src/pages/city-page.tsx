// A city: its facts, its officials, its policy drafts, and the forms for those allowed to change them.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { City } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { CityActionPlans } from '../features/action-plans/city-action-plans';
import { useCity } from '../features/cities/api';
import { CityEditor } from '../features/cities/city-editor';
import { CityFacts } from '../features/cities/city-facts';
import { DraftCreator } from '../features/drafts/draft-creator';
import { DraftsTable } from '../features/drafts/drafts-table';
import { useHub } from '../features/hubs/api';
import { useModelPolicies } from '../features/model-policies/api';
import { PeopleTable } from '../features/users/people-table';

export default function CityPage() {
  const { t } = useTranslation();
  const { cityId = '' } = useParams();
  const city = useCity(cityId);
  return (
    <div className="page">
      <PageHeading>{city.data?.name ?? t('cities.fallbackTitle')}</PageHeading>
      <QueryState query={city}>{(data) => <CitySections city={data} />}</QueryState>
    </div>
  );
}

function CitySections({ city }: { city: City }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="section" aria-labelledby="city-facts">
        <h2 id="city-facts">{t('cities.facts')}</h2>
        <CityFacts city={city} hub={<HubName hubId={city.hubId} />} />
        <CityEditor city={city} />
      </section>
      <section className="section" aria-labelledby="city-officials">
        <h2 id="city-officials">{t('cities.officials')}</h2>
        <PeopleTable
          filters={{ cityId: city.id, role: 'official' }}
          caption={t('cities.officialsCaption', { city: city.name })}
          emptyText={t('cities.noOfficials')}
        />
      </section>
      <CityDrafts city={city} />
      <CityPlans city={city} />
    </>
  );
}

function CityDrafts({ city }: { city: City }) {
  const { t } = useTranslation();
  const modelPolicies = useModelPolicies();
  return (
    <section className="section" aria-labelledby="city-drafts">
      <h2 id="city-drafts">{t('drafts.title')}</h2>
      <DraftsTable
        filters={{ cityId: city.id }}
        caption={t('drafts.cityCaption', { city: city.name })}
        emptyText={t('drafts.cityEmpty')}
        modelPolicies={modelPolicies.data ?? []}
      />
      <DraftCreator city={city} modelPolicies={modelPolicies.data ?? []} />
    </section>
  );
}

function CityPlans({ city }: { city: City }) {
  const { t } = useTranslation();
  const modelPolicies = useModelPolicies();
  return (
    <section className="section" aria-labelledby="city-plans">
      <h2 id="city-plans">{t('plans.title')}</h2>
      <CityActionPlans city={city} modelPolicies={modelPolicies.data ?? []} />
    </section>
  );
}

function HubName({ hubId }: { hubId: string | null }) {
  const { t } = useTranslation();
  const hub = useHub(hubId);
  if (!hubId) return t('cities.noHub');
  if (!hub.data) return hub.isError ? t('common.notRecorded') : t('common.loading');
  return <Link to={`/hubs/${hubId}`}>{hub.data.name}</Link>;
}
