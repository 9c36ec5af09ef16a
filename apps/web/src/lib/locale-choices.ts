// The locales and time zones people pick from in forms.

/** Locales of the alliance's hubs; a person's current locale is added when it is not among them. */
const HUB_LOCALES = [
  'en-US',
  'en-GB',
  'en-IN',
  'en-SG',
  'ja-JP',
  'es-MX',
  'es-CO',
  'es-AR',
  'es-ES',
  'pt-BR',
  'hi-IN',
  'id-ID',
  'th-TH',
  'vi-VN',
  'ms-MY',
  'fil-PH',
];

export function localeChoices(current: string): string[] {
  return HUB_LOCALES.includes(current) ? HUB_LOCALES : [current, ...HUB_LOCALES];
}

export function timeZoneChoices(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}
