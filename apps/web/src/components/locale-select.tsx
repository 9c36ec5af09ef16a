import { useTranslation } from 'react-i18next';
import { useDisplayNames } from '../lib/display-names';
import { localeChoices } from '../lib/locale-choices';
import { SelectField } from './form-field';

interface LocaleSelectProps {
  name: string;
  defaultValue: string;
  hint?: string;
  error?: string;
}

/** Picks a locale, each option named in the interface language. */
export function LocaleSelect({ name, defaultValue, hint, error }: LocaleSelectProps) {
  const { t } = useTranslation();
  const names = useDisplayNames();
  return (
    <SelectField label={t('fields.locale')} hint={hint} name={name} defaultValue={defaultValue} error={error}>
      {localeChoices(defaultValue).map((tag) => (
        <option key={tag} value={tag}>
          {names.language(tag)}
        </option>
      ))}
    </SelectField>
  );
}
