// The frame of every page: skip link, header landmark with the app name, and the main landmark.
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitcher } from './language-switcher';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';
import { LoadingState } from './status-messages';

interface SiteLayoutProps {
  homePath: string;
  /** Navigation and account controls; absent on public pages. */
  navigation?: ReactNode;
  account?: ReactNode;
  children: ReactNode;
}

export function SiteLayout({ homePath, navigation, account, children }: SiteLayoutProps) {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="site-header-inner">
          <Link to={homePath} className="site-name">
            {t('app.name')}
          </Link>
          {navigation}
          <div className="site-header-tools">
            <LanguageSwitcher />
            {account}
          </div>
        </div>
      </header>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="site-main">
        <Suspense fallback={<LoadingState />}>{children}</Suspense>
      </main>
    </>
  );
}
