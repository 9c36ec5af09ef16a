// Per kind of notification: whether it shows in Minga, and whether email brings it at once, in a daily digest or not.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EMAIL_DELIVERIES,
  NOTIFICATION_KINDS,
  type EmailDelivery,
  type KindPreference,
  type NotificationKind,
  type NotificationPreferences as Preferences,
} from '@minga/contracts';
import { FormActions } from '../../components/form-actions';
import { ProblemAlert } from '../../components/problem-alert';
import { QueryState } from '../../components/query-state';
import { usePreferences, useUpdatePreferences } from './api';
import './notifications.css';

export function NotificationPreferences() {
  const query = usePreferences();
  return <QueryState query={query}>{(saved) => <PreferencesForm saved={saved} />}</QueryState>;
}

function PreferencesForm({ saved }: { saved: Preferences }) {
  const { t } = useTranslation();
  const update = useUpdatePreferences();
  const [choices, setChoices] = useState<Record<NotificationKind, KindPreference>>(saved.preferences);
  const [done, setDone] = useState(false);
  useEffect(() => setChoices(saved.preferences), [saved]);

  function change(kind: NotificationKind, next: Partial<KindPreference>) {
    setDone(false);
    setChoices((current) => ({ ...current, [kind]: { ...current[kind], ...next } }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    update.mutate({ preferences: choices }, { onSuccess: () => setDone(true) });
  }

  return (
    <form onSubmit={submit} className="notification-preferences" noValidate>
      {!saved.emailAvailable && <p className="notice">{t('notifications.preferences.emailUnavailable')}</p>}
      <table className="preferences-table">
        <caption className="visually-hidden">{t('notifications.preferences.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('notifications.preferences.kind')}</th>
            <th scope="col">{t('notifications.preferences.inApp')}</th>
            <th scope="col">{t('notifications.preferences.email')}</th>
          </tr>
        </thead>
        <tbody>
          {NOTIFICATION_KINDS.map((kind) => {
            const name = t(`notifications.preferences.kinds.${kind}`);
            return (
              <tr key={kind}>
                <th scope="row">{name}</th>
                <td>
                  <input
                    type="checkbox"
                    className="preferences-checkbox"
                    checked={choices[kind].inApp}
                    aria-label={t('notifications.preferences.inAppOf', { kind: name })}
                    onChange={(event) => change(kind, { inApp: event.target.checked })}
                  />
                </td>
                <td>
                  <select
                    className="input"
                    value={choices[kind].email}
                    aria-label={t('notifications.preferences.emailOf', { kind: name })}
                    onChange={(event) => change(kind, { email: event.target.value as EmailDelivery })}
                  >
                    {EMAIL_DELIVERIES.map((delivery) => (
                      <option key={delivery} value={delivery}>
                        {t(`notifications.preferences.delivery.${delivery}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {update.isError && <ProblemAlert error={update.error} />}
      <FormActions submitLabel={t('notifications.preferences.save')} pending={update.isPending} />
      <p className="status status--success" role="status">
        {done ? t('notifications.preferences.saved') : ''}
      </p>
    </form>
  );
}
