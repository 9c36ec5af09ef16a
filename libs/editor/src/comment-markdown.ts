// Comment bodies are plain text with a safe subset of Markdown. One renderer, used by the web app (and by the API
// should it ever need HTML), so nobody configures it twice: raw HTML is never passed through, links only go to
// http, https or mailto, and images are not a feature of comments.
import MarkdownIt from 'markdown-it';
import { isSafeHref } from './link-safety';

const MENTION = /^@\[([^\]\n]{1,120})\]\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/i;

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
    const match = MENTION.exec(state.src.slice(state.pos));
    if (!match) return false;
    if (!silent) {
      const token = state.push('mention', 'span', 0);
      token.content = match[1];
      token.attrSet('data-user-id', match[2].toLowerCase());
    }
    state.pos += match[0].length;
    return true;
  });
  md.renderer.rules['mention'] = (tokens, idx) => {
    const token = tokens[idx];
    const escape = md.utils.escapeHtml;
    return `<span class="mention" data-user-id="${escape(String(token.attrGet('data-user-id') ?? ''))}">@${escape(token.content)}</span>`;
  };

  const defaultLinkOpen = md.renderer.rules['link_open'] ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules['link_open'] = (tokens, idx, options, env, self) => {
    tokens[idx].attrSet('rel', 'noopener noreferrer nofollow');
    tokens[idx].attrSet('target', '_blank');
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
