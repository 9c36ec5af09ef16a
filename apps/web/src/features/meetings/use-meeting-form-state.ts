// The meeting form's state: what it keeps outside its inputs (the start and its zone, the series, the agenda, the
// slot finder's rotation), its errors, and the submit that checks the values and saves them.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateMeeting, Meeting, UpdateMeeting } from '@minga/contracts';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { useSession } from '../../lib/session';
import { agendaRowsOf, type AgendaRow, type Choice } from './agenda-fields';
import { useApplyRotation, useCreateMeeting, useUpdateMeeting, type MeetingOwner } from './api';
import { checkMeeting, initialRecurrence, meetingValuesOf, type MeetingPrefill, type MeetingStart } from './meeting-form-values';
import type { RecurrenceValues } from './recurrence';

interface MeetingFormOptions {
  owner: MeetingOwner;
  meeting?: Meeting;
  prefill?: MeetingPrefill;
  invitees?: Choice[];
  onSaved: (meeting: Meeting) => void;
}

export function useMeetingFormState({ owner, meeting, prefill, invitees, onSaved }: MeetingFormOptions) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const rotation = useRotation(meeting, prefill);
  const saving = useSaveMeeting(owner, meeting, onSaved);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, saving.error);
  const [agenda, setAgenda] = useState<AgendaRow[]>(() => agendaRowsOf(meeting?.agenda ?? []));
  const { when, setWhen } = useMeetingStart(meeting, prefill);
  const [recurrence, setRecurrence] = useState<RecurrenceValues>(() => initialRecurrence(meeting, prefill));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = meetingValuesOf(data, { when, recurrence, agenda }, meeting ? null : (invitees ?? null));
    const checked = checkMeeting(values, recurrence, meeting !== undefined, t);
    setClientErrors(checked.errors);
    if (!checked.ok) return;
    const repeats = values.rrule !== null;
    saving.save(checked.data, rotation.chosen && repeats ? rotation.times : null);
  }

  return { formRef, errors, saving, agenda, setAgenda, when, setWhen, recurrence, setRecurrence, rotation, submit };
}

/** The start: the date and time as typed, in the zone the organiser picked (their profile's until they pick one). */
function useMeetingStart(meeting: Meeting | undefined, prefill: MeetingPrefill | undefined) {
  const { user } = useSession();
  const initialStart = meeting?.localStart ?? prefill?.localStart ?? '';
  const [start, setStart] = useState({
    date: initialStart.slice(0, 10),
    time: initialStart.slice(11, 16),
  });
  // Null until the organiser picks one: the profile's zone, which may arrive after the form.
  const [chosenZone, setChosenZone] = useState<string | null>(meeting?.timeZone ?? prefill?.timeZone ?? null);
  const when: MeetingStart = { ...start, timeZone: chosenZone ?? user?.timeZone ?? 'UTC' };
  const setWhen = ({ date, time, timeZone }: MeetingStart) => {
    setStart({ date, time });
    if (timeZone !== when.timeZone) setChosenZone(timeZone);
  };
  return { when, setWhen };
}

/** The slot finder's times of day for a new series, when they differ, and whether the organiser keeps them. */
function useRotation(meeting: Meeting | undefined, prefill: MeetingPrefill | undefined) {
  const times = !meeting && prefill?.rotation && new Set(prefill.rotation).size > 1 ? prefill.rotation : null;
  const [chosen, setChosen] = useState(true);
  return { times, chosen, setChosen };
}

/** Saves a change, or creates the meeting and then, if given times, rotates its series through them. */
function useSaveMeeting(owner: MeetingOwner, meeting: Meeting | undefined, onSaved: (meeting: Meeting) => void) {
  const create = useCreateMeeting(owner);
  const update = useUpdateMeeting(meeting?.id ?? '');
  const rotate = useApplyRotation();
  const mutation = meeting ? update : create;

  function save(data: CreateMeeting | UpdateMeeting, rotation: string[] | null) {
    if (meeting) return update.mutate(data as UpdateMeeting, { onSuccess: onSaved });
    create.mutate(data as CreateMeeting, {
      onSuccess: (created) => {
        if (!rotation) return onSaved(created);
        // The series exists either way: its page shows where each date landed.
        rotate.mutate({ meeting: created, times: rotation }, { onSettled: () => onSaved(created) });
      },
    });
  }

  return {
    save,
    isError: mutation.isError,
    error: mutation.error,
    pending: create.isPending || rotate.isPending || update.isPending,
  };
}
