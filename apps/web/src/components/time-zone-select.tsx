import { useTranslation } from 'react-i18next';
import { timeZoneChoices } from '../lib/locale-choices';
import { SelectField } from './form-field';

interface TimeZoneSelectProps {
  name: string;
  defaultValue: string;
  error?: string;
}

/** Every IANA time zone the browser knows, by its identifier (e.g. Asia/Tokyo). */
export function TimeZoneSelect({ name, defaultValue, error }: TimeZoneSelectProps) {
  const { t } = useTranslation();
  return (
    <SelectField label={t('fields.timeZone')} name={name} defaultValue={defaultValue} error={error}>
      {timeZoneChoices(defaultValue).map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </SelectField>
  );
}
