// Adds a task to a milestone: one title, saved at once; the field clears and keeps focus for the next one.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createTaskSchema, type ActionPlan, type Milestone } from '@minga/contracts';
import { TextField } from '../../components/form-field';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { validate } from '../../lib/validation';
import { useCreateTask } from './api';
import './action-plans.css';

export function NewTaskForm({ plan, milestone }: { plan: Pick<ActionPlan, 'id' | 'cityId'>; milestone: Pick<Milestone, 'id' | 'title'> }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateTask(plan, milestone.id);
  const [title, setTitle] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, create.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(createTaskSchema, { title }, t);
    setClientErrors(result.ok ? {} : result.errors);
    if (result.ok) create.mutate(result.data, { onSuccess: () => setTitle('') });
  }

  return (
    <form
      ref={formRef}
      className="new-task-form"
      onSubmit={submit}
      noValidate
      aria-label={t('plans.milestones.addTaskTo', { title: milestone.title })}
    >
      <TextField
        label={t('plans.milestones.newTask')}
        name="title"
        maxLength={300}
        autoComplete="off"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={errors['title']}
      />
      <button type="submit" className="button button--secondary button--small" disabled={create.isPending}>
        {t('plans.milestones.addTask')}
      </button>
    </form>
  );
}
