// The page's one h1: names the document and takes focus after a navigation so screen readers announce the new page.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigationType } from 'react-router';

export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const { t } = useTranslation();
  const focusedPath = useRef<string | null>(null);

  useEffect(() => {
    document.title = t('app.documentTitle', { title: children });
  }, [children, t]);

  // Only an in-app navigation (a link, a redirect) moves focus. A page that was just loaded or reloaded, or reached
  // with the browser's back and forward buttons ("POP"), keeps focus at the top, so the skip link is the first Tab stop.
  // Filters in the query string and #fragments leave focus where it is.
  useEffect(() => {
    if (focusedPath.current === pathname) return;
    focusedPath.current = pathname;
    if (navigationType !== 'POP') ref.current?.focus();
  }, [pathname, navigationType]);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
