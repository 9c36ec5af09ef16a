// What a meeting is about: its title and description, and the policy draft it discusses.
import { useTranslation } from 'react-i18next';
import type { Meeting } from '@minga/contracts';
import { SelectField, TextAreaField, TextField } from '../../components/form-field';
import type { FieldErrors } from '../../components/use-form-errors';
import type { Choice } from './agenda-fields';

interface MeetingFieldsProps {
  meeting?: Meeting;
  errors: FieldErrors;
}

export function MeetingWhatFields({ meeting, errors }: MeetingFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('meetings.form.title')}
        name="title"
        maxLength={200}
        required
        defaultValue={meeting?.title}
        error={errors['title']}
      />
      <TextAreaField
        label={t('meetings.form.description')}
        name="description"
        rows={4}
        maxLength={10_000}
        defaultValue={meeting?.description}
        error={errors['description']}
      />
    </>
  );
}

export function LinkedDraftField({ meeting, drafts, errors }: MeetingFieldsProps & { drafts: Choice[] }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('meetings.form.draft')}
      hint={t('meetings.form.draftHint')}
      name="draftId"
      defaultValue={meeting?.draft?.id ?? ''}
      error={errors['draftId']}
    >
      <option value="">{t('meetings.agenda.noDraft')}</option>
      {drafts.map((draft) => (
        <option key={draft.id} value={draft.id}>
          {draft.name}
        </option>
      ))}
    </SelectField>
  );
}
