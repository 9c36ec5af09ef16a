import { recurrenceOf, rruleOf, weekdayInMonth, type RecurrenceValues } from './recurrence';

const choices = (overrides: Partial<RecurrenceValues>): RecurrenceValues => ({
  repeat: 'none',
  end: 'count',
  count: '6',
  until: '',
  custom: '',
  ...overrides,
});

describe('recurrence choices', () => {
  it('names the weekday of a date by its rank in the month, a fifth one as the last', () => {
    expect(weekdayInMonth('2026-12-08')).toEqual({ weekday: 1, rank: 2 }); // second Tuesday
    expect(weekdayInMonth('2026-12-31')).toEqual({ weekday: 3, rank: -1 }); // fifth Thursday: the last
    expect(weekdayInMonth('2027-02-28')).toEqual({ weekday: 6, rank: 4 }); // fourth Sunday
  });

  it('writes a monthly series on the same weekday of the month, ending by count or by a last day', () => {
    expect(rruleOf(choices({ repeat: 'monthly' }), '2026-12-08')).toBe('FREQ=MONTHLY;BYDAY=2TU;COUNT=6');
    expect(rruleOf(choices({ repeat: 'weekly', end: 'until', until: '2027-03-31' }), '2026-12-08')).toBe('FREQ=WEEKLY;UNTIL=20270331');
    expect(rruleOf(choices({ repeat: 'none' }), '2026-12-08')).toBeNull();
    expect(rruleOf(choices({ repeat: 'custom', custom: ' RRULE:FREQ=DAILY;COUNT=3 ' }), '2026-12-08')).toBe('FREQ=DAILY;COUNT=3');
  });

  it('reads back the rules it writes, and anything else as a custom rule', () => {
    expect(recurrenceOf('FREQ=MONTHLY;BYDAY=2TU;COUNT=6')).toMatchObject({ repeat: 'monthly', end: 'count', count: '6' });
    expect(recurrenceOf('FREQ=WEEKLY;UNTIL=20270331')).toMatchObject({ repeat: 'weekly', end: 'until', until: '2027-03-31' });
    expect(recurrenceOf('FREQ=WEEKLY;UNTIL=20270331T235959Z')).toMatchObject({ repeat: 'weekly', until: '2027-03-31' });
    expect(recurrenceOf('FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO;COUNT=4')).toMatchObject({
      repeat: 'custom',
      custom: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO;COUNT=4',
    });
    expect(recurrenceOf(null)).toMatchObject({ repeat: 'none' });
  });
});
