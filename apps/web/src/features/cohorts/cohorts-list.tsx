// A hub's cohorts as cards: name, model policy, period, how many cities and people.
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/status-messages';
import { useHubCohorts } from './api';
import { CohortSummaryFacts } from './cohort-facts';
import './cohorts.css';

export function CohortsList({ hubId, emptyText }: { hubId: string; emptyText: string }) {
  const cohorts = useHubCohorts(hubId);
  if (cohorts.isPending) return <LoadingState />;
  if (cohorts.isError) return <ErrorState error={cohorts.error} onRetry={() => void cohorts.refetch()} />;
  if (cohorts.data.length === 0) return <EmptyState>{emptyText}</EmptyState>;
  return (
    <ul className="card-list">
      {cohorts.data.map((cohort) => (
        <li key={cohort.id} className="card">
          <h3 className="card-title">
            <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
          </h3>
          <dl className="facts">
            <CohortSummaryFacts cohort={cohort} />
          </dl>
          <p className="muted">{cohort.cities.map((city) => city.name).join(', ')}</p>
        </li>
      ))}
    </ul>
  );
}
