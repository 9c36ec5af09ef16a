import { expandSeries } from './recurrence';
import { normalizeRrule, rruleProblem, rruleUntilProblems } from './series-rule';

describe('the RRULE a series may have', () => {
  it.each([
    'FREQ=MONTHLY;BYDAY=2WE;COUNT=12',
    'FREQ=DAILY;COUNT=1',
    'FREQ=DAILY;COUNT=100',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=MO;UNTIL=20270601',
    'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=10;COUNT=2',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=20271231T235959Z',
    'FREQ=WEEKLY;UNTIL=20270601T120000',
    'FREQ=DAILY;INTERVAL=366;COUNT=2',
    'RRULE:FREQ=WEEKLY;COUNT=3',
    'rrule:freq=weekly;count=3',
  ])('accepts %s', (rule) => {
    expect(rruleProblem(rule)).toBeNull();
  });

  it.each([
    ['DTSTART:20270101T000000Z\nRRULE:FREQ=DAILY;COUNT=2', 'Give the RRULE without DTSTART: the start is the meeting’s start'],
    ['FREQ=DAILY;DTSTART=20270101;COUNT=2', 'Give the RRULE without DTSTART: the start is the meeting’s start'],
    ['FREQ=DAILY;\rCOUNT=2', 'Give the RRULE without DTSTART: the start is the meeting’s start'],
    ['FREQ=DAILY;BYHOUR=9,17;COUNT=2', 'Unsupported RRULE part BYHOUR'],
    ['FREQ=DAILY;X-NAME=1;BYMINUTE=5;COUNT=2', 'Unsupported RRULE part X-NAME'],
    ['FREQ=HOURLY;BYYEARDAY=1;COUNT=2', 'Unsupported RRULE part BYYEARDAY'],
    ['EXRULE:FREQ=DAILY;COUNT=2', 'Unsupported RRULE part EXRULE:FREQ'],
    ['FREQ=HOURLY;COUNT=5', 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY'],
    ['FREQ=3;COUNT=5', 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY'],
    ['COUNT=5', 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY'],
    ['FREQ=WEEKLY', 'A series must end: give COUNT or UNTIL'],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20270601', 'Give COUNT or UNTIL, not both'],
    ['FREQ=DAILY;COUNT=0', 'COUNT must be between 1 and 100'],
    ['FREQ=DAILY;COUNT=101', 'COUNT must be between 1 and 100'],
    ['FREQ=DAILY;COUNT=2.5', 'COUNT must be between 1 and 100'],
    ['FREQ=DAILY;COUNT=1,2', 'COUNT must be between 1 and 100'],
    ['FREQ=DAILY;COUNT', 'COUNT must be between 1 and 100'],
    ['FREQ=DAILY;COUNT=many', 'COUNT must be between 1 and 100'],
    ['FREQ=DAILY;UNTIL=2027-06-01', 'UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ'],
    ['FREQ=DAILY;UNTIL=20270601T1200Z', 'UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ'],
    ['FREQ=DAILY;UNTIL=', 'UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ'],
    ['FREQ=DAILY;COUNT=2;INTERVAL=0', 'INTERVAL must be a whole number from 1'],
    ['FREQ=DAILY;COUNT=2;INTERVAL=367', 'INTERVAL must be a whole number from 1'],
    ['FREQ=DAILY;COUNT=2;INTERVAL=two', 'INTERVAL must be a whole number from 1'],
  ])('refuses %j: %s', (rule, problem) => {
    expect(rruleProblem(rule)).toBe(problem);
  });

  it('reports the first problem: parts, then FREQ, then the end, then COUNT or UNTIL, then INTERVAL', () => {
    expect(rruleProblem('FREQ=HOURLY;BYHOUR=1')).toBe('Unsupported RRULE part BYHOUR');
    expect(rruleProblem('FREQ=HOURLY;COUNT=0;INTERVAL=0')).toBe('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY');
    expect(rruleProblem('FREQ=DAILY;INTERVAL=0')).toBe('A series must end: give COUNT or UNTIL');
    expect(rruleProblem('FREQ=DAILY;COUNT=0;INTERVAL=0')).toBe('COUNT must be between 1 and 100');
    expect(rruleProblem('FREQ=DAILY;UNTIL=soon;INTERVAL=0')).toBe('UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ');
  });

  it('bounds COUNT by the limit it is given', () => {
    expect(rruleProblem('FREQ=DAILY;COUNT=20', { maxOccurrences: 10 })).toBe('COUNT must be between 1 and 10');
    expect(rruleProblem('FREQ=DAILY;COUNT=10', { maxOccurrences: 10 })).toBeNull();
  });

  it('reads parts in any case, and the last of a repeated one', () => {
    expect(rruleProblem('freq=daily;count=2')).toBeNull();
    expect(rruleProblem('FREQ=DAILY;COUNT=500;COUNT=5')).toBeNull();
    expect(rruleProblem('FREQ=DAILY;COUNT=5;COUNT=500')).toBe('COUNT must be between 1 and 100');
    expect(rruleProblem('FREQ=DAILY; ;COUNT=2')).toBe('Unsupported RRULE part ');
  });

  it('refuses a rule expandSeries and calendars could not read: spaces, empty parts, unknown values', () => {
    const unreadable = 'The RRULE cannot be read: write it as NAME=VALUE parts joined by ; with valid values';
    expect(
      ['FREQ = DAILY ; COUNT = 2', 'FREQ=DAILY;;COUNT=2;', 'FREQ=WEEKLY;BYDAY=XX;COUNT=3', 'FREQ=MONTHLY;BYSETPOS=0;COUNT=2'].map((rule) =>
        rruleProblem(rule),
      ),
    ).toEqual(Array(4).fill(unreadable));
  });

  it('stores the rule in one form: upper case, without an RRULE: prefix', () => {
    expect(normalizeRrule('rrule:freq=weekly;byday=mo;count=3')).toBe('FREQ=WEEKLY;BYDAY=MO;COUNT=3');
    expect(normalizeRrule('FREQ=DAILY;UNTIL=20270601t120000z')).toBe('FREQ=DAILY;UNTIL=20270601T120000Z');
  });

  it('gives expandSeries rules it reads once stored', () => {
    const rules = ['rrule:freq=monthly;byday=2we;count=12', 'freq=weekly;interval=2;byday=mo,th;wkst=mo;until=20270601'];
    for (const rule of rules) {
      expect(rruleProblem(rule)).toBeNull();
      const series = expandSeries({
        localStart: '2027-01-13T10:00',
        timeZone: 'America/Mexico_City',
        durationMinutes: 60,
        rrule: normalizeRrule(rule),
      });
      expect(series.length).toBeGreaterThan(1);
    }
  });
});

describe('the UNTIL of a series against its first day', () => {
  it('accepts an UNTIL from the first day to the same day after the maximum span', () => {
    expect(rruleUntilProblems('FREQ=WEEKLY;UNTIL=20270310', '2027-03-10')).toEqual([]);
    expect(rruleUntilProblems('FREQ=WEEKLY;UNTIL=20290310T235959Z', '2027-03-10')).toEqual([]);
  });

  it('refuses an UNTIL before the first day or past the maximum span', () => {
    expect(rruleUntilProblems('FREQ=WEEKLY;UNTIL=20270309T235959Z', '2027-03-10')).toEqual(['UNTIL is before the first occurrence']);
    expect(rruleUntilProblems('FREQ=WEEKLY;UNTIL=20290311', '2027-03-10')).toEqual(['A series spans at most 2 years']);
    expect(rruleUntilProblems('rrule:freq=weekly;until=20280311', '2027-03-10', { maxYears: 1 })).toEqual([
      'A series spans at most 1 years',
    ]);
  });

  it('has nothing to say of a rule without a readable UNTIL', () => {
    expect(rruleUntilProblems('FREQ=WEEKLY;COUNT=3', '2027-03-10')).toEqual([]);
    expect(rruleUntilProblems('FREQ=WEEKLY;UNTIL=2020', '2027-03-10')).toEqual([]);
  });
});
