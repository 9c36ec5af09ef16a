// "Restore this version", asked twice, for those who may edit the text; the text it replaces is kept as a restore point.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, DraftVersion } from '@minga/contracts';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormatters } from '../../lib/formatters';
import { useSession } from '../../lib/session';
import { versionName } from './version-name';
import { useRestoreVersion } from './api';
import './draft-versions.css';

type RestoreStep = 'idle' | 'confirming' | 'restored';

export function RestoreVersion({ draft, version }: { draft: Draft; version: DraftVersion }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const format = useFormatters();
  const questionId = useId();
  const restore = useRestoreVersion(draft.id);
  const [step, setStep] = useState<RestoreStep>('idle');
  const [restorePoint, setRestorePoint] = useState<string>('');
  const openButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // The question takes the keyboard to its answer; leaving it brings the keyboard back to "Restore this version".
  useEffect(() => {
    if (step === 'confirming') {
      asked.current = true;
      confirmButton.current?.focus();
    } else if (asked.current) {
      openButton.current?.focus();
    }
  }, [step]);

  if (!ability.can('editContent', { kind: 'Draft', id: draft.id, cityId: draft.cityId, hubId: draft.hubId })) return null;

  function confirm() {
    restore.mutate(version.id, {
      onSuccess: (point) => {
        setRestorePoint(versionName(point, format));
        setStep('restored');
      },
      onError: () => setStep('idle'),
    });
  }

  return (
    <div className="restore-version">
      {step === 'confirming' ? (
        <div className="restore-confirm">
          <p id={questionId} className="restore-question">
            {t('drafts.versions.restore.question')}
          </p>
          <div className="form-actions">
            <button
              ref={confirmButton}
              type="button"
              className="button button--danger"
              aria-describedby={questionId}
              aria-disabled={restore.isPending}
              onClick={() => {
                if (!restore.isPending) confirm();
              }}
            >
              {restore.isPending ? t('drafts.versions.restore.restoring') : t('drafts.versions.restore.confirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setStep('idle')}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={openButton}
          type="button"
          className="button button--secondary"
          onClick={() => {
            restore.reset();
            setStep('confirming');
          }}
        >
          {t('drafts.versions.restore.open')}
        </button>
      )}
      <p role="status" className="status status--success">
        {step === 'restored' ? t('drafts.versions.restore.done', { name: versionName(version, format), restorePoint }) : ''}
      </p>
      {restore.isError && <ProblemAlert error={restore.error} />}
    </div>
  );
}
