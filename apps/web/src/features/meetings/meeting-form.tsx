// Schedules a meeting of a cohort (or a hub) or changes one: what, when in the organiser's own zone (with the time
// it makes for the viewer shown as they type), how long, where, for how many, how it repeats, and its agenda.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createMeetingSchema, updateMeetingSchema, type Meeting } from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { useFormatters } from '../../lib/formatters';
import { timeZoneChoices } from '../../lib/locale-choices';
import { useSession } from '../../lib/session';
import { validate } from '../../lib/validation';
import { AgendaFields, agendaInputOf, agendaRowsOf, type AgendaRow, type Choice } from './agenda-fields';
import { useApplyRotation, useCreateMeeting, useUpdateMeeting, type MeetingOwner } from './api';
import { useMeetingClock } from './meeting-time';
import { recurrenceOf, REPEAT_CHOICES, rruleOf, weekdayInMonth, type RecurrenceValues } from './recurrence';
import { dayShift, instantOf } from './zone-times';
import './meetings.css';

/** What the slot finder hands over: a start in the organiser's zone, a length, and how many meetings. */
export interface MeetingPrefill {
  localStart?: string;
  timeZone?: string;
  durationMinutes?: number;
  seriesLength?: number;
  /** For a series, the time of day (HH:mm in the organiser's zone) of each meeting in turn. */
  rotation?: string[];
}

interface MeetingFormProps {
  owner: MeetingOwner;
  meeting?: Meeting;
  prefill?: MeetingPrefill;
  presenters: Choice[];
  drafts: Choice[];
  /** Who may be invited, all by default (a cohort's members); absent, the API invites its default. */
  invitees?: Choice[];
  onSaved: (meeting: Meeting) => void;
  onCancel: () => void;
}

const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();
const numberOrText = (value: string) => (value === '' ? undefined : Number.isNaN(Number(value)) ? value : Number(value));

export function MeetingForm({ owner, meeting, prefill, presenters, drafts, invitees, onSaved, onCancel }: MeetingFormProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateMeeting(owner);
  const update = useUpdateMeeting(meeting?.id ?? '');
  const rotate = useApplyRotation();
  const mutation = meeting ? update : create;
  const rotation = !meeting && prefill?.rotation && new Set(prefill.rotation).size > 1 ? prefill.rotation : null;
  const [useRotation, setUseRotation] = useState(true);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, mutation.error);
  const [agenda, setAgenda] = useState<AgendaRow[]>(() => agendaRowsOf(meeting?.agenda ?? []));
  const initialStart = meeting?.localStart ?? prefill?.localStart ?? '';
  const [start, setStart] = useState({
    date: initialStart.slice(0, 10),
    time: initialStart.slice(11, 16),
  });
  // Null until the organiser picks one: the profile's zone, which may arrive after the form.
  const [chosenZone, setChosenZone] = useState<string | null>(meeting?.timeZone ?? prefill?.timeZone ?? null);
  const when = { ...start, timeZone: chosenZone ?? user?.timeZone ?? 'UTC' };
  const setWhen = ({ date, time, timeZone }: typeof when) => {
    setStart({ date, time });
    if (timeZone !== when.timeZone) setChosenZone(timeZone);
  };
  const [recurrence, setRecurrence] = useState<RecurrenceValues>(() => {
    if (meeting) return recurrenceOf(meeting.rrule);
    if (prefill?.seriesLength)
      return {
        ...recurrenceOf(null),
        repeat: 'monthly',
        count: String(prefill.seriesLength),
      };
    return recurrenceOf(null);
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const capacity = text(data, 'capacity');
    const values = {
      title: text(data, 'title'),
      description: text(data, 'description'),
      timeZone: when.timeZone,
      localStart: when.date && when.time ? `${when.date}T${when.time}` : '',
      durationMinutes: numberOrText(text(data, 'durationMinutes')),
      rrule: rruleOf(recurrence, when.date),
      onlineUrl: text(data, 'onlineUrl') || null,
      place: text(data, 'place') || null,
      capacity: capacity === '' ? null : numberOrText(capacity),
      draftId: text(data, 'draftId') || null,
      agenda: agendaInputOf(agenda),
      // Invitees are chosen when scheduling; an edit leaves them as they are.
      ...(meeting ? {} : inviteeChoice(data, invitees)),
    };
    const result = validate(meeting ? updateMeetingSchema : createMeetingSchema, values, t);
    const local = localChecks(values, recurrence, t);
    const schemaErrors = result.ok ? {} : result.errors;
    // The schema's own words for a bad rule are English; say it in the interface language.
    if (schemaErrors['rrule'] === t('validation.invalid')) schemaErrors['rrule'] = t('meetings.repeat.invalidRule');
    const allErrors = { ...schemaErrors, ...local };
    setClientErrors(allErrors);
    if (!result.ok || Object.keys(local).length > 0) return;
    if (meeting) update.mutate(result.data, { onSuccess: onSaved });
    else {
      const repeats = values.rrule !== null;
      create.mutate(result.data as Parameters<typeof create.mutate>[0], {
        onSuccess: (created) => {
          if (!rotation || !useRotation || !repeats) return onSaved(created);
          // The series exists either way: its page shows where each date landed.
          rotate.mutate({ meeting: created, times: rotation }, { onSettled: () => onSaved(created) });
        },
      });
    }
  }

  return (
    <form
      ref={formRef}
      className="form form--wide meeting-form"
      onSubmit={submit}
      noValidate
      aria-label={meeting ? t('meetings.form.editLabel', { title: meeting.title }) : t('meetings.form.newLabel')}
    >
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      <TextField
        label={t('meetings.form.title')}
        name="title"
        maxLength={200}
        required
        defaultValue={meeting?.title}
        error={errors['title']}
      />
      <TextAreaField
        label={t('meetings.form.description')}
        name="description"
        rows={4}
        maxLength={10_000}
        defaultValue={meeting?.description}
        error={errors['description']}
      />
      <fieldset className="fieldset">
        <legend>{t('meetings.form.when')}</legend>
        <p className="field-hint">{t('meetings.form.whenHint')}</p>
        <div className="field-row">
          <TextField
            label={t('meetings.form.date')}
            type="date"
            required
            value={when.date}
            onChange={(event) => setWhen({ ...when, date: event.target.value })}
            error={errors['localStart'] ?? errors['startsAt']}
          />
          <TextField
            label={t('meetings.form.time')}
            type="time"
            required
            value={when.time}
            onChange={(event) => setWhen({ ...when, time: event.target.value })}
            error={errors['time']}
          />
        </div>
        <TimeZoneSelectControlled
          value={when.timeZone}
          onChange={(timeZone) => setWhen({ ...when, timeZone })}
          error={errors['timeZone']}
        />
        <StartPreview date={when.date} time={when.time} timeZone={when.timeZone} />
        <TextField
          label={t('meetings.form.duration')}
          name="durationMinutes"
          type="number"
          inputMode="numeric"
          min={5}
          max={720}
          required
          defaultValue={meeting?.durationMinutes ?? prefill?.durationMinutes ?? 60}
          error={errors['durationMinutes'] ?? errors['localEnd']}
        />
      </fieldset>
      <RecurrenceFields value={recurrence} onChange={setRecurrence} date={when.date} errors={errors} />
      {rotation && recurrence.repeat !== 'none' && (
        <CheckboxField
          label={t('meetings.form.rotate', { times: rotation.join(', ') })}
          hint={t('meetings.form.rotateHint')}
          checked={useRotation}
          onChange={(event) => setUseRotation(event.target.checked)}
        />
      )}
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
      <SelectField
        label={t('meetings.form.draft')}
        hint={t('meetings.form.draftHint')}
        name="draftId"
        defaultValue={meeting?.draft?.id ?? ''}
        error={errors['draftId']}
      >
        <option value="">{t('meetings.agenda.noDraft')}</option>
        {drafts.map((draft) => (
          <option key={draft.id} value={draft.id}>
            {draft.name}
          </option>
        ))}
      </SelectField>
      <AgendaFields rows={agenda} onChange={setAgenda} presenters={presenters} drafts={drafts} errors={errors} errorPrefix="agenda" />
      {!meeting && invitees && invitees.length > 0 && <InviteeFields invitees={invitees} error={listError(errors, 'inviteeIds')} />}
      <FormActions
        pending={create.isPending || rotate.isPending || update.isPending}
        submitLabel={meeting ? t('meetings.form.save') : t('meetings.form.schedule')}
        onCancel={onCancel}
      />
    </form>
  );
}

/** The chosen invitees, or nothing when everyone is chosen: the API then invites its default, the cohort's members. */
function inviteeChoice(data: FormData, invitees: Choice[] | undefined): { inviteeIds?: string[] } {
  if (!invitees || invitees.length === 0) return {};
  const chosen = data.getAll('inviteeIds').map(String);
  return chosen.length === invitees.length ? {} : { inviteeIds: chosen };
}

function listError(errors: FieldErrors, field: string): string | undefined {
  const key = Object.keys(errors).find((path) => path === field || path.startsWith(`${field}.`));
  return key ? errors[key] : undefined;
}

function InviteeFields({ invitees, error }: { invitees: Choice[]; error?: string }) {
  const { t } = useTranslation();
  const hintId = useId();
  const errorId = useId();
  return (
    <fieldset className="fieldset" aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
      <legend>{t('meetings.form.invitees')}</legend>
      <p className="field-hint" id={hintId}>
        {t('meetings.form.inviteesHint')}
      </p>
      <div className="checkbox-row">
        {invitees.map((person) => (
          <label key={person.id} className="checkbox">
            <input type="checkbox" name="inviteeIds" value={person.id} defaultChecked aria-invalid={error ? true : undefined} />
            {person.name}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Checks the schema cannot make from the form's separate fields: a time beside the date, and how the series ends. */
function localChecks(values: { localStart: string }, recurrence: RecurrenceValues, t: (key: string) => string): FieldErrors {
  const errors: FieldErrors = {};
  if (!/T\d{2}:\d{2}$/.test(values.localStart)) errors['time'] = t('validation.required');
  if (recurrence.repeat === 'weekly' || recurrence.repeat === 'monthly') {
    if (recurrence.end === 'count' && !/^\d+$/.test(recurrence.count.trim())) errors['count'] = t('validation.number');
    if (recurrence.end === 'until' && !recurrence.until) errors['until'] = t('validation.required');
  }
  if (recurrence.repeat === 'custom' && !recurrence.custom.trim()) errors['rrule'] = t('validation.required');
  return errors;
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
function StartPreview({ date, time, timeZone }: { date: string; time: string; timeZone: string }) {
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

interface RecurrenceFieldsProps {
  value: RecurrenceValues;
  onChange: (value: RecurrenceValues) => void;
  date: string;
  errors: FieldErrors;
}

function RecurrenceFields({ value, onChange, date, errors }: RecurrenceFieldsProps) {
  const { t, i18n } = useTranslation();
  const endId = useId();
  const monthlyLabel = (() => {
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
  })();
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
      {repeats && (
        <fieldset className="fieldset fieldset--plain">
          <legend id={endId}>{t('meetings.repeat.ends')}</legend>
          <div className="field-row">
            <div>
              <label className="checkbox">
                <input
                  type="radio"
                  name="repeatEnd"
                  checked={value.end === 'count'}
                  onChange={() => onChange({ ...value, end: 'count' })}
                />
                {t('meetings.repeat.endByCount')}
              </label>
              {value.end === 'count' && (
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
              )}
            </div>
            <div>
              <label className="checkbox">
                <input
                  type="radio"
                  name="repeatEnd"
                  checked={value.end === 'until'}
                  onChange={() => onChange({ ...value, end: 'until' })}
                />
                {t('meetings.repeat.endByDate')}
              </label>
              {value.end === 'until' && (
                <TextField
                  label={t('meetings.repeat.until')}
                  type="date"
                  value={value.until}
                  onChange={(event) => onChange({ ...value, until: event.target.value })}
                  error={errors['until']}
                />
              )}
            </div>
          </div>
        </fieldset>
      )}
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
