// Switches the interface language; the choice is remembered by the language detector.
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/languages';
import './language-switcher.css';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage;
  return (
    <div role="group" aria-label={t('language.label')} className="language-switcher">
      {LANGUAGES.map((language) => (
        <button
          key={language.code}
          type="button"
          lang={language.code}
          className="language-switcher-option"
          aria-pressed={current === language.code}
          onClick={() => void i18n.changeLanguage(language.code)}
        >
          {language.name}
        </button>
      ))}
    </div>
  );
}
