import { toCsv, toJson } from './table-data';

describe('toCsv', () => {
  it('quotes fields with commas, quotes and line breaks, leaves empty cells empty and ends lines with CRLF', () => {
    const csv = toCsv(
      ['name', 'value', 'note'],
      [
        { name: 'Cases, high impact', value: 2500, note: null },
        { name: 'Said "safe"', value: 42.5, note: 'two\nlines' },
      ],
    );
    expect(csv).toBe('\uFEFFname,value,note\r\n"Cases, high impact",2500,\r\n"Said ""safe""",42.5,"two\nlines"\r\n');
  });

  it('defuses text that a spreadsheet would run as a formula, but keeps negative numbers', () => {
    const csv = toCsv(['text', 'number'], [{ text: '=HYPERLINK("x")', number: -3 }]);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",-3`);
  });
});

describe('toJson', () => {
  it('keeps only the listed columns, in order, with null for missing cells', () => {
    expect(JSON.parse(toJson(['a', 'b'], [{ b: 2, c: 3 }]))).toEqual([{ a: null, b: 2 }]);
  });
});
