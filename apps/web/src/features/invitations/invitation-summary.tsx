import { useTranslation } from 'react-i18next';
import type { InvitationPreview } from '@minga/contracts';
import { useFormatters } from '../../lib/formatters';
import './invitations.css';

/** What the invitee is invited to, by whom, and until when. */
export function InvitationSummary({ preview }: { preview: InvitationPreview }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const role = preview.scopeName
    ? t('roles.withScope', { role: t(`roles.${preview.role}`), scope: preview.scopeName })
    : t(`roles.${preview.role}`);
  return (
    <div className="invitation-summary">
      <p className="lead">
        {preview.invitedByName
          ? t('invitations.accept.invitedBy', { name: preview.invitedByName, role })
          : t('invitations.accept.invited', { role })}
      </p>
      <dl className="facts">
        <div className="facts-item">
          <dt>{t('invitations.email')}</dt>
          <dd>{preview.email}</dd>
        </div>
        <div className="facts-item">
          <dt>{t('invitations.expires')}</dt>
          <dd>
            <time dateTime={preview.expiresAt}>{format.dateTime(preview.expiresAt)}</time>
          </dd>
        </div>
      </dl>
    </div>
  );
}
