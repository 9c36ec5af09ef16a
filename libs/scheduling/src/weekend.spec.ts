import { weekendDays, weekendDaysFromTable } from './weekend';
import { workingDaysOf } from './slot-finder';

describe('weekends by locale', () => {
  it('knows Saturday–Sunday, Friday–Saturday and Sunday-only weekends', () => {
    expect(weekendDays('ja-JP')).toEqual([6, 7]);
    expect(weekendDays('es-MX')).toEqual([6, 7]);
    expect(weekendDays('ar-SA')).toEqual([5, 6]);
    expect(weekendDays('hi-IN')).toEqual([7]);
    expect(weekendDays('not a locale')).toEqual([6, 7]);
  });

  it('has a table for runtimes without Intl week info', () => {
    expect(weekendDaysFromTable('sa')).toEqual([5, 6]);
    expect(weekendDaysFromTable('ID')).toEqual([6, 7]);
  });

  it('takes working days from the person when they set them, from the locale when they kept the default', () => {
    expect(workingDaysOf({ start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] }, 'ar-SA')).toEqual([1, 2, 3, 4, 7]);
    expect(workingDaysOf({ start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] }, 'ja-JP')).toEqual([1, 2, 3, 4, 5]);
    expect(workingDaysOf({ start: '09:00', end: '17:00', days: [2, 3, 4] }, 'ja-JP')).toEqual([2, 3, 4]);
  });
});
