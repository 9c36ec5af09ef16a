// The loading, empty and error states every data view shows.
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './problem-alert';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="status status--loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}

export function EmptyState({ children }: { children: string }) {
  return <p className="status status--empty">{children}</p>;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error-state">
      <ProblemAlert error={error} />
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
