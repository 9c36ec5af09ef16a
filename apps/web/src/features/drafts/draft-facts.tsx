import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Draft } from '@minga/contracts';
import { useDisplayNames } from '../../lib/display-names';
import { useFormatters } from '../../lib/formatters';
import { DraftStatusTag } from './draft-status-tag';

/** A draft's city, model policy, status, owners and language, as a description list. */
export function DraftFacts({ draft, modelPolicyName }: { draft: Draft; modelPolicyName: string | undefined }) {
  const { t } = useTranslation();
  const names = useDisplayNames();
  const format = useFormatters();
  return (
    <dl className="facts">
      <div className="facts-item">
        <dt>{t('drafts.city')}</dt>
        <dd>
          <Link to={`/cities/${draft.cityId}`}>{draft.cityName}</Link>
        </dd>
      </div>
      <div className="facts-item">
        <dt>{t('drafts.modelPolicy')}</dt>
        <dd>{modelPolicyName ?? draft.modelPolicyKey}</dd>
      </div>
      <div className="facts-item">
        <dt>{t('drafts.statusLabel')}</dt>
        <dd>
          <DraftStatusTag status={draft.status} />
        </dd>
      </div>
      <div className="facts-item">
        <dt>{t('drafts.language')}</dt>
        <dd>{names.language(draft.language)}</dd>
      </div>
      <div className="facts-item">
        <dt>{t('drafts.owners')}</dt>
        <dd>{draft.owners.length ? draft.owners.map((owner) => owner.name).join(', ') : t('drafts.noOwners')}</dd>
      </div>
      <div className="facts-item">
        <dt>{t('drafts.updated')}</dt>
        <dd>
          <time dateTime={draft.updatedAt}>{format.dateTime(draft.updatedAt)}</time>
        </dd>
      </div>
    </dl>
  );
}
