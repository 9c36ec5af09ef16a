import { isoDateSchema, isoDateTimeSchema, unstorableText } from './common';

describe('unstorableText', () => {
  it('finds nothing in ordinary text, numbers, nulls and nested values', () => {
    expect(unstorableText({ title: 'Open data — 開かれたデータ 🚲', n: 3, none: null, list: ['a', { b: 'c' }] })).toEqual([]);
    expect(unstorableText('emoji 👩‍👩‍👧 are surrogate pairs')).toEqual([]);
  });

  it('names each string holding a NUL character by its path', () => {
    expect(unstorableText({ title: 'a\u0000b', tasks: [{ title: 'ok' }, { title: '\u0000' }] })).toEqual([
      { path: 'title', message: expect.stringMatching(/NUL/) },
      { path: 'tasks.1.title', message: expect.stringMatching(/NUL/) },
    ]);
  });

  it('names strings holding a surrogate without its pair, high or low, alone or at either end', () => {
    for (const text of ['\ud800', '\udc00', 'a\ud83d', '\ude00b', 'x\udc00\ud800y']) {
      expect(unstorableText({ name: text })).toEqual([{ path: 'name', message: expect.stringMatching(/surrogate/) }]);
    }
  });

  it('checks object keys too, since JSON columns store them', () => {
    expect(unstorableText({ content: { 'bad\u0000key': 1 } })).toEqual([{ path: 'content.bad\\u0000key', message: expect.any(String) }]);
  });

  it('gives an empty path for a string that is the whole value', () => {
    expect(unstorableText('a\u0000b')).toEqual([{ path: '', message: expect.any(String) }]);
  });

  it('walks values nested deeper than the call stack would allow', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(unstorableText(deep)).toHaveLength(1);
  });

  it('reports at most 20 places', () => {
    expect(unstorableText(Array.from({ length: 50 }, () => '\u0000'))).toHaveLength(20);
  });
});

describe('dates people mean and PostgreSQL stores', () => {
  it.each(['1000-01-01', '2026-02-28', '2028-02-29', '9999-12-31'])('accepts the date %s', (date) => {
    expect(isoDateSchema.safeParse(date).success).toBe(true);
  });

  it.each(['0000-01-01', '0999-12-31', '2026-02-29', '2026-13-01', '+12026-01-01', '2026-1-1'])('refuses the date %s', (date) => {
    expect(isoDateSchema.safeParse(date).success).toBe(false);
  });

  it.each(['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.123+09:00', '1000-01-01T00:00:00Z', '9999-12-31T23:59:59Z'])(
    'accepts the instant %s',
    (instant) => {
      expect(isoDateTimeSchema.safeParse(instant).success).toBe(true);
    },
  );

  it.each([
    '0000-01-01T00:00:00Z',
    '0999-12-31T23:59:59Z',
    '9999-12-31T23:59:59-05:00',
    '1000-01-01T00:00:00+01:00',
    '2026-03-01T10:00:00',
  ])('refuses the instant %s, outside years 1000-9999 in UTC or without an offset', (instant) => {
    expect(isoDateTimeSchema.safeParse(instant).success).toBe(false);
  });

  it('says why a year is refused', () => {
    const result = isoDateSchema.safeParse('0000-01-01');
    expect(result.error?.issues[0]?.message).toMatch(/1000.*9999/);
  });
});
