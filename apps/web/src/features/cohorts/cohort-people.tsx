// The people of a cohort by why they belong: officials of member cities, experts and the hub's coordinators, each
// with their local time now and working hours, which the slot finder weighs.
import { useTranslation } from 'react-i18next';
import { COHORT_MEMBER_ROLES, type CohortPerson } from '@minga/contracts';
import { EmptyState } from '../../components/status-messages';
import { useFormatters } from '../../lib/formatters';
import { useNow } from '../../lib/use-now';
import './cohorts.css';

export function CohortPeople({ people }: { people: CohortPerson[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const now = useNow();
  if (people.length === 0) return <EmptyState>{t('cohorts.peopleEmpty')}</EmptyState>;
  return (
    <div className="people-columns">
      {COHORT_MEMBER_ROLES.map((role) => {
        const members = people.filter((person) => person.roles.includes(role));
        return (
          <section key={role} aria-labelledby={`cohort-people-${role}`}>
            <h3 id={`cohort-people-${role}`}>{t(`cohorts.peopleRole.${role}`)}</h3>
            {members.length === 0 ? (
              <p className="muted">{t('cohorts.nobody')}</p>
            ) : (
              <ul className="plain-list">
                {members.map((person) => (
                  <li key={person.id}>
                    <strong>{person.name}</strong>
                    {person.city && <> · {person.city.name}</>}
                    <span className="cohort-person-meta">
                      {t('cohorts.personTime', {
                        time: format.timeIn(person.timeZone, now),
                        start: person.workingHours.start,
                        end: person.workingHours.end,
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
