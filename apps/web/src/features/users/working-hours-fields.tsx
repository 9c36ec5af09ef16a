// Start, end and weekdays of a person's working hours; weekday names come from Intl in the interface language.
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkingHours } from '@minga/contracts';
import { TextField } from '../../components/form-field';

/** ISO weekdays, Monday = 1. 2024-01-01 was a Monday, so day n falls on 2024-01-0n. */
const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

interface WorkingHoursFieldsProps {
  value: WorkingHours;
  errors: Record<string, string>;
}

export function WorkingHoursFields({ value, errors }: WorkingHoursFieldsProps) {
  const { t, i18n } = useTranslation();
  const daysErrorId = useId();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const dayNames = useMemo(() => {
    const names = new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' });
    return ISO_WEEKDAYS.map((day) => ({ day, name: names.format(new Date(Date.UTC(2024, 0, day))) }));
  }, [language]);
  const daysError = errors['workingHours.days'];

  return (
    <fieldset className="fieldset">
      <legend>{t('profile.workingHours')}</legend>
      <p className="field-hint">{t('profile.workingHoursHint')}</p>
      <div className="field-row">
        <TextField
          label={t('profile.start')}
          name="start"
          type="time"
          defaultValue={value.start}
          required
          error={errors['workingHours.start']}
        />
        <TextField label={t('profile.end')} name="end" type="time" defaultValue={value.end} required error={errors['workingHours.end']} />
      </div>
      <fieldset className="fieldset fieldset--plain" aria-describedby={daysError ? daysErrorId : undefined}>
        <legend>{t('profile.days')}</legend>
        <div className="checkbox-row">
          {dayNames.map(({ day, name }) => (
            <label key={day} className="checkbox">
              <input
                type="checkbox"
                name="days"
                value={day}
                defaultChecked={value.days.includes(day)}
                aria-invalid={daysError ? true : undefined}
              />
              {name}
            </label>
          ))}
        </div>
        {daysError && (
          <p className="field-error" id={daysErrorId}>
            {daysError}
          </p>
        )}
      </fieldset>
    </fieldset>
  );
}
