import { useTranslation } from 'react-i18next';
import { useSignOut } from './api';

export function SignOutButton() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <button type="button" className="button button--quiet" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
      {t('auth.signOut')}
    </button>
  );
}
