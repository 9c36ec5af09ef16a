// Chooses the two states of the draft to compare: its model policy, any saved version, or the draft as it is now.
import { useId, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/form-field';
import { useFormatters } from '../../lib/formatters';
import { versionName } from './version-name';
import { useVersions, type ComparisonSide } from './api';
import './draft-versions.css';

export interface ComparisonChoice {
  from: ComparisonSide;
  to: ComparisonSide;
}

/** What a comparison shows until someone chooses otherwise: how far the draft has come from its model policy. */
export const DEFAULT_COMPARISON: ComparisonChoice = { from: 'model', to: 'current' };

interface ComparisonFormProps {
  draftId: string;
  value: ComparisonChoice;
  onChange: (choice: ComparisonChoice) => void;
  onCompare: (choice: ComparisonChoice, trigger: HTMLElement | null) => void;
}

export function ComparisonForm({ draftId, value, onChange, onCompare }: ComparisonFormProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const submitButton = useRef<HTMLButtonElement>(null);
  const versions = useVersions(draftId);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onCompare(value, submitButton.current);
  }

  const versionOptions = (versions.data ?? []).map((version) => (
    <option key={version.id} value={version.id}>
      {versionName(version, format)}
    </option>
  ));

  return (
    <form className="form comparison-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId}>{t('drafts.comparison.heading')}</h3>
      <div className="field-row">
        <SelectField
          label={t('drafts.comparison.from')}
          name="from"
          value={value.from}
          onChange={(event) => onChange({ ...value, from: event.target.value })}
        >
          <option value="model">{t('drafts.comparison.model')}</option>
          {versionOptions.length > 0 && <optgroup label={t('drafts.comparison.versionsGroup')}>{versionOptions}</optgroup>}
          <option value="current">{t('drafts.comparison.current')}</option>
        </SelectField>
        <SelectField
          label={t('drafts.comparison.to')}
          name="to"
          value={value.to}
          onChange={(event) => onChange({ ...value, to: event.target.value })}
        >
          {versionOptions.length > 0 && <optgroup label={t('drafts.comparison.versionsGroup')}>{versionOptions}</optgroup>}
          <option value="current">{t('drafts.comparison.current')}</option>
        </SelectField>
      </div>
      <button ref={submitButton} type="submit" className="button">
        {t('drafts.comparison.submit')}
      </button>
    </form>
  );
}
