// Adds a milestone to a plan or edits one: title, due date, owner, status and evidence links (one per line);
// a new milestone may list its tasks too. Marking done a milestone with open tasks asks first.
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { createMilestoneSchema, MILESTONE_STATUSES, updateMilestoneSchema, type ActionPlan, type Milestone } from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { SelectField, TextAreaField, TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { validate } from '../../lib/validation';
import { useCreateMilestone, useOwnerChoices, useUpdateMilestone } from './api';

interface MilestoneFormProps {
  plan: Pick<ActionPlan, 'id' | 'cityId'>;
  milestone?: Milestone;
  onSaved: () => void;
  onCancel: () => void;
}

const lines = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The first error of a list field or any of its items (`evidenceLinks.2`), shown once beside the whole field. */
function listFieldError(errors: FieldErrors, field: string): string | undefined {
  const key = Object.keys(errors).find((path) => path === field || path.startsWith(`${field}.`));
  return key ? errors[key] : undefined;
}

export function MilestoneForm({ plan, milestone, onSaved, onCancel }: MilestoneFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateMilestone(plan);
  const update = useUpdateMilestone(plan, milestone?.id ?? '');
  const mutation = milestone ? update : create;
  const owners = useOwnerChoices(plan.cityId);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, mutation.error);
  const openTasks = milestone?.tasks.filter((task) => !task.done).length ?? 0;
  const doneQuestion = useDoneQuestion(formRef);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = {
      title: String(data.get('title') ?? ''),
      dueDate: data.get('dueDate') || undefined,
      ownerId: data.get('ownerId') || null,
      status: data.get('status'),
      evidenceLinks: lines(data.get('evidenceLinks')),
    };
    if (milestone) {
      const confirmedDone = doneQuestion.answeredYes();
      const result = validate(updateMilestoneSchema, values, t);
      setClientErrors(result.ok ? {} : result.errors);
      if (!result.ok) return;
      const closesOpenTasks = result.data.status === 'done' && milestone.status !== 'done' && openTasks > 0;
      if (closesOpenTasks && !confirmedDone) doneQuestion.ask();
      else update.mutate(result.data, { onSuccess: onSaved });
    } else {
      const tasks = lines(data.get('tasks')).map((title) => ({ title }));
      const result = validate(createMilestoneSchema, { ...values, tasks }, t);
      setClientErrors(result.ok ? {} : result.errors);
      if (result.ok) create.mutate(result.data, { onSuccess: onSaved });
    }
  }

  const ownerChoices = owners.data ?? (milestone?.owner ? [milestone.owner] : []);
  return (
    <form
      ref={formRef}
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={milestone ? t('plans.milestones.editHeading', { title: milestone.title }) : t('plans.milestones.newHeading')}
    >
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      <TextField
        label={t('plans.milestones.title')}
        name="title"
        maxLength={300}
        required
        defaultValue={milestone?.title}
        error={errors['title']}
      />
      <div className="field-row">
        <TextField
          label={t('plans.milestones.dueDate')}
          name="dueDate"
          type="date"
          required
          defaultValue={milestone?.dueDate}
          error={errors['dueDate']}
        />
        <SelectField
          label={t('plans.milestones.status')}
          name="status"
          defaultValue={milestone?.status ?? 'planned'}
          error={errors['status']}
        >
          {MILESTONE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`plans.milestoneStatus.${status}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <SelectField
        label={t('plans.milestones.owner')}
        hint={t('plans.milestones.ownerHint')}
        name="ownerId"
        defaultValue={milestone?.owner?.id ?? ''}
        key={owners.data ? 'loaded' : 'loading'}
        error={errors['ownerId']}
      >
        <option value="">{t('plans.milestones.noOwner')}</option>
        {ownerChoices.map((owner) => (
          <option key={owner.id} value={owner.id}>
            {owner.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('plans.milestones.evidence')}
        hint={t('plans.milestones.evidenceHint')}
        name="evidenceLinks"
        rows={3}
        defaultValue={milestone?.evidenceLinks.join('\n')}
        error={listFieldError(errors, 'evidenceLinks')}
      />
      {!milestone && (
        <TextAreaField
          label={t('plans.milestones.tasks')}
          hint={t('plans.milestones.tasksHint')}
          name="tasks"
          rows={3}
          error={listFieldError(errors, 'tasks')}
        />
      )}
      {doneQuestion.asking ? (
        <div className="confirm-in-place" role="group" aria-labelledby={doneQuestion.id}>
          <p id={doneQuestion.id}>{t('plans.milestones.doneWithOpenTasks', { count: openTasks })}</p>
          {/* Submits the form again, so what is saved is what the form holds now. */}
          <button type="submit" className="button button--small" onClick={doneQuestion.sayYes}>
            {t('plans.milestones.markDone')}
          </button>{' '}
          <button
            ref={doneQuestion.keepButton}
            type="button"
            className="button button--secondary button--small"
            onClick={doneQuestion.sayNo}
          >
            {t('plans.milestones.keepOpen')}
          </button>
        </div>
      ) : (
        <FormActions
          pending={mutation.isPending}
          submitLabel={milestone ? t('plans.milestones.save') : t('plans.milestones.add')}
          onCancel={onCancel}
        />
      )}
    </form>
  );
}

/**
 * The question asked in place of the form's buttons: the safer answer (keep it open) takes focus; answering no puts
 * the keyboard back on the status, the field to change.
 */
function useDoneQuestion(formRef: RefObject<HTMLFormElement | null>) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const yes = useRef(false);
  const keepButton = useRef<HTMLButtonElement>(null);
  const backToStatus = useRef(false);

  useEffect(() => {
    if (asking) keepButton.current?.focus();
    else if (backToStatus.current) {
      backToStatus.current = false;
      const status = formRef.current?.elements.namedItem('status');
      if (status instanceof HTMLElement) status.focus();
    }
  }, [asking, formRef]);

  return {
    id,
    asking,
    keepButton,
    ask: () => setAsking(true),
    sayYes: () => {
      yes.current = true;
    },
    sayNo: () => {
      backToStatus.current = true;
      setAsking(false);
    },
    /** Whether this submission came from the "mark done" button (true once); the question is then put away. */
    answeredYes: () => {
      const answered = yes.current;
      yes.current = false;
      if (answered) setAsking(false);
      return answered;
    },
  };
}
