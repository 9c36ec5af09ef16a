// The schedule form's recurrence choices and the RFC 5545 RRULE they stand for (without DTSTART, which is the
// meeting's own local start). A series always ends, by a number of meetings or by a last day.

export const REPEAT_CHOICES = ['none', 'weekly', 'monthly', 'custom'] as const;
export type RepeatChoice = (typeof REPEAT_CHOICES)[number];
export type RepeatEnd = 'count' | 'until';

export interface RecurrenceValues {
  repeat: RepeatChoice;
  end: RepeatEnd;
  count: string;
  /** The last day (YYYY-MM-DD) in the organiser's zone. */
  until: string;
  custom: string;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The weekday (0 = Monday) and its rank in the month (1-4, or -1 for the last) of a local date. */
export function weekdayInMonth(localDate: string): { weekday: number; rank: number } {
  // A malformed date gives NaN throughout, as Date.UTC would.
  const [year = NaN, month = NaN, day = NaN] = localDate.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = (date.getUTCDay() + 6) % 7;
  // A fifth occurrence does not exist in every month: call it "the last", which does.
  const rank = Math.ceil(day / 7) >= 5 ? -1 : Math.ceil(day / 7);
  return { weekday, rank };
}

/** The RRULE of the choices, or null for a single meeting; the custom text is passed as written. */
export function rruleOf(values: RecurrenceValues, localDate: string): string | null {
  if (values.repeat === 'none') return null;
  if (values.repeat === 'custom') return values.custom.trim().replace(/^RRULE:/i, '') || null;
  const parts: string[] = [];
  if (values.repeat === 'weekly') {
    parts.push('FREQ=WEEKLY');
  } else {
    const { weekday, rank } = localDate ? weekdayInMonth(localDate) : { weekday: 0, rank: 1 };
    parts.push('FREQ=MONTHLY', `BYDAY=${rank}${WEEKDAYS[weekday]}`);
  }
  if (values.end === 'count') parts.push(`COUNT=${values.count.trim()}`);
  // A date alone: the series runs through that whole day in the organiser's zone.
  else parts.push(`UNTIL=${values.until.replaceAll('-', '')}`);
  return parts.join(';');
}

/** Reads an RRULE back into the form's choices: the simple weekly and monthly rules as such, anything else as custom. */
export function recurrenceOf(rrule: string | null): RecurrenceValues {
  const blank: RecurrenceValues = { repeat: 'none', end: 'count', count: '6', until: '', custom: '' };
  if (!rrule) return blank;
  const fields = new Map(rrule.split(';').map((part) => part.split('=') as [string, string]));
  const keys = [...fields.keys()].sort().join(',');
  const freq = fields.get('FREQ');
  const end: Pick<RecurrenceValues, 'end' | 'count' | 'until'> | null = fields.has('COUNT')
    ? { end: 'count', count: fields.get('COUNT') ?? '', until: '' }
    : /^\d{8}/.test(fields.get('UNTIL') ?? '')
      ? { end: 'until', count: '6', until: (fields.get('UNTIL') ?? '').replace(/^(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3') }
      : null;
  if (end && freq === 'WEEKLY' && (keys === 'COUNT,FREQ' || keys === 'FREQ,UNTIL')) return { ...blank, repeat: 'weekly', ...end };
  if (end && freq === 'MONTHLY' && (keys === 'BYDAY,COUNT,FREQ' || keys === 'BYDAY,FREQ,UNTIL'))
    return { ...blank, repeat: 'monthly', ...end };
  return { ...blank, repeat: 'custom', custom: rrule };
}
