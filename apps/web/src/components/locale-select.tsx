import { useTranslation } from 'react-i18next';
import { useDisplayNames } from '../lib/display-names';
import { localeChoices } from '../lib/locale-choices';
import { SelectField } from './form-field';

interface LocaleSelectProps {
  name: string;
  defaultValue: string;
  error?: string;
}

/** Picks the locale used for dates and numbers, each option named in the interface language. */
export function LocaleSelect({ name, defaultValue, error }: LocaleSelectProps) {
  const { t } = useTranslation();
  const names = useDisplayNames();
  return (
    <SelectField label={t('fields.locale')} hint={t('fields.localeHint')} name={name} defaultValue={defaultValue} error={error}>
      {localeChoices(defaultValue).map((tag) => (
        <option key={tag} value={tag}>
          {names.language(tag)}
        </option>
      ))}
    </SelectField>
  );
}
