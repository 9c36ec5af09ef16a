// Starts a city's policy draft from one of the alliance's model policies, then opens it in the editor.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createDraftSchema, type City, type ModelPolicy } from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { SelectField, TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { useDisplayNames } from '../../lib/display-names';
import { localeChoices } from '../../lib/locale-choices';
import { validate } from '../../lib/validation';
import { useCreateDraft } from './api';

interface NewDraftFormProps {
  city: Pick<City, 'id' | 'name' | 'locale'>;
  modelPolicies: Pick<ModelPolicy, 'id' | 'name' | 'summary' | 'hasTemplate'>[];
  onCancel?: () => void;
}

/** A draft is written in one language: the city's own (first), or another language of the alliance's hubs. */
function draftLanguageChoices(cityLocale: string): string[] {
  const language = (tag: string) => tag.split('-', 1).at(0) ?? tag;
  return [...new Set([language(cityLocale), ...localeChoices(cityLocale).map(language)])];
}

export function NewDraftForm({ city, modelPolicies, onCancel }: NewDraftFormProps) {
  const { t } = useTranslation();
  const names = useDisplayNames();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateDraft();
  const [policyId, setPolicyId] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, create.error);
  const chosen = modelPolicies.find((policy) => policy.id === policyId);
  const languages = draftLanguageChoices(city.locale);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = {
      cityId: city.id,
      // An unchosen policy is missing, not malformed: the message asks for it.
      modelPolicyId: data.get('modelPolicyId') || undefined,
      title: data.get('title'),
      language: data.get('language'),
    };
    const result = validate(createDraftSchema, values, t);
    setClientErrors(result.ok ? {} : result.errors);
    if (result.ok) create.mutate(result.data, { onSuccess: (draft) => void navigate(`/drafts/${draft.id}`) });
  }

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      {create.isError && <ProblemAlert error={create.error} />}
      <SelectField
        label={t('drafts.modelPolicy')}
        hint={chosen ? chosen.summary : t('drafts.new.modelPolicyHint')}
        name="modelPolicyId"
        value={policyId}
        onChange={(event) => setPolicyId(event.target.value)}
        required
        error={errors['modelPolicyId']}
      >
        <option value="">{t('drafts.new.chooseModelPolicy')}</option>
        {modelPolicies.map((policy) => (
          <option key={policy.id} value={policy.id}>
            {policy.hasTemplate ? policy.name : t('drafts.new.noTemplate', { name: policy.name })}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('drafts.draftTitle')}
        hint={t('drafts.new.titleHint', { city: city.name })}
        name="title"
        maxLength={200}
        autoComplete="off"
        required
        error={errors['title']}
      />
      <SelectField
        label={t('drafts.language')}
        hint={t('drafts.new.languageHint')}
        name="language"
        defaultValue={languages[0]}
        error={errors['language']}
      >
        {languages.map((tag) => (
          <option key={tag} value={tag}>
            {names.language(tag)}
          </option>
        ))}
      </SelectField>
      <FormActions
        pending={create.isPending}
        submitLabel={t('drafts.new.create')}
        pendingLabel={t('drafts.new.creating')}
        onCancel={onCancel}
      />
    </form>
  );
}
