import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/page-heading';
import { CalendarFeeds } from '../features/calendars/calendar-feeds';
import { NotificationPreferences } from '../features/notifications/notification-preferences';
import { ChangePasswordForm } from '../features/users/change-password-form';
import { ProfileForm } from '../features/users/profile-form';
import { useSession } from '../lib/session';

export default function ProfilePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <div className="page page--medium">
      <PageHeading>{t('profile.title')}</PageHeading>
      {user && (
        <section className="section" aria-labelledby="profile-details">
          <h2 id="profile-details">{t('profile.details')}</h2>
          <ProfileForm user={user} />
        </section>
      )}
      <section className="section" aria-labelledby="profile-notifications">
        <h2 id="profile-notifications">{t('notifications.preferences.heading')}</h2>
        <NotificationPreferences />
      </section>
      <section className="section" aria-labelledby="profile-calendars">
        <h2 id="profile-calendars" tabIndex={-1}>
          {t('calendars.heading')}
        </h2>
        <CalendarFeeds />
      </section>
      <section className="section" aria-labelledby="profile-password">
        <h2 id="profile-password">{t('profile.passwordHeading')}</h2>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
