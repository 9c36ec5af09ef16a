// Sets up i18next: the three interface languages, detection (saved choice, then browser), and <html lang>.
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import es from './es.json';
import ja from './ja.json';
import { DEFAULT_LANGUAGE, LANGUAGES } from './languages';

export const resources = {
  en: { translation: en },
  ja: { translation: ja },
  es: { translation: es },
};

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES.map((language) => language.code),
    load: 'languageOnly',
    nonExplicitSupportedLngs: true,
    // React escapes what it renders; escaping here too would show entities.
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], caches: ['localStorage'], lookupLocalStorage: 'minga.language' },
  });

export default i18n;
