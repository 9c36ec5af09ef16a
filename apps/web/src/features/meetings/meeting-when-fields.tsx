// When a meeting starts, in the organiser's own zone (with the time it makes for the viewer shown as they type),
// and how long it lasts.
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/form-field';
import type { FieldErrors } from '../../components/use-form-errors';
import { useFormatters } from '../../lib/formatters';
import { timeZoneChoices } from '../../lib/locale-choices';
import type { MeetingStart } from './meeting-form-values';
import { useMeetingClock } from './meeting-time';
import { dayShift, instantOf } from './zone-times';

interface MeetingWhenFieldsProps {
  when: MeetingStart;
  onChange: (when: MeetingStart) => void;
  defaultDuration: number;
  errors: FieldErrors;
}

export function MeetingWhenFields({ when, onChange, defaultDuration, errors }: MeetingWhenFieldsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset">
      <legend>{t('meetings.form.when')}</legend>
      <p className="field-hint">{t('meetings.form.whenHint')}</p>
      <div className="field-row">
        <TextField
          label={t('meetings.form.date')}
          type="date"
          required
          value={when.date}
          onChange={(event) => onChange({ ...when, date: event.target.value })}
          error={errors['localStart'] ?? errors['startsAt']}
        />
        <TextField
          label={t('meetings.form.time')}
          type="time"
          required
          value={when.time}
          onChange={(event) => onChange({ ...when, time: event.target.value })}
          error={errors['time']}
        />
      </div>
      <TimeZoneSelectControlled value={when.timeZone} onChange={(timeZone) => onChange({ ...when, timeZone })} error={errors['timeZone']} />
      <StartPreview date={when.date} time={when.time} timeZone={when.timeZone} />
      <TextField
        label={t('meetings.form.duration')}
        name="durationMinutes"
        type="number"
        inputMode="numeric"
        min={5}
        max={720}
        required
        defaultValue={defaultDuration}
        error={errors['durationMinutes'] ?? errors['localEnd']}
      />
    </fieldset>
  );
}

function TimeZoneSelectControlled({ value, onChange, error }: { value: string; onChange: (zone: string) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('meetings.form.timeZone')}
      hint={t('meetings.form.timeZoneHint')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    >
      {timeZoneChoices(value).map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </SelectField>
  );
}

/** "That is Tue 15 Dec, 01:00 your time (+1 day)" under the start, while the organiser types. */
function StartPreview({ date, time, timeZone }: MeetingStart) {
  const { t } = useTranslation();
  const format = useFormatters();
  const clock = useMeetingClock();
  if (!date || !time || timeZone === format.timeZone) return null;
  const start = instantOf(`${date}T${time}`, timeZone);
  if (!start) return null;
  const shift = dayShift(start, timeZone, format.timeZone);
  return (
    <p className="field-hint" aria-live="polite">
      {t('meetings.form.preview', {
        time: clock(start, format.timeZone, true),
      })}
      {shift !== 0 &&
        ` ${t(Math.abs(shift) === 1 ? 'meetings.time.dayShiftOne' : 'meetings.time.dayShiftMany', { shift: shift > 0 ? `+${shift}` : `${shift}` })}`}
    </p>
  );
}
