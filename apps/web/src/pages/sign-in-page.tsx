import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { PageHeading } from '../components/page-heading';
import { LoadingState } from '../components/status-messages';
import { returnPath } from '../features/auth/require-session';
import { SignInForm } from '../features/auth/sign-in-form';
import { useSession } from '../lib/session';

export function SignInPage() {
  const { t } = useTranslation();
  const { status } = useSession();
  const location = useLocation();
  if (status === 'signedIn') return <Navigate to={returnPath(location.state)} replace />;
  return (
    <div className="page page--narrow">
      <PageHeading>{t('auth.signInTitle')}</PageHeading>
      <p className="lead">{t('auth.signInIntro')}</p>
      {status === 'restoring' ? <LoadingState /> : <SignInForm />}
    </div>
  );
}
