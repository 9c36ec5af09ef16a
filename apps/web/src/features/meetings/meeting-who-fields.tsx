// Who a new meeting invites: everyone offered is ticked at first; the error of the list or any of its items shows once.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../components/use-form-errors';
import type { Choice } from './agenda-fields';

function listError(errors: FieldErrors, field: string): string | undefined {
  const key = Object.keys(errors).find((path) => path === field || path.startsWith(`${field}.`));
  return key ? errors[key] : undefined;
}

export function InviteeFields({ invitees, errors }: { invitees: Choice[]; errors: FieldErrors }) {
  const { t } = useTranslation();
  const hintId = useId();
  const errorId = useId();
  const error = listError(errors, 'inviteeIds');
  return (
    <fieldset className="fieldset" aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
      <legend>{t('meetings.form.invitees')}</legend>
      <p className="field-hint" id={hintId}>
        {t('meetings.form.inviteesHint')}
      </p>
      <div className="checkbox-row">
        {invitees.map((person) => (
          <label key={person.id} className="checkbox">
            <input type="checkbox" name="inviteeIds" value={person.id} defaultChecked aria-invalid={error ? true : undefined} />
            {person.name}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
