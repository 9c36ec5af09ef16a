// "Name this version": keeps the draft as it is now under a name (e.g. "Sent to legal review"), for those who may update it.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createDraftVersionSchema, type Draft } from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { TextField } from '../../components/form-field';
import { ProblemAlert } from '../../components/problem-alert';
import { useDisclosureForm } from '../../components/use-disclosure-form';
import { useFormErrors, type FieldErrors } from '../../components/use-form-errors';
import { useSession } from '../../lib/session';
import { validate } from '../../lib/validation';
import { useCreateVersion } from './api';

export function NameVersion({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const { open, setOpen, formArea, openButton } = useDisclosureForm('input');
  const [savedLabel, setSavedLabel] = useState<string | null>(null);

  if (!ability.can('update', { kind: 'Draft', id: draft.id, cityId: draft.cityId, hubId: draft.hubId })) return null;

  return (
    <div className="name-version">
      <p role="status" className="status status--success">
        {savedLabel ? t('drafts.versions.name.saved', { label: savedLabel }) : ''}
      </p>
      {open ? (
        <div ref={formArea}>
          <NameVersionForm
            draftId={draft.id}
            onSaved={(label) => {
              setSavedLabel(label);
              setOpen(false);
            }}
            onCancel={() => setOpen(false)}
          />
        </div>
      ) : (
        <button
          ref={openButton}
          type="button"
          className="button"
          onClick={() => {
            setSavedLabel(null);
            setOpen(true);
          }}
        >
          {t('drafts.versions.name.open')}
        </button>
      )}
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
