// The frame of signed-in pages: main navigation, notifications, the person's name and sign-out, and the live
// channel they share.
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { SiteLayout } from '../components/site-layout';
import { RequireSession } from '../features/auth/require-session';
import { SignOutButton } from '../features/auth/sign-out-button';
import { NotificationCentre } from '../features/notifications/notification-centre';
import { LiveEventsProvider } from '../lib/live-events';
import { useSession } from '../lib/session';

export function AppLayout() {
  return (
    <RequireSession>
      <LiveEventsProvider>
        <SignedInLayout />
      </LiveEventsProvider>
    </RequireSession>
  );
}

function SignedInLayout() {
  const { t } = useTranslation();
  const { user } = useSession();
  // The people directory is a tool for those who bring people in: coordinators and admins.
  const managesPeople = user?.roles.some((assignment) => assignment.role === 'coordinator' || assignment.role === 'admin');
  const navigation = (
    <nav aria-label={t('nav.label')} className="site-nav">
      <ul>
        <li>
          <NavLink to="/hubs">{t('nav.hubs')}</NavLink>
        </li>
        <li>
          <NavLink to="/drafts">{t('nav.drafts')}</NavLink>
        </li>
        <li>
          <NavLink to="/dashboards">{t('nav.dashboards')}</NavLink>
        </li>
        <li>
          <NavLink to="/meetings" end>
            {t('meetings.mine.nav')}
          </NavLink>
        </li>
        {managesPeople && (
          <li>
            <NavLink to="/people">{t('nav.people')}</NavLink>
          </li>
        )}
        <li>
          <NavLink to="/profile">{t('nav.profile')}</NavLink>
        </li>
      </ul>
    </nav>
  );
  const account = (
    <div className="site-account">
      <NotificationCentre />
      <span className="site-account-name">{user?.name}</span>
      <SignOutButton />
    </div>
  );
  return (
    <SiteLayout homePath="/hubs" navigation={navigation} account={account}>
      <Outlet />
    </SiteLayout>
  );
}
