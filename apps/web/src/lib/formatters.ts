// Numbers, dates and times in the signed-in user's locale and time zone (the browser's before sign-in).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session';

export interface Formatters {
  locale: string;
  timeZone: string;
  number(value: number): string;
  /** A share (0.42) as a whole percentage ("42%"). */
  percent(share: number): string;
  /** A calendar day (YYYY-MM-DD) as written in the locale, with no time zone shift. */
  day(isoDate: string): string;
  areaKm2(value: number): string;
  dateTime(iso: string): string;
  date(iso: string): string;
  /** The time now in another zone, with its UTC offset, e.g. "Tue 14:05 GMT+9". */
  timeIn(timeZone: string, at: Date): string;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function browserLocale(): string {
  return navigator.language || 'en';
}

export function createFormatters(locale: string, timeZone: string, formatArea: (value: string) => string): Formatters {
  const numbers = new Intl.NumberFormat(locale);
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  // A due date or a measurement date names a day, not an instant: read and written in UTC it never moves.
  const days = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    locale,
    timeZone,
    number: (value) => numbers.format(value),
    percent: (share) => percents.format(share),
    day: (isoDate) => days.format(new Date(`${isoDate}T00:00:00Z`)),
    areaKm2: (value) => formatArea(numbers.format(value)),
    dateTime: (iso) => dateTimes.format(new Date(iso)),
    date: (iso) => dates.format(new Date(iso)),
    timeIn: (zone, at) =>
      new Intl.DateTimeFormat(locale, {
        weekday: 'short',
        hour: 'numeric',
        minute: '2-digit',
        timeZone: zone,
        timeZoneName: 'shortOffset',
      }).format(at),
  };
}

/**
 * Dates and numbers follow the profile's locale (es-MX, en-IN) while it speaks the interface's language; once someone
 * switches the interface to another language, they follow that language, so a page never mixes two.
 */
export function formattingLocale(profileLocale: string | undefined, interfaceLanguage: string | undefined): string {
  const preferred = profileLocale ?? browserLocale();
  if (!interfaceLanguage) return preferred;
  return new Intl.Locale(preferred).language === new Intl.Locale(interfaceLanguage).language ? preferred : interfaceLanguage;
}

export function useFormatters(): Formatters {
  const { user } = useSession();
  const { t, i18n } = useTranslation();
  const locale = formattingLocale(user?.locale, i18n.resolvedLanguage);
  const timeZone = user?.timeZone ?? browserTimeZone();
  return useMemo(() => createFormatters(locale, timeZone, (value) => t('units.areaKm2', { value })), [locale, timeZone, t]);
}
