// "Expert input": the accepted suggestions that changed the draft, clause by clause, with who proposed and who
// accepted each one and when.
import { useTranslation } from 'react-i18next';
import type { Draft } from '@minga/contracts';
import { ErrorState, LoadingState } from '../../components/status-messages';
import { useFormatters } from '../../lib/formatters';
import { useContributions } from './api';
import './comments.css';

export const CONTRIBUTIONS_HEADING_ID = 'draft-contributions';

export function ContributionsList({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const contributions = useContributions(draft.id);
  return (
    <section className="section contributions" aria-labelledby={CONTRIBUTIONS_HEADING_ID}>
      <h2 id={CONTRIBUTIONS_HEADING_ID}>{t('comments.contributions.heading')}</h2>
      <p className="muted">{t('comments.contributions.intro')}</p>
      {contributions.isPending && <LoadingState />}
      {contributions.isError && <ErrorState error={contributions.error} onRetry={() => void contributions.refetch()} />}
      {contributions.data && contributions.data.items.length === 0 && (
        <p className="status status--empty">{t('comments.contributions.empty')}</p>
      )}
      {contributions.data && contributions.data.items.length > 0 && (
        <ol className="contribution-list">
          {contributions.data.items.map((contribution) => (
            <li key={contribution.id} className="contribution">
              <h3 className="contribution-section">{contribution.heading ?? t('comments.contributions.noSection')}</h3>
              <p className="comment-change">
                <span className="visually-hidden">{t('comments.suggestion.replace')}</span>
                <del>{contribution.before}</del> <span aria-hidden="true">→</span>
                <span className="visually-hidden">{t('comments.suggestion.with')}</span> <ins>{contribution.after}</ins>
              </p>
              <p className="comment-meta">
                {t('comments.contributions.byline', {
                  proposer: contribution.proposedBy.name,
                  accepter: contribution.acceptedBy.name,
                  when: dateTime(contribution.acceptedAt),
                })}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
