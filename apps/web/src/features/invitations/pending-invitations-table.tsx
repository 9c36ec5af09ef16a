import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '@minga/contracts';
import { ListTable } from '../../components/list-table';
import { ProblemAlert } from '../../components/problem-alert';
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

  return (
    <>
      {revoke.isError && <ProblemAlert error={revoke.error} />}
      <p ref={statusRef} tabIndex={-1} role="status" className="status status--success">
        {revokedEmail ? t('invitations.revoked', { email: revokedEmail }) : ''}
      </p>
      <ListTable
        query={invitations}
        caption={caption}
        emptyText={t('invitations.pendingEmpty')}
        rowKey={(invitation) => invitation.id}
        columns={[
          { header: t('invitations.email'), rowHeader: true, cell: (invitation) => invitation.email },
          {
            header: t('invitations.role'),
            cell: (invitation) =>
              invitation.scopeName
                ? t('roles.withScope', { role: t(`roles.${invitation.role}`), scope: invitation.scopeName })
                : t(`roles.${invitation.role}`),
          },
          { header: t('invitations.invitedBy'), cell: (invitation) => invitation.invitedBy?.name ?? t('common.notRecorded') },
          {
            header: t('invitations.expires'),
            cell: (invitation) => <time dateTime={invitation.expiresAt}>{format.dateTime(invitation.expiresAt)}</time>,
          },
          {
            header: <span className="visually-hidden">{t('invitations.actions')}</span>,
            cell: (invitation) =>
              canRevoke(invitation) && (
                <button
                  type="button"
                  className="button button--danger button--small"
                  aria-label={t('invitations.revokeFor', { email: invitation.email })}
                  disabled={revoke.isPending && revoke.variables === invitation.id}
                  onClick={() => revokeOne(invitation)}
                >
                  {t('invitations.revoke')}
                </button>
              ),
          },
        ]}
      />
    </>
  );
}
