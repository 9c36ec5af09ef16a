// Removing something asks once, in place: no modal to trap focus, and the safer choice (keep) takes focus first.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmDeleteButtonProps {
  /** Accessible name of the first button, naming what goes; starts with the visible word (e.g. "Delete milestone Portal relaunch"). */
  label: string;
  /** The question asked before deleting (e.g. "Delete the milestone “Portal relaunch” and its tasks?"). */
  question: string;
  onConfirm: () => void;
  pending: boolean;
  failed: boolean;
}

export function ConfirmDeleteButton({
  label,
  question,
  onConfirm,
  pending,
  failed,
}: ConfirmDeleteButtonProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  useEffect(() => {
    if (asking) {
      asked.current = true;
      keep.current?.focus();
    } else if (asked.current) {
      trigger.current?.focus();
    }
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={trigger}
        type="button"
        className="button button--secondary button--small"
        aria-label={label}
        onClick={() => setAsking(true)}
      >
        {t('common.delete')}
      </button>
    );
  }
  return (
    <div className="confirm-delete" role="group" aria-label={label}>
      <p>{question}</p>
      <button
        type="button"
        className="button button--danger button--small"
        aria-busy={pending}
        onClick={() => !pending && onConfirm()}
      >
        {t('common.deleteConfirm')}
      </button>{' '}
      <button
        ref={keep}
        type="button"
        className="button button--secondary button--small"
        onClick={() => setAsking(false)}
      >
        {t('common.keep')}
      </button>
      {failed && (
        <p className="field-error" role="alert">
          {t('common.deleteFailed')}
        </p>
      )}
    </div>
  );
}
