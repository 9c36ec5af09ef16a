// Why an action or joining was refused, in the viewer's language (the server's message is English).
import { useTranslation } from 'react-i18next';
import type { RoomError } from '@minga/contracts';
import { errorMessage } from '../../lib/error-message';

export function RoomErrorAlert({ error, onDismiss }: { error: RoomError; onDismiss?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert-title">{errorMessage(t, error.code, {}, 'meetingRoom.errors')}</p>
      {onDismiss && (
        <button type="button" className="button button--secondary button--small" onClick={onDismiss}>
          {t('meetingRoom.errors.dismiss')}
        </button>
      )}
    </div>
  );
}
