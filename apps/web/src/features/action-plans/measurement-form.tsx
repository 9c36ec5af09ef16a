// Records one measurement of a KPI: date, value, where it comes from and a note.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createMeasurementSchema, type Kpi } from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { validate } from '../../lib/validation';
import { useCreateMeasurement } from './kpis-api';

interface MeasurementFormProps {
  planId: string;
  kpi: Pick<Kpi, 'id' | 'name' | 'unit'>;
  onSaved: () => void;
  onCancel: () => void;
}

const optionalText = (value: FormDataEntryValue | null) => String(value ?? '').trim() || null;

export function MeasurementForm({ planId, kpi, onSaved, onCancel }: MeasurementFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateMeasurement(planId, kpi.id);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, create.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = String(data.get('value') ?? '').trim();
    const values = {
      date: data.get('date') || undefined,
      // An empty field is missing (required), not zero.
      value: value === '' ? undefined : Number(value),
      source: optionalText(data.get('source')),
      note: optionalText(data.get('note')),
    };
    const result = validate(createMeasurementSchema, values, t);
    setClientErrors(result.ok ? {} : result.errors);
    if (result.ok) create.mutate(result.data, { onSuccess: onSaved });
  }

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label={t('kpis.measurementForm.heading', { name: kpi.name })}>
      {create.isError && <ProblemAlert error={create.error} />}
      <div className="field-row">
        <TextField label={t('kpis.date')} name="date" type="date" required error={errors['date']} />
        <TextField
          label={t('kpis.valueIn', { unit: kpi.unit })}
          name="value"
          type="number"
          inputMode="decimal"
          step="any"
          required
          error={errors['value']}
        />
      </div>
      <TextField
        label={t('kpis.source')}
        hint={t('kpis.measurementForm.sourceHint')}
        name="source"
        maxLength={500}
        error={errors['source']}
      />
      <TextField label={t('kpis.note')} name="note" maxLength={2000} error={errors['note']} />
      <FormActions pending={create.isPending} submitLabel={t('kpis.measurementForm.save')} onCancel={onCancel} />
    </form>
  );
}
