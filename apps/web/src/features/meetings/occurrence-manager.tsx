// What a coordinator does to one occurrence of a series: move it (a new start in the organiser's zone and a length),
// cancel it or bring it back, and change its own agenda.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { replaceAgendaSchema, updateOccurrenceSchema, type OccurrenceDetail } from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useDisclosureForm } from '../../components/use-disclosure-form';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { validate } from '../../lib/validation';
import { AgendaFields, agendaInputOf, agendaRowsOf, type AgendaRow, type Choice } from './agenda-fields';
import { useFollowSeriesAgenda, useReplaceAgenda, useUpdateOccurrence } from './api';
import { instantOf, zoneCity } from './zone-times';
import './meetings.css';

export function OccurrenceStatusButton({ occurrence }: { occurrence: OccurrenceDetail }) {
  const { t } = useTranslation();
  const update = useUpdateOccurrence(occurrence.id);
  const [confirming, setConfirming] = useState(false);
  const cancelled = occurrence.status === 'cancelled';
  // After cancelling or restoring here, the keyboard lands on the button that undoes it, not on the page's start.
  const nextButton = useRef<HTMLButtonElement>(null);
  const moveFocus = useRef(false);
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    nextButton.current?.focus();
  }, [cancelled]);
  const change = (status: 'cancelled' | 'scheduled') => {
    moveFocus.current = true;
    update.mutate({ status }, { onSuccess: () => setConfirming(false) });
  };
  if (cancelled) {
    return (
      <span className="inline-actions">
        <button
          type="button"
          ref={nextButton}
          className="button button--secondary"
          disabled={update.isPending}
          onClick={() => change('scheduled')}
        >
          {t('meetings.occurrence.restore')}
        </button>
        {update.isError && <ProblemAlert error={update.error} />}
      </span>
    );
  }
  if (!confirming) {
    return (
      <button type="button" ref={nextButton} className="button button--danger" onClick={() => setConfirming(true)}>
        {t('meetings.occurrence.cancel')}
      </button>
    );
  }
  return (
    <div className="restore-confirm" role="group" aria-label={t('meetings.occurrence.cancelConfirmLabel')}>
      <p className="restore-question">{t('meetings.occurrence.cancelQuestion')}</p>
      <span className="inline-actions">
        <button type="button" className="button button--danger" autoFocus disabled={update.isPending} onClick={() => change('cancelled')}>
          {t('meetings.occurrence.cancelConfirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
          {t('meetings.occurrence.keep')}
        </button>
      </span>
      {update.isError && <ProblemAlert error={update.error} />}
    </div>
  );
}

export function MoveOccurrence({ occurrence }: { occurrence: OccurrenceDetail }) {
  const { t } = useTranslation();
  const { open, setOpen, formArea, openButton } = useDisclosureForm('input');
  return (
    <div ref={formArea}>
      {open ? (
        <MoveForm occurrence={occurrence} onDone={() => setOpen(false)} />
      ) : (
        <button type="button" className="button button--secondary" ref={openButton} onClick={() => setOpen(true)}>
          {t('meetings.occurrence.move')}
        </button>
      )}
    </div>
  );
}

function MoveForm({ occurrence, onDone }: { occurrence: OccurrenceDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const update = useUpdateOccurrence(occurrence.id);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, update.error);
  const minutes = Math.round((Date.parse(occurrence.endsAt) - Date.parse(occurrence.startsAt)) / 60_000);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const date = String(data.get('date') ?? '');
    const time = String(data.get('time') ?? '');
    const duration = Number(data.get('durationMinutes'));
    const start = date && time ? instantOf(`${date}T${time}`, occurrence.timeZone) : null;
    if (!start) {
      setClientErrors(date ? { time: t('validation.required') } : { date: t('validation.required') });
      return;
    }
    const result = validate(
      updateOccurrenceSchema,
      { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + duration * 60_000).toISOString() },
      t,
    );
    setClientErrors(result.ok ? {} : { durationMinutes: result.errors['endsAt'] ?? t('validation.invalid') });
    if (result.ok) update.mutate(result.data, { onSuccess: onDone });
  }

  return (
    <form ref={formRef} className="form occurrence-move" onSubmit={submit} noValidate aria-label={t('meetings.occurrence.moveLabel')}>
      {update.isError && <ProblemAlert error={update.error} />}
      <p className="field-hint">{t('meetings.occurrence.moveHint', { zone: zoneCity(occurrence.timeZone) })}</p>
      <div className="field-row">
        <TextField
          label={t('meetings.form.date')}
          name="date"
          type="date"
          required
          defaultValue={occurrence.localStart.slice(0, 10)}
          error={errors['date'] ?? errors['startsAt']}
        />
        <TextField
          label={t('meetings.form.time')}
          name="time"
          type="time"
          required
          defaultValue={occurrence.localStart.slice(11, 16)}
          error={errors['time']}
        />
      </div>
      <TextField
        label={t('meetings.form.duration')}
        name="durationMinutes"
        type="number"
        inputMode="numeric"
        min={5}
        max={720}
        defaultValue={minutes}
        error={errors['durationMinutes'] ?? errors['endsAt']}
      />
      <FormActions pending={update.isPending} submitLabel={t('meetings.occurrence.moveSave')} onCancel={onDone} />
    </form>
  );
}

interface AgendaEditorProps {
  occurrence: OccurrenceDetail;
  presenters: Choice[];
  drafts: Choice[];
}

export function OccurrenceAgendaEditor({ occurrence, presenters, drafts }: AgendaEditorProps) {
  const { t } = useTranslation();
  const { open, setOpen, formArea, openButton } = useDisclosureForm('input');
  return (
    <div ref={formArea} className="stack">
      {occurrence.ownAgenda && !open && <FollowSeriesAgenda occurrenceId={occurrence.id} onFollowed={() => openButton.current?.focus()} />}
      {open ? (
        <AgendaForm occurrence={occurrence} presenters={presenters} drafts={drafts} onDone={() => setOpen(false)} />
      ) : (
        <div>
          <button type="button" className="button button--secondary" ref={openButton} onClick={() => setOpen(true)}>
            {t('meetings.agenda.edit')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * An occurrence of a series whose host edited its agenda keeps it; this says so and offers the series' one back.
 * Its button then disappears, so focus moves on to the agenda's remaining action.
 */
function FollowSeriesAgenda({ occurrenceId, onFollowed }: { occurrenceId: string; onFollowed: () => void }) {
  const { t } = useTranslation();
  const follow = useFollowSeriesAgenda(occurrenceId);
  return (
    <div>
      <p className="muted">{t('meetings.agenda.ownNotice')}</p>
      {follow.isError && <ProblemAlert error={follow.error} />}
      <button
        type="button"
        className="button button--secondary"
        disabled={follow.isPending}
        onClick={() => follow.mutate(undefined, { onSuccess: onFollowed })}
      >
        {t('meetings.agenda.followSeries')}
      </button>
    </div>
  );
}

function AgendaForm({ occurrence, presenters, drafts, onDone }: AgendaEditorProps & { onDone: () => void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const replace = useReplaceAgenda(occurrence.id);
  const [rows, setRows] = useState<AgendaRow[]>(() => agendaRowsOf(occurrence.agenda));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, replace.error);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(replaceAgendaSchema, { items: agendaInputOf(rows) }, t);
    setClientErrors(result.ok ? {} : result.errors);
    if (result.ok) replace.mutate(result.data, { onSuccess: onDone });
  }
  return (
    <form ref={formRef} className="form form--wide" onSubmit={submit} noValidate aria-label={t('meetings.agenda.editLabel')}>
      {replace.isError && <ProblemAlert error={replace.error} />}
      <AgendaFields rows={rows} onChange={setRows} presenters={presenters} drafts={drafts} errors={errors} errorPrefix="items" />
      <FormActions pending={replace.isPending} submitLabel={t('meetings.agenda.save')} onCancel={onDone} />
    </form>
  );
}
