// What the meeting form sends: the values read from its inputs and its own state, checked against the API's schema
// and against what the schema cannot see in separate fields.
import type { TFunction } from 'i18next';
import { createMeetingSchema, updateMeetingSchema, type CreateMeeting, type Meeting, type UpdateMeeting } from '@minga/contracts';
import type { FieldErrors } from '../../components/use-form-errors';
import { validate } from '../../lib/validation';
import { agendaInputOf, type AgendaRow, type Choice } from './agenda-fields';
import { recurrenceOf, rruleOf, type RecurrenceValues } from './recurrence';

/** What the slot finder hands over: a start in the organiser's zone, a length, and how many meetings. */
export interface MeetingPrefill {
  localStart?: string;
  timeZone?: string;
  durationMinutes?: number;
  seriesLength?: number;
  /** For a series, the time of day (HH:mm in the organiser's zone) of each meeting in turn. */
  rotation?: string[];
}

/** The start as the organiser types it: a date and a time in their zone. */
export interface MeetingStart {
  date: string;
  time: string;
  timeZone: string;
}

/** What the form keeps in its state rather than in its inputs. */
interface MeetingFormState {
  when: MeetingStart;
  recurrence: RecurrenceValues;
  agenda: AgendaRow[];
}

type MeetingValues = ReturnType<typeof meetingValuesOf>;

type MeetingCheck = { ok: true; data: CreateMeeting | UpdateMeeting; errors: FieldErrors } | { ok: false; errors: FieldErrors };

const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();
const numberOrText = (value: string) => (value === '' ? undefined : Number.isNaN(Number(value)) ? value : Number(value));

/** A new meeting repeats as it did, or monthly when the slot finder planned a series, or not at all. */
export function initialRecurrence(meeting: Meeting | undefined, prefill: MeetingPrefill | undefined): RecurrenceValues {
  if (meeting) return recurrenceOf(meeting.rrule);
  if (prefill?.seriesLength)
    return {
      ...recurrenceOf(null),
      repeat: 'monthly',
      count: String(prefill.seriesLength),
    };
  return recurrenceOf(null);
}

/**
 * The request body from the form's inputs and state. Invitees are chosen when scheduling: pass them for a new
 * meeting only, as an edit leaves them as they are.
 */
export function meetingValuesOf(data: FormData, { when, recurrence, agenda }: MeetingFormState, invitees: Choice[] | null) {
  const capacity = text(data, 'capacity');
  return {
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
    ...(invitees ? inviteeChoice(data, invitees) : {}),
  };
}

/** The schema's checks (of a change or of a new meeting) and the form's own, with every error by field. */
export function checkMeeting(values: MeetingValues, recurrence: RecurrenceValues, editing: boolean, t: TFunction): MeetingCheck {
  const result = validate(editing ? updateMeetingSchema : createMeetingSchema, values, t);
  const local = localChecks(values, recurrence, t);
  const schemaErrors = result.ok ? {} : result.errors;
  // The schema's own words for a bad rule are English; say it in the interface language.
  if (schemaErrors['rrule'] === t('validation.invalid')) schemaErrors['rrule'] = t('meetings.repeat.invalidRule');
  const errors = { ...schemaErrors, ...local };
  if (!result.ok || Object.keys(local).length > 0) return { ok: false, errors };
  return { ok: true, data: result.data, errors };
}

/** The chosen invitees, or nothing when everyone is chosen: the API then invites its default, the cohort's members. */
function inviteeChoice(data: FormData, invitees: Choice[]): { inviteeIds?: string[] } {
  if (invitees.length === 0) return {};
  const chosen = data.getAll('inviteeIds').map(String);
  return chosen.length === invitees.length ? {} : { inviteeIds: chosen };
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
