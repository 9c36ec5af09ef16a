import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { signInSchema } from '@minga/contracts';
import { TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { validate } from '../../lib/validation';
import { useSignIn } from './api';

export function SignInForm() {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const signIn = useSignIn();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, signIn.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget));
    const result = validate(signInSchema, values, t);
    setClientErrors(result.ok ? {} : result.errors);
    if (result.ok) signIn.mutate(result.data);
  }

  return (
    <form ref={formRef} className="form form--narrow" onSubmit={submit} noValidate>
      {signIn.isError && <ProblemAlert error={signIn.error} />}
      <TextField label={t('auth.email')} name="email" type="email" autoComplete="username" required error={errors['email']} />
      <TextField
        label={t('auth.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={errors['password']}
      />
      <button type="submit" className="button" disabled={signIn.isPending}>
        {signIn.isPending ? t('auth.signingIn') : t('auth.signIn')}
      </button>
    </form>
  );
}
