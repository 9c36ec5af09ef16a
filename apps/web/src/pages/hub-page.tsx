// A hub: its facts, cities, policy drafts and people, and for its coordinators and admins the invitations.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Hub } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { CohortsList } from '../features/cohorts/cohorts-list';
import { OccurrenceList } from '../features/meetings/occurrence-list';
import { CitiesTable } from '../features/cities/cities-table';
import { useCityOptions } from '../features/cities/api';
import { DraftsTable } from '../features/drafts/drafts-table';
import { useHub } from '../features/hubs/api';
import { HubFacts } from '../features/hubs/hub-facts';
import { invitableRoles } from '../features/invitations/invitable-roles';
import { InviteForm } from '../features/invitations/invite-form';
import { useModelPolicies } from '../features/model-policies/api';
import { PendingInvitationsTable } from '../features/invitations/pending-invitations-table';
import { PeopleTable } from '../features/users/people-table';
import { useSession } from '../lib/session';

export default function HubPage() {
  const { t } = useTranslation();
  const { hubId = '' } = useParams();
  const hub = useHub(hubId);
  return (
    <div className="page">
      <PageHeading>{hub.data?.name ?? t('hubs.hubFallbackTitle')}</PageHeading>
      <QueryState query={hub}>{(data) => <HubSections hub={data} />}</QueryState>
    </div>
  );
}

function HubSections({ hub }: { hub: Hub }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const canInvite = invitableRoles(ability, hub.id).length > 0;
  return (
    <>
      <HubFacts hub={hub} />
      <ul className="open-data-links hub-links">
        <li>
          <Link to={`/hubs/${hub.id}/dashboard`}>{t('dashboards.openDashboard', { hub: hub.name })}</Link>
        </li>
        <li>
          <Link to={`/open-data/hubs/${hub.id}`}>{t('dashboards.openPublicPage', { hub: hub.name })}</Link>
        </li>
        <li>
          <a href="#hub-cohorts">{t('cohorts.hubLink', { hub: hub.name })}</a>
        </li>
      </ul>
      <nav aria-label={t('hubs.sectionsNav')} className="section-nav">
        <ul>
          <li>
            <a href="#hub-cities">{t('hubs.cities')}</a>
          </li>
          <li>
            <a href="#hub-drafts">{t('drafts.title')}</a>
          </li>
          <li>
            <a href="#hub-cohorts">{t('meetings.hub.navLabel')}</a>
          </li>
          <li>
            <a href="#hub-people">{t('hubs.people')}</a>
          </li>
          {canInvite && (
            <li>
              <a href="#hub-invitations">{t('hubs.invitations')}</a>
            </li>
          )}
        </ul>
      </nav>
      <section className="section" aria-labelledby="hub-cities">
        <h2 id="hub-cities" tabIndex={-1}>
          {t('hubs.cities')}
        </h2>
        <CitiesTable filters={{ hubId: hub.id }} caption={t('hubs.citiesCaption', { hub: hub.name })} />
      </section>
      <HubDrafts hub={hub} />
      <HubCohorts hub={hub} />
      <section className="section" aria-labelledby="hub-people">
        <h2 id="hub-people" tabIndex={-1}>
          {t('hubs.people')}
        </h2>
        <PeopleTable filters={{ hubId: hub.id }} caption={t('hubs.peopleCaption', { hub: hub.name })} emptyText={t('hubs.peopleEmpty')} />
      </section>
      {canInvite && <HubInvitations hub={hub} />}
    </>
  );
}

function HubDrafts({ hub }: { hub: Hub }) {
  const { t } = useTranslation();
  const modelPolicies = useModelPolicies();
  return (
    <section className="section" aria-labelledby="hub-drafts">
      <h2 id="hub-drafts" tabIndex={-1}>
        {t('drafts.title')}
      </h2>
      <DraftsTable
        filters={{ hubId: hub.id }}
        caption={t('drafts.hubCaption', { hub: hub.name })}
        emptyText={t('drafts.hubEmpty')}
        modelPolicies={modelPolicies.data ?? []}
        showCity
      />
    </section>
  );
}

function HubCohorts({ hub }: { hub: Hub }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const canCreate = ability.can('create', { kind: 'Cohort', id: '', hubId: hub.id });
  return (
    <section className="section" aria-labelledby="hub-cohorts">
      <h2 id="hub-cohorts" tabIndex={-1}>
        {t('meetings.hub.navLabel')}
      </h2>
      {canCreate && (
        <p>
          <Link to={`/hubs/${hub.id}/cohorts/new`}>{t('cohorts.new')}</Link>
        </p>
      )}
      <CohortsList hubId={hub.id} emptyText={t('cohorts.hubEmpty', { hub: hub.name })} />
      <h3 className="subsection-heading">{t('meetings.hub.heading')}</h3>
      {ability.can('create', { kind: 'Meeting', id: '', hubId: hub.id, organiserId: '', invited: false }) && (
        <p>
          <Link to={`/hubs/${hub.id}/meetings/new`}>{t('meetings.hub.schedule')}</Link>
        </p>
      )}
      <OccurrenceList
        source={{ kind: 'hub', hubId: hub.id }}
        emptyText={t('meetings.hub.empty', { hub: hub.name })}
        headingLevel={4}
        showCohort
      />
    </section>
  );
}

function HubInvitations({ hub }: { hub: Hub }) {
  const { t } = useTranslation();
  const cities = useCityOptions(hub.id);
  return (
    <section className="section" aria-labelledby="hub-invitations">
      <h2 id="hub-invitations" tabIndex={-1}>
        {t('hubs.invitations')}
      </h2>
      <h3>{t('invitations.inviteHeading')}</h3>
      <InviteForm hubId={hub.id} cities={cities.data ?? []} />
      <h3 className="subsection-heading">{t('invitations.pendingHeading')}</h3>
      <PendingInvitationsTable hubId={hub.id} caption={t('invitations.pendingCaption', { hub: hub.name })} />
    </section>
  );
}
