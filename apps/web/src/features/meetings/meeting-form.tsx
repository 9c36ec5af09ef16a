// Schedules a meeting of a cohort (or a hub) or changes one: what, when in the organiser's own zone (with the time
// it makes for the viewer shown as they type), how long, where, for how many, how it repeats, and its agenda.
import { useTranslation } from 'react-i18next';
import type { Meeting } from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { ProblemAlert } from '../../components/problem-alert';
import { AgendaFields, type Choice } from './agenda-fields';
import type { MeetingOwner } from './api';
import type { MeetingPrefill } from './meeting-form-values';
import { LinkedDraftField, MeetingWhatFields } from './meeting-what-fields';
import { MeetingWhenFields } from './meeting-when-fields';
import { MeetingWhereFields } from './meeting-where-fields';
import { InviteeFields } from './meeting-who-fields';
import { RecurrenceFields, RotationField } from './recurrence-fields';
import { useMeetingFormState } from './use-meeting-form-state';
import './meetings.css';

export type { MeetingPrefill } from './meeting-form-values';

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

export function MeetingForm({ owner, meeting, prefill, presenters, drafts, invitees, onSaved, onCancel }: MeetingFormProps) {
  const { t } = useTranslation();
  const form = useMeetingFormState({ owner, meeting, prefill, invitees, onSaved });
  const { errors, when, recurrence, rotation, saving } = form;

  return (
    <form
      ref={form.formRef}
      className="form form--wide meeting-form"
      onSubmit={form.submit}
      noValidate
      aria-label={meeting ? t('meetings.form.editLabel', { title: meeting.title }) : t('meetings.form.newLabel')}
    >
      {saving.isError && <ProblemAlert error={saving.error} />}
      <MeetingWhatFields meeting={meeting} errors={errors} />
      <MeetingWhenFields
        when={when}
        onChange={form.setWhen}
        defaultDuration={meeting?.durationMinutes ?? prefill?.durationMinutes ?? 60}
        errors={errors}
      />
      <RecurrenceFields value={recurrence} onChange={form.setRecurrence} date={when.date} errors={errors} />
      {rotation.times && recurrence.repeat !== 'none' && (
        <RotationField times={rotation.times} checked={rotation.chosen} onChange={rotation.setChosen} />
      )}
      <MeetingWhereFields meeting={meeting} errors={errors} />
      <LinkedDraftField meeting={meeting} drafts={drafts} errors={errors} />
      <AgendaFields
        rows={form.agenda}
        onChange={form.setAgenda}
        presenters={presenters}
        drafts={drafts}
        errors={errors}
        errorPrefix="agenda"
      />
      {!meeting && invitees && invitees.length > 0 && <InviteeFields invitees={invitees} errors={errors} />}
      <FormActions
        pending={saving.pending}
        submitLabel={meeting ? t('meetings.form.save') : t('meetings.form.schedule')}
        onCancel={onCancel}
      />
    </form>
  );
}
