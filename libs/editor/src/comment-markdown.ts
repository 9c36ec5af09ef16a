// Comment bodies are plain text with a safe subset of Markdown. One renderer, used by the web app (and by the API
// should it ever need HTML), so nobody configures it twice: raw HTML is never passed through, links only go to
// http, https or mailto, and images are not a feature of comments.
import MarkdownIt from 'markdown-it';
import { isSafeHref } from './link-safety';

const MENTION = /^@\[([^\]\n]{1,120})\]\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/i;

/** The token a render rule is called for: markdown-it passes the index of one it holds. */
function tokenAt<T>(tokens: readonly T[], idx: number): T {
  const token = tokens[idx];
  if (token === undefined) throw new RangeError(`No token ${idx} of ${tokens.length}`);
  return token;
}

function createRenderer() {
  const md = new MarkdownIt('zero', { html: false, linkify: true, breaks: true, typographer: false });
  md.enable([
    'newline',
    'emphasis',
    'strikethrough',
    'backticks',
    'escape',
    'entity',
    'link',
    'autolink',
    'linkify',
    'list',
    'blockquote',
    'code',
    'fence',
  ]);
  md.validateLink = (url) => isSafeHref(url);

  // `@[Name](userId)` is a mention, not a link to "userId".
  md.inline.ruler.before('link', 'mention', (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
    // Both groups are required by the pattern: a match has them.
    const [mention, name, userId] = MENTION.exec(state.src.slice(state.pos)) ?? [];
    if (mention === undefined || name === undefined || userId === undefined) return false;
    if (!silent) {
      const token = state.push('mention', 'span', 0);
      token.content = name;
      token.attrSet('data-user-id', userId.toLowerCase());
    }
    state.pos += mention.length;
    return true;
  });
  md.renderer.rules['mention'] = (tokens, idx) => {
    const token = tokenAt(tokens, idx);
    const escape = md.utils.escapeHtml;
    return `<span class="mention" data-user-id="${escape(String(token.attrGet('data-user-id') ?? ''))}">@${escape(token.content)}</span>`;
  };

  const defaultLinkOpen = md.renderer.rules['link_open'] ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules['link_open'] = (tokens, idx, options, env, self) => {
    const token = tokenAt(tokens, idx);
    token.attrSet('rel', 'noopener noreferrer nofollow');
    token.attrSet('target', '_blank');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

const renderer = createRenderer();

/** The HTML of a comment body: safe to insert into a page as it is. */
export function renderCommentMarkdown(body: string): string {
  return renderer.render(body);
}

/** A comment body as plain text for mail and notifications: mentions read as @Name. */
export function commentPlainText(body: string): string {
  return body.replace(new RegExp(MENTION.source.slice(1), 'gi'), (_all, name: string) => `@${name}`);
}
