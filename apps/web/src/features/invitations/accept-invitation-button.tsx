import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert';
import { useAcceptInvitation } from './api';

/** Adds the invited role to the signed-in account. */
export function AcceptInvitationButton({ token, onAccepted }: { token: string; onAccepted: () => void }) {
  const { t } = useTranslation();
  const accept = useAcceptInvitation();
  return (
    <div className="stack">
      {accept.isError && <ProblemAlert error={accept.error} />}
      <button type="button" className="button" disabled={accept.isPending} onClick={() => accept.mutate(token, { onSuccess: onAccepted })}>
        {accept.isPending ? t('invitations.accept.accepting') : t('invitations.accept.accept')}
      </button>
    </div>
  );
}
