// Comment bodies are plain text with a small, safe subset of Markdown: paragraphs, line breaks, lists, quotes, code,
// bold, italic, links and @mentions. The parser builds React elements only (never HTML strings), so anything that
// looks like HTML stays text, and links keep only http, https and mailto addresses.
import { Fragment, type ReactNode } from 'react';
import { isSafeHref } from '@minga/editor';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'mention'; userId: string; name: string }
  | { kind: 'break' };

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'quote'; children: Inline[] }
  | { kind: 'codeBlock'; text: string };

/** A mention as the composer writes it: `@[Name](user-id)`. */
export const MENTION_SOURCE = String.raw`@\[([^\]\n]{1,120})\]\(([0-9a-f-]{36})\)`;

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const ORDERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const FENCE = /^\s{0,3}```/;

export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i])) code.push(lines[i++]);
      i++;
      blocks.push({ kind: 'codeBlock', text: code.join('\n') });
      continue;
    }
    const listPattern = BULLET.test(line) ? BULLET : ORDERED.test(line) ? ORDERED : null;
    if (listPattern) {
      const items: Inline[][] = [];
      while (i < lines.length && listPattern.test(lines[i])) {
        items.push(parseInline((listPattern.exec(lines[i]) as RegExpExecArray)[1]));
        i++;
      }
      blocks.push({ kind: 'list', ordered: listPattern === ORDERED, items });
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i])) quoted.push((QUOTE.exec(lines[i++]) as RegExpExecArray)[1]);
      blocks.push({ kind: 'quote', children: withBreaks(quoted) });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i].trim() !== '' && !FENCE.test(lines[i]) && !BULLET.test(lines[i]) && !ORDERED.test(lines[i]) && !QUOTE.test(lines[i])) {
      paragraph.push(lines[i++]);
    }
    blocks.push({ kind: 'paragraph', children: withBreaks(paragraph) });
  }
  return blocks;
}

function withBreaks(lines: string[]): Inline[] {
  return lines.flatMap((line, index) => (index === 0 ? parseInline(line) : [{ kind: 'break' } as Inline, ...parseInline(line)]));
}

const AUTOLINK = /^(?:https?:\/\/|mailto:)[^\s<>]+/i;
const MENTION = new RegExp(`^${MENTION_SOURCE}`);
const LINK = /^\[([^\]\n]*)\]\(([^)\s]*)\)/;

export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const char = source[i];
    if (char === '\\' && i + 1 < source.length && /[\\`*_[\]()@>#+\-.!]/.test(source[i + 1])) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (char === '`') {
      const end = source.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: 'code', text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    const mention = char === '@' ? MENTION.exec(rest) : null;
    if (mention) {
      flush();
      out.push({ kind: 'mention', name: mention[1], userId: mention[2] });
      i += mention[0].length;
      continue;
    }
    const link = char === '[' ? LINK.exec(rest) : null;
    if (link) {
      flush();
      const children = parseInline(link[1]);
      // An address we refuse keeps its words but loses its link.
      if (isSafeHref(link[2])) out.push({ kind: 'link', href: link[2], children });
      else out.push(...children);
      i += link[0].length;
      continue;
    }
    const emphasis = char === '*' || char === '_' ? emphasisAt(source, i) : null;
    if (emphasis) {
      flush();
      out.push(emphasis.node);
      i = emphasis.end;
      continue;
    }
    const previous = i === 0 ? ' ' : source[i - 1];
    const autolink = /[\s(]/.test(previous) && (char === 'h' || char === 'H' || char === 'm' || char === 'M') ? AUTOLINK.exec(rest) : null;
    if (autolink) {
      // Closing punctuation is the sentence's, not the address's.
      const href = autolink[0].replace(/[.,;:!?)'"]+$/, '');
      if (isSafeHref(href)) {
        flush();
        out.push({ kind: 'link', href, children: [{ kind: 'text', text: href }] });
        i += href.length;
        continue;
      }
    }
    text += char;
    i++;
  }
  flush();
  return out;
}

/** `**strong**`, `__strong__`, `*em*` or `_em_` starting at `start`; underscores only at word edges (snake_case stays). */
function emphasisAt(source: string, start: number): { node: Inline; end: number } | null {
  const marker = source[start];
  const double = source[start + 1] === marker;
  const delimiter = double ? marker + marker : marker;
  const from = start + delimiter.length;
  if (from >= source.length || /\s/.test(source[from])) return null;
  if (marker === '_' && start > 0 && /[\p{L}\p{N}]/u.test(source[start - 1])) return null;
  let end = source.indexOf(delimiter, from + 1);
  while (end !== -1 && (/\s/.test(source[end - 1]) || (!double && source[end + 1] === marker))) end = source.indexOf(delimiter, end + 1);
  if (end === -1) return null;
  if (marker === '_' && end + delimiter.length < source.length && /[\p{L}\p{N}]/u.test(source[end + delimiter.length])) return null;
  const children = parseInline(source.slice(from, end));
  return { node: double ? { kind: 'strong', children } : { kind: 'em', children }, end: end + delimiter.length };
}

function renderInline(nodes: Inline[]): ReactNode {
  return nodes.map((node, index) => {
    switch (node.kind) {
      case 'text':
        return <Fragment key={index}>{node.text}</Fragment>;
      case 'code':
        return <code key={index}>{node.text}</code>;
      case 'strong':
        return <strong key={index}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={index}>{renderInline(node.children)}</em>;
      case 'link':
        return (
          <a key={index} href={node.href} rel="noopener noreferrer nofollow">
            {renderInline(node.children)}
          </a>
        );
      case 'mention':
        return (
          <span key={index} className="comment-mention">
            @{node.name}
          </span>
        );
      case 'break':
        return <br key={index} />;
    }
    return null;
  });
}

export function CommentMarkdown({ source }: { source: string }) {
  return (
    <div className="comment-body">
      {parseBlocks(source).map((block, index) => {
        switch (block.kind) {
          case 'paragraph':
            return <p key={index}>{renderInline(block.children)}</p>;
          case 'quote':
            return <blockquote key={index}>{renderInline(block.children)}</blockquote>;
          case 'codeBlock':
            return (
              <pre key={index}>
                <code>{block.text}</code>
              </pre>
            );
          case 'list': {
            const items = block.items.map((item, itemIndex) => <li key={itemIndex}>{renderInline(item)}</li>);
            return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
          }
        }
        return null;
      })}
    </div>
  );
}
