// Invites someone into a hub; the link is shown once, to the inviter, with a copy button.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createInvitationSchema, type CreatedInvitation, type Role } from '@minga/contracts';
import { CopyButton } from '../../components/copy-button';
import { SelectField, TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { useSession } from '../../lib/session';
import { validate } from '../../lib/validation';
import { useCreateInvitation } from './api';
import { invitableRoles } from './invitable-roles';
import './invitations.css';

const PREFERRED_ROLE: Role = 'expert';

interface InviteFormProps {
  hubId: string;
  /** The hub's cities, for inviting a city official. */
  cities: { id: string; name: string }[];
}

export function InviteForm({ hubId, cities }: InviteFormProps) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const roles = invitableRoles(ability, hubId);
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateInvitation();
  const [role, setRole] = useState<Role>(roles.includes(PREFERRED_ROLE) ? PREFERRED_ROLE : (roles[0] ?? PREFERRED_ROLE));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const errors = useFormErrors(formRef, clientErrors, create.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const forCity = role === 'official';
    const values = {
      email: data.get('email'),
      role,
      hubId: forCity ? null : hubId,
      cityId: forCity ? data.get('cityId') || null : null,
    };
    const result = validate(createInvitationSchema, values, t);
    setClientErrors(result.ok ? {} : result.errors);
    if (!result.ok) return;
    setCreated(null);
    create.mutate(result.data, {
      onSuccess: (invitation) => {
        setCreated(invitation);
        form.reset();
      },
    });
  }

  return (
    <div>
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        {create.isError && <ProblemAlert error={create.error} />}
        <TextField label={t('invitations.email')} name="email" type="email" autoComplete="off" required error={errors['email']} />
        <SelectField
          label={t('invitations.role')}
          name="role"
          value={role}
          onChange={(event) => setRole(roles.find((candidate) => candidate === event.target.value) ?? role)}
          error={errors['role']}
        >
          {roles.map((candidate) => (
            <option key={candidate} value={candidate}>
              {t(`roles.${candidate}`)}
            </option>
          ))}
        </SelectField>
        {role === 'official' && (
          <SelectField label={t('invitations.city')} name="cityId" defaultValue="" required error={errors['cityId']}>
            <option value="">{t('invitations.chooseCity')}</option>
            {cities.map((city) => (
              <option key={city.id} value={city.id}>
                {city.name}
              </option>
            ))}
          </SelectField>
        )}
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t('invitations.sending') : t('invitations.send')}
        </button>
      </form>
      <CreatedInvitationNotice created={created} />
    </div>
  );
}

/** The status part is always in the page so that screen readers announce it when it fills. */
function CreatedInvitationNotice({ created }: { created: CreatedInvitation | null }) {
  const { t } = useTranslation();
  return (
    <div className={created ? 'notice notice--success' : undefined}>
      <div role="status">
        {created && (
          <>
            <p className="notice-title">{t('invitations.created', { email: created.invitation.email })}</p>
            <p>{created.emailed ? t('invitations.emailed') : t('invitations.notEmailed')}</p>
          </>
        )}
      </div>
      {created && (
        <div>
          <p className="invite-link-label">{t('invitations.link')}</p>
          <div className="invite-link-row">
            <code className="invite-link" data-testid="invite-link">
              {created.inviteUrl}
            </code>
            <CopyButton text={created.inviteUrl} label={t('invitations.copyLink')} />
          </div>
        </div>
      )}
    </div>
  );
}
