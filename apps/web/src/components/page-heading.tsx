// The page's one h1: names the document and takes focus after a navigation so screen readers announce the new page.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

/** React Router's key for the location the app was loaded at; focus stays at the top of the document there. */
const INITIAL_LOCATION_KEY = 'default';

export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname, key } = useLocation();
  const { t } = useTranslation();
  const mountedOnInitialLoad = useRef(key === INITIAL_LOCATION_KEY);
  const focusedPath = useRef<string | null>(null);

  useEffect(() => {
    document.title = t('app.documentTitle', { title: children });
  }, [children, t]);

  // Only a change of page moves focus: filters in the query string and #fragments leave it where it is.
  useEffect(() => {
    const firstRun = focusedPath.current === null;
    if (focusedPath.current === pathname) return;
    focusedPath.current = pathname;
    if (firstRun && mountedOnInitialLoad.current) return;
    ref.current?.focus();
  }, [pathname]);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
