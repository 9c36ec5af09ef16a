// Where a meeting happens: its online link, its place, and how many people the place holds.
import { useTranslation } from 'react-i18next';
import type { Meeting } from '@minga/contracts';
import { TextField } from '../../components/form-field';
import type { FieldErrors } from '../../components/use-form-errors';

export function MeetingWhereFields({ meeting, errors }: { meeting?: Meeting; errors: FieldErrors }) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset">
      <legend>{t('meetings.form.where')}</legend>
      <TextField
        label={t('meetings.form.onlineUrl')}
        hint={t('meetings.form.onlineUrlHint')}
        name="onlineUrl"
        type="url"
        maxLength={2000}
        defaultValue={meeting?.onlineUrl ?? ''}
        error={errors['onlineUrl']}
      />
      <TextField
        label={t('meetings.form.place')}
        name="place"
        maxLength={300}
        defaultValue={meeting?.place ?? ''}
        error={errors['place']}
      />
      <TextField
        label={t('meetings.form.capacity')}
        hint={t('meetings.form.capacityHint')}
        name="capacity"
        type="number"
        inputMode="numeric"
        min={1}
        defaultValue={meeting?.capacity ?? ''}
        error={errors['capacity']}
      />
    </fieldset>
  );
}
