// Starts a city's action plan for a model policy, or edits one: statement of intent, stage, publication, linked draft.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ADOPTION_STAGES, createActionPlanSchema, updateActionPlanSchema, type ActionPlan } from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { CheckboxField, SelectField, TextAreaField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { validate } from '../../lib/validation';
import { useCreateActionPlan, useDraftChoices, useUpdateActionPlan } from './api';

interface ActionPlanFormProps {
  cityId: string;
  /** The plan to edit; without it the form starts a new plan. */
  plan?: ActionPlan;
  /** Model policies the city has no plan for yet (creating only). */
  modelPolicies?: { id: string; name: string }[];
  onSaved: (plan: ActionPlan) => void;
  onCancel: () => void;
}

export function ActionPlanForm({ cityId, plan, modelPolicies = [], onSaved, onCancel }: ActionPlanFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateActionPlan(cityId);
  const update = useUpdateActionPlan({ id: plan?.id ?? '', cityId });
  const mutation = plan ? update : create;
  const [policyId, setPolicyId] = useState(plan?.modelPolicyId ?? '');
  const drafts = useDraftChoices(cityId, policyId);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, mutation.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = {
      statementOfIntent: String(data.get('statementOfIntent') ?? ''),
      stage: data.get('stage'),
      published: data.get('published') === 'on',
      draftId: data.get('draftId') || null,
    };
    if (plan) {
      const result = validate(updateActionPlanSchema, values, t);
      setClientErrors(result.ok ? {} : result.errors);
      if (result.ok) update.mutate(result.data, { onSuccess: onSaved });
    } else {
      const result = validate(createActionPlanSchema, { ...values, modelPolicyId: policyId || undefined }, t);
      setClientErrors(result.ok ? {} : result.errors);
      if (result.ok) create.mutate(result.data, { onSuccess: onSaved });
    }
  }

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label={plan ? t('plans.edit.heading') : t('plans.new.heading')}>
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      {!plan && (
        <SelectField
          label={t('plans.modelPolicy')}
          name="modelPolicyId"
          value={policyId}
          onChange={(event) => setPolicyId(event.target.value)}
          required
          error={errors['modelPolicyId']}
        >
          <option value="">{t('plans.new.chooseModelPolicy')}</option>
          {modelPolicies.map((policy) => (
            <option key={policy.id} value={policy.id}>
              {policy.name}
            </option>
          ))}
        </SelectField>
      )}
      <TextAreaField
        label={t('plans.statementOfIntent')}
        hint={t('plans.statementOfIntentHint')}
        name="statementOfIntent"
        rows={5}
        maxLength={10_000}
        defaultValue={plan?.statementOfIntent ?? ''}
        error={errors['statementOfIntent']}
      />
      <SelectField label={t('plans.stageLabel')} name="stage" defaultValue={plan?.stage ?? 'assess'} error={errors['stage']}>
        {ADOPTION_STAGES.map((stage, index) => (
          <option key={stage} value={stage}>
            {t('plans.stageNumbered', {
              number: index + 1,
              stage: t(`plans.stage.${stage}`),
            })}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('plans.draft')}
        hint={policyId ? undefined : t('plans.draftHintChoosePolicy')}
        name="draftId"
        defaultValue={plan?.draftId ?? ''}
        // Remounted once the drafts arrive, so that the linked draft shows as chosen.
        key={drafts.data ? 'loaded' : 'loading'}
        error={errors['draftId']}
      >
        <option value="">{t('plans.noDraft')}</option>
        {(drafts.data ?? []).map((draft) => (
          <option key={draft.id} value={draft.id}>
            {draft.title}
          </option>
        ))}
      </SelectField>
      <CheckboxField
        label={t('plans.publish')}
        hint={t('plans.publishHint')}
        name="published"
        defaultChecked={plan?.published ?? false}
        error={errors['published']}
      />
      <FormActions
        pending={mutation.isPending}
        submitLabel={plan ? t('plans.edit.save') : t('plans.new.create')}
        pendingLabel={plan ? undefined : t('plans.new.creating')}
        onCancel={onCancel}
      />
    </form>
  );
}
