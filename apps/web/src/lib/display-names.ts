// Country and language names in the interface language, from the runtime's CLDR data rather than our own lists.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

interface DisplayNames {
  region(code: string): string;
  language(tag: string): string;
}

export function useDisplayNames(): DisplayNames {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const regions = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    const languages = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
    return {
      region: (code) => safely(() => regions.of(code), code),
      language: (tag) => safely(() => languages.of(tag), tag),
    };
  }, [language]);
}

// Intl.DisplayNames throws on malformed codes; show the raw code rather than breaking the page.
function safely(lookup: () => string | undefined, fallback: string): string {
  try {
    return lookup() ?? fallback;
  } catch {
    return fallback;
  }
}
