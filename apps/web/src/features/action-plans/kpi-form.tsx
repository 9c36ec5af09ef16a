// Adds a KPI to a plan: name, unit, which way is good, baseline and target (value and date).
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createKpiSchema, KPI_DIRECTIONS } from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { SelectField, TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { validate } from '../../lib/validation';
import { useCreateKpi } from './kpis-api';

const numberOrMissing = (value: FormDataEntryValue | null) => {
  const text = String(value ?? '').trim();
  return text === '' ? undefined : Number(text);
};

export function KpiForm({ planId, onSaved, onCancel }: { planId: string; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateKpi(planId);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, create.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = {
      name: String(data.get('name') ?? ''),
      unit: String(data.get('unit') ?? ''),
      direction: data.get('direction'),
      baselineValue: numberOrMissing(data.get('baselineValue')),
      baselineDate: data.get('baselineDate') || undefined,
      targetValue: numberOrMissing(data.get('targetValue')),
      targetDate: data.get('targetDate') || undefined,
    };
    const result = validate(createKpiSchema, values, t);
    setClientErrors(result.ok ? {} : result.errors);
    if (result.ok) create.mutate(result.data, { onSuccess: onSaved });
  }

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label={t('kpis.form.heading')}>
      {create.isError && <ProblemAlert error={create.error} />}
      <TextField label={t('kpis.name')} name="name" maxLength={200} required error={errors['name']} />
      <div className="field-row">
        <TextField label={t('kpis.unit')} hint={t('kpis.form.unitHint')} name="unit" maxLength={40} required error={errors['unit']} />
        <SelectField label={t('kpis.directionLabel')} name="direction" defaultValue="up" error={errors['direction']}>
          {KPI_DIRECTIONS.map((direction) => (
            <option key={direction} value={direction}>
              {t(`kpis.direction.${direction}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="field-row">
        <TextField
          label={t('kpis.form.baselineValue')}
          name="baselineValue"
          type="number"
          step="any"
          required
          error={errors['baselineValue']}
        />
        <TextField label={t('kpis.form.baselineDate')} name="baselineDate" type="date" required error={errors['baselineDate']} />
      </div>
      <div className="field-row">
        <TextField label={t('kpis.form.targetValue')} name="targetValue" type="number" step="any" required error={errors['targetValue']} />
        <TextField label={t('kpis.form.targetDate')} name="targetDate" type="date" required error={errors['targetDate']} />
      </div>
      <FormActions pending={create.isPending} submitLabel={t('kpis.form.save')} onCancel={onCancel} />
    </form>
  );
}
