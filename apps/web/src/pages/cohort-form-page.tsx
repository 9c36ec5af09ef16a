// Forming a cohort in a hub (/hubs/:hubId/cohorts/new) or changing one (/cohorts/:cohortId/edit).
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Cohort } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { useCohort } from '../features/cohorts/api';
import { CohortForm } from '../features/cohorts/cohort-form';
import { useHub } from '../features/hubs/api';

export default function CohortFormPage() {
  const { cohortId } = useParams();
  return cohortId ? <EditCohort cohortId={cohortId} /> : <NewCohort />;
}

function NewCohort() {
  const { t } = useTranslation();
  const { hubId = '' } = useParams();
  const navigate = useNavigate();
  const hub = useHub(hubId);
  const saved = (cohort: Cohort) => void navigate(`/cohorts/${cohort.id}`);
  return (
    <div className="page page--medium">
      <PageHeading>{hub.data ? t('cohorts.form.newHeading', { hub: hub.data.name }) : t('cohorts.form.newLabel')}</PageHeading>
      <CohortForm hubId={hubId} onSaved={saved} onCancel={() => void navigate(`/hubs/${hubId}`)} />
    </div>
  );
}

function EditCohort({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cohort = useCohort(cohortId);
  const back = () => void navigate(`/cohorts/${cohortId}`);
  return (
    <div className="page page--medium">
      <PageHeading>{cohort.data ? t('cohorts.form.editLabel', { name: cohort.data.name }) : t('cohorts.fallbackTitle')}</PageHeading>
      <QueryState query={cohort}>{(data) => <CohortForm hubId={data.hubId} cohort={data} onSaved={back} onCancel={back} />}</QueryState>
    </div>
  );
}
