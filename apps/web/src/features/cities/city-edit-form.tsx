import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateCitySchema, type City } from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { TextField } from '../../components/form-field';
import { LocaleSelect } from '../../components/locale-select';
import { ProblemAlert } from '../../components/problem-alert';
import { TimeZoneSelect } from '../../components/time-zone-select';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { validate } from '../../lib/validation';
import { useUpdateCity } from './api';

interface CityEditFormProps {
  city: City;
  onSaved: () => void;
  onCancel: () => void;
}

export function CityEditForm({ city, onSaved, onCancel }: CityEditFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const update = useUpdateCity(city.id);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, update.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      name: form.get('name'),
      country: String(form.get('country') ?? '')
        .trim()
        .toUpperCase(),
      timeZone: form.get('timeZone'),
      locale: form.get('locale'),
      population: optionalNumber(form.get('population')),
      areaKm2: optionalNumber(form.get('areaKm2')),
    };
    const result = validate(updateCitySchema, values, t);
    setClientErrors(result.ok ? {} : result.errors);
    if (result.ok) update.mutate(result.data, { onSuccess: onSaved });
  }

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      {update.isError && <ProblemAlert error={update.error} />}
      <TextField label={t('cities.name')} name="name" defaultValue={city.name} required error={errors['name']} />
      <TextField
        label={t('cities.countryCode')}
        hint={t('cities.countryCodeHint')}
        name="country"
        defaultValue={city.country}
        maxLength={2}
        autoCapitalize="characters"
        required
        error={errors['country']}
      />
      <TimeZoneSelect name="timeZone" defaultValue={city.timeZone} error={errors['timeZone']} />
      <LocaleSelect name="locale" defaultValue={city.locale} error={errors['locale']} />
      <TextField
        label={t('cities.population')}
        name="population"
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        defaultValue={city.population ?? ''}
        error={errors['population']}
      />
      <TextField
        label={t('cities.areaKm2')}
        name="areaKm2"
        type="number"
        inputMode="decimal"
        min={0}
        step="any"
        defaultValue={city.areaKm2 ?? ''}
        error={errors['areaKm2']}
      />
      <FormActions pending={update.isPending} submitLabel={t('cities.edit.save')} onCancel={onCancel} />
    </form>
  );
}

// An empty number field clears the fact; anything else goes to the schema, which rejects non-numbers.
function optionalNumber(value: FormDataEntryValue | null): number | null {
  const text = String(value ?? '').trim();
  return text === '' ? null : Number(text);
}
