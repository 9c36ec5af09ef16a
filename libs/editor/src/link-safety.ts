// Links in policy drafts point to the web or to an email address. Anything else (javascript:, data:, file:, relative
// paths that only mean something inside Minga) is refused by the editor and left out of every export.

const SAFE_LINK_PROTOCOLS: readonly string[] = ['http', 'https', 'mailto'];

// Browsers ignore whitespace and control characters inside a scheme ("java\tscript:"), so they are removed before the
// scheme is read; this removes more than a browser does, which can only turn a scheme into one we refuse.
function ignoredInScheme(char: string): boolean {
  const code = char.charCodeAt(0);
  return code <= 0x20 || (code >= 0x7f && code <= 0x9f) || /[\s\u200b]/.test(char);
}

export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string') return false;
  const compact = [...href].filter((char) => !ignoredInScheme(char)).join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1];
  return scheme !== undefined && SAFE_LINK_PROTOCOLS.includes(scheme.toLowerCase());
}
