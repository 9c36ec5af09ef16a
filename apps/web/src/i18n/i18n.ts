// Sets up i18next: the three interface languages, detection (saved choice, then browser), and <html lang>.
// English (the fallback) is in the first bundle; Japanese and Spanish are separate chunks, fetched when chosen or
// detected, so a first visit does not download every language.
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import { DEFAULT_LANGUAGE, LANGUAGES } from './languages';

const otherLanguages: Record<string, () => Promise<{ default: object }>> = {
  es: () => import('./es.json'),
  ja: () => import('./ja.json'),
};

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

/** Resolves once the detected language is loaded: the app renders after it, so no text flashes in English first. */
export const i18nReady = i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .use(resourcesToBackend((language: string) => otherLanguages[language]?.() ?? Promise.resolve({ default: {} })))
  .init({
    resources: { en: { translation: en } },
    // The other languages come from the backend above, on demand.
    partialBundledLanguages: true,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES.map((language) => language.code),
    load: 'languageOnly',
    nonExplicitSupportedLngs: true,
    // React escapes what it renders; escaping here too would show entities.
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], caches: ['localStorage'], lookupLocalStorage: 'minga.language' },
    // Changing language loads it first (the switch happens once it is here), so nothing suspends.
    react: { useSuspense: false },
  });

export default i18n;
