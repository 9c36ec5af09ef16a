// The frame of pages open to anyone (sign-in, invitations): no navigation, sign-out only if someone is signed in.
import { Outlet } from 'react-router';
import { SiteLayout } from '../components/site-layout';
import { SignOutButton } from '../features/auth/sign-out-button';
import { useSession } from '../lib/session';

export function PublicLayout() {
  const { user } = useSession();
  const account = user && (
    <div className="site-account">
      <span className="site-account-name">{user.name}</span>
      <SignOutButton />
    </div>
  );
  return (
    <SiteLayout homePath={user ? '/hubs' : '/sign-in'} account={account}>
      <Outlet />
    </SiteLayout>
  );
}
