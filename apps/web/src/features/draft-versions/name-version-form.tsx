// "Name this version": keeps the draft as it is now under a name (e.g. "Sent to legal review"), for those who may update it.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createDraftVersionSchema, type Draft } from '@minga/contracts';
import { DisclosureForm } from '../../components/disclosure-form';
import { FormActions } from '../../components/form-actions';
import { TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { useSession } from '../../lib/session';
import { validate } from '../../lib/validation';
import { useCreateVersion } from './api';

export function NameVersion({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const [savedLabel, setSavedLabel] = useState<string | null>(null);

  if (!ability.can('update', { kind: 'Draft', id: draft.id, cityId: draft.cityId, hubId: draft.hubId })) return null;

  return (
    <div className="name-version">
      <p role="status" className="status status--success">
        {savedLabel ? t('drafts.versions.name.saved', { label: savedLabel }) : ''}
      </p>
      <DisclosureForm label={t('drafts.versions.name.open')} focusSelector="input" onOpen={() => setSavedLabel(null)}>
        {(close) => (
          <NameVersionForm
            draftId={draft.id}
            onSaved={(label) => {
              setSavedLabel(label);
              close();
            }}
            onCancel={close}
          />
        )}
      </DisclosureForm>
    </div>
  );
}

interface NameVersionFormProps {
  draftId: string;
  onSaved: (label: string) => void;
  onCancel: () => void;
}

function NameVersionForm({ draftId, onSaved, onCancel }: NameVersionFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateVersion(draftId);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = useFormErrors(formRef, clientErrors, create.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(createDraftVersionSchema, { label: new FormData(event.currentTarget).get('label') }, t);
    setClientErrors(result.ok ? {} : result.errors);
    if (result.ok) create.mutate(result.data.label, { onSuccess: (version) => onSaved(version.label ?? result.data.label) });
  }

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      {create.isError && <ProblemAlert error={create.error} />}
      <TextField
        label={t('drafts.versions.name.label')}
        hint={t('drafts.versions.name.hint')}
        name="label"
        maxLength={200}
        autoComplete="off"
        required
        error={errors['label']}
      />
      <FormActions pending={create.isPending} submitLabel={t('drafts.versions.name.save')} onCancel={onCancel} />
    </form>
  );
}
