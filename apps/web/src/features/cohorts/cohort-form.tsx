// Forms a cohort or changes one: name, model policy, period, member cities from any hub (grouped by hub) and experts.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createCohortSchema, updateCohortSchema, type Cohort } from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { SelectField, TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { validate } from '../../lib/validation';
import { useCityChoices, useCreateCohort, useExpertChoices, useHubChoices, usePolicyChoices, useUpdateCohort } from './api';
import './cohorts.css';

interface CohortFormProps {
  hubId: string;
  cohort?: Cohort;
  onSaved: (cohort: Cohort) => void;
  onCancel: () => void;
}

/** The first error of a list field or of any of its items (`cityIds.2`). */
function listError(errors: FieldErrors, field: string): string | undefined {
  const key = Object.keys(errors).find((path) => path === field || path.startsWith(`${field}.`));
  return key ? errors[key] : undefined;
}

/** The period's cross-field checks in the interface language (the schema's own words are English). */
function periodMessage(errors: FieldErrors, t: (key: string) => string): FieldErrors {
  return errors['endsOn'] === t('validation.invalid') ? { ...errors, endsOn: t('cohorts.form.periodError') } : errors;
}

export function CohortForm({ hubId, cohort, onSaved, onCancel }: CohortFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateCohort(hubId);
  const update = useUpdateCohort(cohort?.id ?? '');
  const mutation = cohort ? update : create;
  const policies = usePolicyChoices();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, mutation.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = {
      name: String(data.get('name') ?? ''),
      modelPolicyId: String(data.get('modelPolicyId') ?? '') || null,
      startsOn: String(data.get('startsOn') ?? ''),
      endsOn: String(data.get('endsOn') ?? ''),
      cityIds: data.getAll('cityIds').map(String),
      expertIds: data.getAll('expertIds').map(String),
    };
    if (cohort) {
      const result = validate(updateCohortSchema, values, t);
      setClientErrors(result.ok ? {} : periodMessage(result.errors, t));
      if (result.ok) update.mutate(result.data, { onSuccess: onSaved });
    } else {
      const result = validate(createCohortSchema, values, t);
      setClientErrors(result.ok ? {} : periodMessage(result.errors, t));
      if (result.ok) create.mutate(result.data, { onSuccess: onSaved });
    }
  }

  return (
    <form
      ref={formRef}
      className="form form--wide cohort-form"
      onSubmit={submit}
      noValidate
      aria-label={cohort ? t('cohorts.form.editLabel', { name: cohort.name }) : t('cohorts.form.newLabel')}
    >
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      <TextField label={t('cohorts.form.name')} name="name" maxLength={200} required defaultValue={cohort?.name} error={errors['name']} />
      <SelectField
        label={t('cohorts.form.modelPolicy')}
        name="modelPolicyId"
        defaultValue={cohort?.modelPolicy?.id ?? ''}
        key={policies.data ? 'loaded' : 'loading'}
        error={errors['modelPolicyId']}
      >
        <option value="">{t('cohorts.form.noModelPolicy')}</option>
        {(policies.data ?? []).map((policy) => (
          <option key={policy.id} value={policy.id}>
            {policy.name}
          </option>
        ))}
      </SelectField>
      <div className="field-row">
        <TextField
          label={t('cohorts.form.startsOn')}
          name="startsOn"
          type="date"
          required
          defaultValue={cohort?.startsOn}
          error={errors['startsOn']}
        />
        <TextField
          label={t('cohorts.form.endsOn')}
          name="endsOn"
          type="date"
          required
          defaultValue={cohort?.endsOn}
          error={errors['endsOn']}
        />
      </div>
      <CityPicker selected={cohort?.cities.map((city) => city.id) ?? []} error={listError(errors, 'cityIds')} />
      <ExpertPicker selected={cohort?.experts.map((expert) => expert.id) ?? []} error={listError(errors, 'expertIds')} />
      <FormActions
        pending={mutation.isPending}
        submitLabel={cohort ? t('cohorts.form.save') : t('cohorts.form.create')}
        onCancel={onCancel}
      />
    </form>
  );
}

function CityPicker({ selected, error }: { selected: string[]; error?: string }) {
  const { t } = useTranslation();
  const errorId = useId();
  const cities = useCityChoices();
  const hubs = useHubChoices();
  const hubName = new Map((hubs.data ?? []).map((hub) => [hub.id, hub.name]));
  const [filter, setFilter] = useState('');
  const shown = (name: string) => name.toLocaleLowerCase().includes(filter.trim().toLocaleLowerCase());
  // By hub name, with the cities outside every hub last.
  const groups = new Map<string, { name: string; cities: { id: string; name: string }[] }>();
  for (const city of cities.data ?? []) {
    const key = city.hubId ?? '';
    const group = groups.get(key) ?? { name: city.hubId ? (hubName.get(city.hubId) ?? '') : t('cohorts.form.noHub'), cities: [] };
    group.cities.push(city);
    groups.set(key, group);
  }
  return (
    <fieldset className="fieldset" aria-describedby={error ? errorId : undefined}>
      <legend>{t('cohorts.form.cities')}</legend>
      <p className="field-hint">{t('cohorts.form.citiesHint')}</p>
      {(cities.data?.length ?? 0) > 12 && (
        // Hidden cities stay in the form: a ticked city filtered out of view is still sent.
        <TextField label={t('cohorts.form.findCity')} type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
      )}
      {cities.isPending ? (
        <p className="status status--loading">{t('common.loading')}</p>
      ) : (
        [...groups.entries()]
          .sort(([keyA, a], [keyB, b]) => Number(keyA === '') - Number(keyB === '') || a.name.localeCompare(b.name))
          .map(([key, group]) => (
            <fieldset key={key} className="fieldset fieldset--plain" hidden={!group.cities.some((city) => shown(city.name))}>
              <legend>{group.name}</legend>
              <div className="checkbox-row">
                {group.cities.map((city) => (
                  <label key={city.id} className="checkbox" hidden={!shown(city.name)}>
                    <input
                      type="checkbox"
                      name="cityIds"
                      value={city.id}
                      defaultChecked={selected.includes(city.id)}
                      aria-invalid={error ? true : undefined}
                    />
                    {city.name}
                  </label>
                ))}
              </div>
            </fieldset>
          ))
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

function ExpertPicker({ selected, error }: { selected: string[]; error?: string }) {
  const { t } = useTranslation();
  const errorId = useId();
  const experts = useExpertChoices();
  return (
    <fieldset className="fieldset" aria-describedby={error ? errorId : undefined}>
      <legend>{t('cohorts.form.experts')}</legend>
      {experts.isPending ? (
        <p className="status status--loading">{t('common.loading')}</p>
      ) : (experts.data ?? []).length === 0 ? (
        <p className="field-hint">{t('cohorts.form.noExperts')}</p>
      ) : (
        <div className="checkbox-row">
          {(experts.data ?? []).map((expert) => (
            <label key={expert.id} className="checkbox">
              <input
                type="checkbox"
                name="expertIds"
                value={expert.id}
                defaultChecked={selected.includes(expert.id)}
                aria-invalid={error ? true : undefined}
              />
              {expert.name}
            </label>
          ))}
        </div>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
