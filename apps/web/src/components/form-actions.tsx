// A form's submit button, which shows its progress and is disabled meanwhile, and an optional Cancel beside it.
import { useTranslation } from 'react-i18next';

interface FormActionsProps {
  submitLabel: string;
  pending: boolean;
  /** The submit button's text while pending; "Saving…" unless told. */
  pendingLabel?: string;
  onCancel?: () => void;
}

export function FormActions({ submitLabel, pending, pendingLabel, onCancel }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="button" disabled={pending}>
        {pending ? (pendingLabel ?? t('common.saving')) : submitLabel}
      </button>
      {onCancel && (
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  );
}
