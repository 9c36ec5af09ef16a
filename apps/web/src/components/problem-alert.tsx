// Announces a failed request: the translated error code, then the API's own detail when it adds something.
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-client';
import { detailAddsToMessage, errorMessage } from '../lib/error-message';

interface ProblemAlertProps {
  error: unknown;
  /** Wording for codes whose generic text would mislead in this place, keyed by error code. */
  titles?: Record<string, string>;
}

export function ProblemAlert({ error, titles }: ProblemAlertProps) {
  const { t } = useTranslation();
  const apiError = error instanceof ApiError ? error : null;
  const code = apiError?.code ?? 'unknown';
  const { detail, params } = apiError?.problem ?? {};
  const hasFieldErrors = apiError ? Object.keys(apiError.fieldErrors).length > 0 : false;
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert-title">{titles?.[code] ?? errorMessage(t, code, params)}</p>
      {hasFieldErrors && <p>{t('errors.checkFields')}</p>}
      {detailAddsToMessage(code, detail, params) && <p className="alert-detail">{detail}</p>}
    </div>
  );
}
