// Where an invite link lands: shows the invitation, then either creates an account or adds the role to an existing one.
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { InvitationPreview } from '@minga/contracts';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { LoadingState } from '../components/status-messages';
import type { ReturnState } from '../features/auth/require-session';
import { SignUpForm } from '../features/auth/sign-up-form';
import { useInvitationPreview } from '../features/invitations/api';
import { AcceptInvitationButton } from '../features/invitations/accept-invitation-button';
import { InvitationSummary } from '../features/invitations/invitation-summary';
import { useSession } from '../lib/session';

export default function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const preview = useInvitationPreview(token);
  return (
    <div className="page page--medium">
      <PageHeading>{t('invitations.accept.title')}</PageHeading>
      <QueryState query={preview} retry={false}>
        {(data) => (
          <>
            <InvitationSummary preview={data} />
            <InvitationNextStep token={token} preview={data} />
          </>
        )}
      </QueryState>
    </div>
  );
}

function InvitationNextStep({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const { status, user } = useSession();
  const navigate = useNavigate();
  const goToApp = () => navigate('/hubs', { replace: true });
  const returnState: ReturnState = { from: `/invitations/${token}` };

  if (status === 'restoring') return <LoadingState />;

  if (preview.accountExists) {
    return (
      <section className="section" aria-labelledby="invitation-accept">
        <h2 id="invitation-accept">{t('invitations.accept.acceptHeading')}</h2>
        {status === 'signedIn' ? (
          <AcceptInvitationButton token={token} onAccepted={goToApp} />
        ) : (
          <>
            <p>{t('invitations.accept.accountExists', { email: preview.email })}</p>
            <Link className="button" to="/sign-in" state={returnState}>
              {t('invitations.accept.signInToAccept')}
            </Link>
          </>
        )}
      </section>
    );
  }

  return (
    <section className="section" aria-labelledby="invitation-sign-up">
      <h2 id="invitation-sign-up">{t('invitations.accept.signUpHeading')}</h2>
      {user && <p className="notice">{t('invitations.accept.signedInAsOther', { name: user.name })}</p>}
      <SignUpForm invitationToken={token} onSignedUp={goToApp} />
    </section>
  );
}
