import { isSafeHref } from '@minga/editor';
import { normaliseHref } from './link-form';

describe('normaliseHref', () => {
  it.each([
    ['example.org/data', 'https://example.org/data'],
    ['https://example.org', 'https://example.org'],
    ['open-data@tsukuba.example.jp', 'mailto:open-data@tsukuba.example.jp'],
    ['  http://example.org  ', 'http://example.org'],
  ])('reads %s as %s', (input, expected) => {
    expect(normaliseHref(input)).toBe(expected);
  });

  it.each(['data:text/html,<p>hi</p>', 'file:///etc/passwd'])('keeps %s as typed, so the safety check refuses it', (input) => {
    expect(normaliseHref(input)).toBe(input);
    expect(isSafeHref(normaliseHref(input))).toBe(false);
  });
});
