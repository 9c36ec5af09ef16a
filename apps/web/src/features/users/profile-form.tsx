import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateProfileSchema, type User } from '@minga/contracts';
import { TextField } from '../../components/form-field';
import { LocaleSelect } from '../../components/locale-select';
import { ProblemAlert } from '../../components/problem-alert';
import { TimeZoneSelect } from '../../components/time-zone-select';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { validate } from '../../lib/validation';
import { useUpdateProfile } from './api';
import { WorkingHoursFields } from './working-hours-fields';

export function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const update = useUpdateProfile();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, update.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      name: form.get('name'),
      locale: form.get('locale'),
      timeZone: form.get('timeZone'),
      workingHours: {
        start: form.get('start'),
        end: form.get('end'),
        days: form.getAll('days').map(Number),
      },
    };
    const result = validate(updateProfileSchema, values, t);
    setClientErrors(result.ok ? {} : result.errors);
    if (result.ok) update.mutate(result.data);
  }

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      {update.isError && <ProblemAlert error={update.error} />}
      <TextField label={t('fields.name')} name="name" autoComplete="name" defaultValue={user.name} required error={errors['name']} />
      <LocaleSelect name="locale" defaultValue={user.locale} hint={t('fields.localeHint')} error={errors['locale']} />
      <TimeZoneSelect name="timeZone" defaultValue={user.timeZone} error={errors['timeZone']} />
      <WorkingHoursFields value={user.workingHours} errors={errors} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('profile.save')}
        </button>
        <p role="status" className="status status--success">
          {update.isSuccess ? t('profile.saved') : ''}
        </p>
      </div>
    </form>
  );
}
