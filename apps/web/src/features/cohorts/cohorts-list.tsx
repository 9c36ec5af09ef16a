// A hub's cohorts as cards: name, model policy, period, how many cities and people.
import { Link } from 'react-router';
import { QueryState } from '../../components/query-state';
import { useHubCohorts } from './api';
import { CohortSummaryFacts } from './cohort-facts';
import './cohorts.css';

export function CohortsList({ hubId, emptyText }: { hubId: string; emptyText: string }) {
  const cohorts = useHubCohorts(hubId);
  return (
    <QueryState query={cohorts} emptyText={emptyText}>
      {(list) => (
        <ul className="card-list">
          {list.map((cohort) => (
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
      )}
    </QueryState>
  );
}
