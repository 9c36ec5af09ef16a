import { isSafeHref } from './link-safety';

describe('isSafeHref', () => {
  it.each(['https://example.org', 'http://example.org/a?b#c', 'HTTPS://EXAMPLE.ORG', 'mailto:clerk@example.org', ' https://x.org'])(
    'accepts %j',
    (href) => expect(isSafeHref(href)).toBe(true),
  );

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'vbscript:x',
    'data:text/html;base64,PHNjcmlwdD4=',
    'file:///etc/passwd',
    '/drafts/1',
    '#section',
    'example.org',
    '',
    null,
    42,
  ])('refuses %j', (href) => expect(isSafeHref(href)).toBe(false));
});
