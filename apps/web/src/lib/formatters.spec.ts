import { createFormatters, formattingLocale } from './formatters';

describe('formattingLocale', () => {
  it("keeps the profile's regional locale while it speaks the interface's language", () => {
    expect(formattingLocale('es-MX', 'es')).toBe('es-MX');
    expect(formattingLocale('en-IN', 'en')).toBe('en-IN');
  });

  it('follows the interface once it is switched to another language, so a page never mixes two', () => {
    expect(formattingLocale('es', 'en')).toBe('en');
    const format = createFormatters(formattingLocale('es', 'en'), 'America/Mexico_City', String);
    expect(format.dateTime('2026-12-10T01:00:00Z')).toBe('Dec 9, 2026, 7:00 PM');
  });
});
