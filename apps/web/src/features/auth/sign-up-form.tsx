// Creates an account through an invitation; the email comes from the invitation itself.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { signUpSchema } from '@minga/contracts';
import { TextField } from '../../components/form-field';
import { LocaleSelect } from '../../components/locale-select';
import { ProblemAlert } from '../../components/problem-alert';
import { TimeZoneSelect } from '../../components/time-zone-select';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { ApiError } from '../../lib/api-client';
import { browserLocale, browserTimeZone } from '../../lib/formatters';
import { validate } from '../../lib/validation';
import { useSignUp } from './api';
import type { ReturnState } from './require-session';

interface SignUpFormProps {
  invitationToken: string;
  onSignedUp: () => void;
}

export function SignUpForm({ invitationToken, onSignedUp }: SignUpFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const signUp = useSignUp();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, signUp.error);
  const emailTaken = signUp.error instanceof ApiError && signUp.error.code === 'email_taken';
  const returnState: ReturnState = { from: `/invitations/${invitationToken}` };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = { invitationToken, ...Object.fromEntries(new FormData(event.currentTarget)) };
    const result = validate(signUpSchema, values, t);
    setClientErrors(result.ok ? {} : result.errors);
    if (result.ok) signUp.mutate(result.data, { onSuccess: onSignedUp });
  }

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      {signUp.isError && <ProblemAlert error={signUp.error} />}
      {emailTaken && (
        <p>
          <Link to="/sign-in" state={returnState}>
            {t('invitations.accept.signInToAccept')}
          </Link>
        </p>
      )}
      <TextField label={t('fields.name')} name="name" autoComplete="name" required error={errors['name']} />
      <TextField
        label={t('auth.password')}
        hint={t('fields.newPasswordHint')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={errors['password']}
      />
      <TimeZoneSelect name="timeZone" defaultValue={browserTimeZone()} error={errors['timeZone']} />
      <LocaleSelect name="locale" defaultValue={browserLocale()} hint={t('fields.localeHint')} error={errors['locale']} />
      <button type="submit" className="button" disabled={signUp.isPending}>
        {signUp.isPending ? t('invitations.accept.creatingAccount') : t('invitations.accept.createAccount')}
      </button>
    </form>
  );
}
