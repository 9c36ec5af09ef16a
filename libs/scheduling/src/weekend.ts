// Which days are the weekend for a locale: Intl.Locale week info where the runtime has it, a table otherwise.

/** Regions whose weekend is not Saturday–Sunday (ISO weekdays: 5 = Friday, 6 = Saturday, 7 = Sunday). */
const WEEKEND_BY_REGION: Record<string, number[]> = {
  AE: [6, 7], // since 2022 the UAE rests Saturday–Sunday
  AF: [4, 5],
  BH: [5, 6],
  DZ: [5, 6],
  EG: [5, 6],
  IL: [5, 6],
  IQ: [5, 6],
  IR: [5],
  JO: [5, 6],
  KW: [5, 6],
  LY: [5, 6],
  OM: [5, 6],
  QA: [5, 6],
  SA: [5, 6],
  SD: [5, 6],
  SY: [5, 6],
  YE: [5, 6],
  IN: [7],
  UG: [7],
};
const DEFAULT_WEEKEND = [6, 7];

interface WeekInfo {
  weekend?: number[];
}

/** ISO weekdays of the weekend in a locale (`ar-SA` → [5, 6], `ja-JP` → [6, 7], `hi-IN` → [7]). */
export function weekendDays(locale: string): number[] {
  let intlLocale: Intl.Locale;
  try {
    intlLocale = new Intl.Locale(locale).maximize();
  } catch {
    return DEFAULT_WEEKEND;
  }
  const withInfo = intlLocale as Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };
  const info = typeof withInfo.getWeekInfo === 'function' ? withInfo.getWeekInfo() : withInfo.weekInfo;
  if (info?.weekend && info.weekend.length > 0) return [...info.weekend].sort();
  return WEEKEND_BY_REGION[intlLocale.region ?? ''] ?? DEFAULT_WEEKEND;
}

/** The table the fallback uses, for a runtime without Intl week info (and for tests). */
export function weekendDaysFromTable(region: string): number[] {
  return WEEKEND_BY_REGION[region.toUpperCase()] ?? DEFAULT_WEEKEND;
}
