import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '@minga/contracts';
import { LoadMoreButton } from '../../components/load-more-button';
import { ProblemAlert } from '../../components/problem-alert';
import { EmptyState, ErrorState, LoadingState } from '../../components/status-messages';
import { useFormatters } from '../../lib/formatters';
import { useSession } from '../../lib/session';
import { useInvitations, useRevokeInvitation } from './api';

export function PendingInvitationsTable({ hubId, caption }: { hubId: string; caption: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { ability } = useSession();
  const invitations = useInvitations({ hubId, status: 'pending' });
  const revoke = useRevokeInvitation();
  const [revokedEmail, setRevokedEmail] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  function revokeOne(invitation: Invitation) {
    revoke.mutate(invitation.id, {
      onSuccess: () => {
        setRevokedEmail(invitation.email);
        // The row and its button disappear: keep the keyboard near, on the confirmation.
        statusRef.current?.focus();
      },
    });
  }

  const canRevoke = (invitation: Invitation) =>
    ability.can('delete', { kind: 'Invitation', role: invitation.role, scopeHubId: hubId, cityId: invitation.cityId });

  let content;
  if (invitations.isPending) content = <LoadingState />;
  else if (invitations.isError) content = <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  else {
    const items = invitations.data.pages.flatMap((page) => page.items);
    content =
      items.length === 0 ? (
        <EmptyState>{t('invitations.pendingEmpty')}</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('invitations.email')}</th>
                  <th scope="col">{t('invitations.role')}</th>
                  <th scope="col">{t('invitations.invitedBy')}</th>
                  <th scope="col">{t('invitations.expires')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('invitations.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((invitation) => (
                  <tr key={invitation.id}>
                    <th scope="row">{invitation.email}</th>
                    <td>
                      {invitation.scopeName
                        ? t('roles.withScope', { role: t(`roles.${invitation.role}`), scope: invitation.scopeName })
                        : t(`roles.${invitation.role}`)}
                    </td>
                    <td>{invitation.invitedBy?.name ?? t('common.notRecorded')}</td>
                    <td>
                      <time dateTime={invitation.expiresAt}>{format.dateTime(invitation.expiresAt)}</time>
                    </td>
                    <td>
                      {canRevoke(invitation) && (
                        <button
                          type="button"
                          className="button button--danger button--small"
                          aria-label={t('invitations.revokeFor', { email: invitation.email })}
                          disabled={revoke.isPending && revoke.variables === invitation.id}
                          onClick={() => revokeOne(invitation)}
                        >
                          {t('invitations.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {invitations.hasNextPage && (
            <LoadMoreButton onClick={() => void invitations.fetchNextPage()} loading={invitations.isFetchingNextPage} />
          )}
        </>
      );
  }

  return (
    <>
      {revoke.isError && <ProblemAlert error={revoke.error} />}
      <p ref={statusRef} tabIndex={-1} role="status" className="status status--success">
        {revokedEmail ? t('invitations.revoked', { email: revokedEmail }) : ''}
      </p>
      {content}
    </>
  );
}
