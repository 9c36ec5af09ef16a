import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordSchema } from '@minga/contracts';
import { TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { ApiError } from '../../lib/api-client';
import { validate } from '../../lib/validation';
import { useChangePassword } from './api';

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const change = useChangePassword();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  // The API says only "invalid credentials"; here that can only mean the current password.
  const wrongCurrent = change.error instanceof ApiError && change.error.code === 'invalid_credentials';
  const fieldErrors = useMemo(
    () => (wrongCurrent ? { currentPassword: t('profile.currentPasswordWrong'), ...clientErrors } : clientErrors),
    [wrongCurrent, clientErrors, t],
  );
  const errors = useFormErrors(formRef, fieldErrors, change.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const result = validate(changePasswordSchema, Object.fromEntries(new FormData(form)), t);
    setClientErrors(result.ok ? {} : result.errors);
    if (result.ok) change.mutate(result.data, { onSuccess: () => form.reset() });
  }

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      {change.isError && <ProblemAlert error={change.error} titles={{ invalid_credentials: t('profile.currentPasswordWrong') }} />}
      <TextField
        label={t('profile.currentPassword')}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={errors['currentPassword']}
      />
      <TextField
        label={t('profile.newPassword')}
        hint={t('fields.newPasswordHint')}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        error={errors['newPassword']}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={change.isPending}>
          {change.isPending ? t('common.saving') : t('profile.changePassword')}
        </button>
        <p role="status" className="status status--success">
          {change.isSuccess ? t('profile.passwordChanged') : ''}
        </p>
      </div>
    </form>
  );
}
