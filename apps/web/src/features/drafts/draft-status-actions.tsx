// Moves a draft along its process (drafting, legal review, public consultation, adopted) for those who may update it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, DraftStatus } from '@minga/contracts';
import { ProblemAlert } from '../../components/problem-alert';
import { useSession } from '../../lib/session';
import { useUpdateDraft } from './api';
import { statusActions } from './status-transitions';
import './drafts.css';

export function DraftStatusActions({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const update = useUpdateDraft(draft.id);
  const [moved, setMoved] = useState<DraftStatus | null>(null);
  const canUpdate = ability.can('update', { kind: 'Draft', id: draft.id, cityId: draft.cityId, hubId: draft.hubId });
  const next = statusActions(draft.status, canUpdate);
  if (!canUpdate) return null;

  function move(status: DraftStatus) {
    setMoved(null);
    update.mutate({ status }, { onSuccess: () => setMoved(status) });
  }

  return (
    <div className="draft-status-actions">
      {update.isError && <ProblemAlert error={update.error} titles={{ draft_transition_invalid: t('drafts.statusConflict') }} />}
      <p role="status" className="status status--success">
        {moved ? t('drafts.statusChanged', { status: t(`drafts.status.${moved}`) }) : ''}
      </p>
      {next.length > 0 ? (
        <div role="group" aria-label={t('drafts.moveGroup')} className="form-actions">
          {next.map((status) => (
            <button
              key={status}
              type="button"
              className="button button--secondary"
              disabled={update.isPending}
              onClick={() => move(status)}
            >
              {t(`drafts.moveTo.${status}`)}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted">{t('drafts.finalStatus')}</p>
      )}
    </div>
  );
}
