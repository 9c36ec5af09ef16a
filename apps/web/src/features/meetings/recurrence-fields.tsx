// How a meeting repeats: never, weekly, monthly on the same weekday of the month, or by a custom rule; a weekly or
// monthly series ends after a number of meetings or on a date. A series from the slot finder may rotate its times.
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextField } from '../../components/form-field';
import type { FieldErrors } from '../../components/use-form-errors';
import { REPEAT_CHOICES, weekdayInMonth, type RecurrenceValues } from './recurrence';

interface RecurrenceFieldsProps {
  value: RecurrenceValues;
  onChange: (value: RecurrenceValues) => void;
  date: string;
  errors: FieldErrors;
}

export function RecurrenceFields({ value, onChange, date, errors }: RecurrenceFieldsProps) {
  const { t } = useTranslation();
  const monthlyLabel = useMonthlyLabel(date);
  const repeats = value.repeat === 'weekly' || value.repeat === 'monthly';
  const rruleError = errors['rrule'];
  return (
    <fieldset className="fieldset">
      <legend>{t('meetings.repeat.heading')}</legend>
      <SelectField
        label={t('meetings.repeat.label')}
        value={value.repeat}
        onChange={(event) =>
          onChange({
            ...value,
            repeat: event.target.value as RecurrenceValues['repeat'],
          })
        }
        error={value.repeat === 'custom' ? undefined : rruleError}
      >
        {REPEAT_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {choice === 'monthly' ? monthlyLabel : t(`meetings.repeat.${choice}`)}
          </option>
        ))}
      </SelectField>
      {repeats && <SeriesEndFields value={value} onChange={onChange} errors={errors} />}
      {value.repeat === 'custom' && (
        <TextField
          label={t('meetings.repeat.customRule')}
          hint={t('meetings.repeat.customHint')}
          value={value.custom}
          maxLength={500}
          spellCheck={false}
          onChange={(event) => onChange({ ...value, custom: event.target.value })}
          error={rruleError}
        />
      )}
    </fieldset>
  );
}

/** "Every month on the second Tuesday" for the date chosen, or plain "Every month" before one is. */
function useMonthlyLabel(date: string): string {
  const { t, i18n } = useTranslation();
  if (!date) return t('meetings.repeat.monthly');
  const { weekday, rank } = weekdayInMonth(date);
  const dayName = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'en', {
    weekday: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2024, 0, weekday + 1)));
  return t('meetings.repeat.monthlyOn', {
    rank: t(`meetings.repeat.rank.${rank === -1 ? 'last' : rank}`),
    day: dayName,
  });
}

function SeriesEndFields({ value, onChange, errors }: Omit<RecurrenceFieldsProps, 'date'>) {
  const { t } = useTranslation();
  const endId = useId();
  return (
    <fieldset className="fieldset fieldset--plain">
      <legend id={endId}>{t('meetings.repeat.ends')}</legend>
      <div className="field-row">
        <SeriesEndChoice
          label={t('meetings.repeat.endByCount')}
          chosen={value.end === 'count'}
          onChoose={() => onChange({ ...value, end: 'count' })}
        >
          <TextField
            label={t('meetings.repeat.count')}
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            value={value.count}
            onChange={(event) => onChange({ ...value, count: event.target.value })}
            error={errors['count']}
          />
        </SeriesEndChoice>
        <SeriesEndChoice
          label={t('meetings.repeat.endByDate')}
          chosen={value.end === 'until'}
          onChoose={() => onChange({ ...value, end: 'until' })}
        >
          <TextField
            label={t('meetings.repeat.until')}
            type="date"
            value={value.until}
            onChange={(event) => onChange({ ...value, until: event.target.value })}
            error={errors['until']}
          />
        </SeriesEndChoice>
      </div>
    </fieldset>
  );
}

/** One way for a series to end: a radio button, and its field once chosen. */
function SeriesEndChoice({
  label,
  chosen,
  onChoose,
  children,
}: {
  label: string;
  chosen: boolean;
  onChoose: () => void;
  children: ReactNode;
}) {
  return (
    <div>
      <label className="checkbox">
        <input type="radio" name="repeatEnd" checked={chosen} onChange={onChoose} />
        {label}
      </label>
      {chosen && children}
    </div>
  );
}

/** Whether a new series takes the slot finder's times of day in turn. */
export function RotationField({ times, checked, onChange }: { times: string[]; checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <CheckboxField
      label={t('meetings.form.rotate', { times: times.join(', ') })}
      hint={t('meetings.form.rotateHint')}
      checked={checked}
      onChange={(event) => onChange(event.target.checked)}
    />
  );
}
