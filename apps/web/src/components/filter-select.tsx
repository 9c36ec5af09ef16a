// A list filter's select: an "all" choice that clears the filter, then one choice per value; each choice applies at once.
import { SelectField } from './form-field';

interface FilterOption<T extends string> {
  value: T;
  label: string;
}

interface FilterSelectProps<T extends string> {
  label: string;
  /** The first choice, which clears the filter (e.g. "All hubs"). */
  allLabel: string;
  options: readonly FilterOption<T>[];
  value: T | undefined;
  onChange: (value: T | undefined) => void;
}

export function FilterSelect<T extends string>({ label, allLabel, options, value, onChange }: FilterSelectProps<T>) {
  return (
    <SelectField
      label={label}
      value={value ?? ''}
      // Only a listed value passes, so an enum filter gets one of its members or nothing.
      onChange={(event) => onChange(options.find((option) => option.value === event.target.value)?.value)}
    >
      <option value="">{allLabel}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}
