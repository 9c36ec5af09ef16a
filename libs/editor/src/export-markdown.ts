// Markdown of a draft (CommonMark, with GFM strikethrough and pipe tables), for download and for pasting elsewhere.
// Written against the JSON rather than with a Markdown library: the schema is small and the output is then ours to
// escape, which matters more here than covering every Markdown dialect.
import type { JSONContent } from '@tiptap/core';
import { safeDocument } from './safe-document';

type Mark = NonNullable<JSONContent['marks']>[number];
/** A mark written with delimiters around its text (code is written as whole spans instead). */
type WrittenMark = Mark & { type: (typeof MARK_ORDER)[number] };

interface InlineContext {
  /** In a table cell: no newlines allowed, and `|` would end the cell. */
  inTable: boolean;
}

/** Outermost first, so a link around bold text closes after it; code is written as whole spans instead. */
const MARK_ORDER = ['link', 'bold', 'italic', 'strike'] as const;
const DELIMITERS = { bold: '**', italic: '*', strike: '~~' } as const;

function escapeText(text: string): string {
  return text.replace(/[\\`*_~[\]<>|]/g, '\\$&').replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

/** What would start a heading, list, quote or rule when it opens a line. */
function escapeLineStart(text: string): string {
  return text.replace(/^(\s*)([#+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** A text run; every line of it that starts a Markdown line gets its line-start escapes. */
function escapeRun(text: string, atLineStart: boolean, ctx: InlineContext): string {
  if (ctx.inTable) return escapeText(text.replace(/\s+/g, ' '));
  return escapeText(text)
    .split('\n')
    .map((line, i) => (i > 0 || atLineStart ? escapeLineStart(line) : line))
    .join('\n');
}

function codeSpan(text: string, ctx: InlineContext): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  const body = ctx.inTable ? text.replace(/\|/g, '\\|') : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}

function linkDestination(href: string): string {
  return href.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function opener(mark: WrittenMark): string {
  return mark.type === 'link' ? '[' : DELIMITERS[mark.type];
}

function closer(mark: WrittenMark): string {
  if (mark.type !== 'link') return DELIMITERS[mark.type];
  const title = mark.attrs?.['title'];
  const titlePart = typeof title === 'string' && title ? ` "${title.replace(/["\\]/g, '\\$&')}"` : '';
  return `](${linkDestination(String(mark.attrs?.['href']))}${titlePart})`;
}

function sameMark(a: Mark, b: Mark): boolean {
  return a.type === b.type && a.attrs?.['href'] === b.attrs?.['href'] && a.attrs?.['title'] === b.attrs?.['title'];
}

function isWritten(mark: Mark): mark is WrittenMark {
  return (MARK_ORDER as readonly string[]).includes(mark.type);
}

function orderedMarks(node: JSONContent): WrittenMark[] {
  return (node.marks ?? []).filter(isWritten).sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
}

/** How many of the open marks, outermost first, the next run has too: those stay open. */
function sharedMarks(open: readonly Mark[], next: readonly Mark[]): number {
  const firstDifferent = next.findIndex((mark, i) => {
    const openMark = open[i];
    return openMark === undefined || !sameMark(openMark, mark);
  });
  return firstDifferent === -1 ? next.length : firstDifferent;
}

/**
 * Inline content with marks opened and closed as text runs change, like prosemirror-markdown does. Whitespace at the
 * edge of a run is moved outside its delimiters, since `**bold **` is not bold in CommonMark.
 */
function serializeInline(nodes: JSONContent[], ctx: InlineContext): string {
  let out = '';
  const active: WrittenMark[] = [];
  let pendingSpace = '';
  let lineStart = true;
  const closeTo = (keep: number) => {
    for (const mark of active.splice(keep).reverse()) out += closer(mark);
  };

  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      out += pendingSpace + (ctx.inTable ? '<br>' : '\\\n');
      pendingSpace = '';
      lineStart = !ctx.inTable;
      continue;
    }
    const text = node.type === 'text' ? (node.text ?? '') : '';
    const core = text.trim();
    if (!core) {
      pendingSpace += text;
      continue;
    }
    const marks = orderedMarks(node);
    const keep = sharedMarks(active, marks);
    closeTo(keep);
    out += pendingSpace + text.slice(0, text.length - text.trimStart().length);
    for (const mark of marks.slice(keep)) {
      out += opener(mark);
      active.push(mark);
      lineStart = false;
    }
    const isCode = (node.marks ?? []).some((mark) => mark.type === 'code');
    out += isCode ? codeSpan(core, ctx) : escapeRun(core, lineStart, ctx);
    const trail = text.slice(text.trimEnd().length);
    pendingSpace = ctx.inTable ? trail.replace(/\s/g, ' ') : trail;
    lineStart = false;
  }
  closeTo(0);
  return out;
}

function indentContinuation(text: string, marker: string): string {
  const indent = ' '.repeat(marker.length);
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? `${marker}${line}`.trimEnd() : line ? `${indent}${line}` : ''))
    .join('\n');
}

function listItem(item: JSONContent, marker: string): string {
  const parts = (item.content ?? []).map((child, i) => {
    const text = serializeBlock(child);
    // A nested list belongs right under its line; a second paragraph needs the blank line to stay a paragraph.
    const isList = child.type === 'bulletList' || child.type === 'orderedList';
    return i === 0 ? text : `${isList ? '\n' : '\n\n'}${text}`;
  });
  return indentContinuation(parts.join(''), marker);
}

function cellText(cell: JSONContent): string {
  const lines = (nodes: JSONContent[]): string[] =>
    nodes.flatMap((node) =>
      node.type === 'paragraph' || node.type === 'heading'
        ? [serializeInline(node.content ?? [], { inTable: true })]
        : lines(node.content ?? []),
    );
  return lines(cell.content ?? [])
    .filter((line) => line !== '')
    .join('<br>');
}

/** Lays the cells out on a grid, so row- and column-spanning cells leave empty cells where they reach. */
function tableGrid(table: JSONContent): JSONContent[][] {
  const grid: (JSONContent | null)[][] = [];
  (table.content ?? []).forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row.content ?? []) {
      while (grid[r][c] !== undefined) c++;
      const colspan = Number(cell.attrs?.['colspan'] ?? 1);
      const rowspan = Number(cell.attrs?.['rowspan'] ?? 1);
      for (let dr = 0; dr < rowspan; dr++) {
        const spanned = (grid[r + dr] ??= []);
        for (let dc = 0; dc < colspan; dc++) spanned[c + dc] = dr === 0 && dc === 0 ? cell : null;
      }
      c += colspan;
    }
  });
  return grid.slice(0, (table.content ?? []).length).map((row) => Array.from(row, (cell) => cell ?? {}));
}

function serializeTable(table: JSONContent): string {
  const grid = tableGrid(table);
  const width = Math.max(0, ...grid.map((row) => row.length));
  if (width === 0) return '';
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rows = grid.map((row) => line(Array.from({ length: width }, (_, c) => (row[c] ? cellText(row[c]) : ''))));
  const alignments = Array.from({ length: width }, (_, c) => {
    const align = grid[0]?.[c]?.attrs?.['align'];
    return align === 'center' ? ':---:' : align === 'right' ? '---:' : align === 'left' ? ':---' : '---';
  });
  return [rows[0], line(alignments), ...rows.slice(1)].join('\n');
}

function serializeBlock(node: JSONContent, previous?: JSONContent): string {
  const content = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
      return serializeInline(content, { inTable: false });
    case 'heading':
      return `${'#'.repeat(Number(node.attrs?.['level'] ?? 1))} ${serializeInline(content, { inTable: false })}`.trimEnd();
    case 'blockquote':
      return serializeBlocks(content)
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    case 'bulletList': {
      // Two lists in a row would read back as one unless their markers differ.
      const marker = previous?.type === 'bulletList' ? '* ' : '- ';
      return content.map((item) => listItem(item, marker)).join('\n');
    }
    case 'orderedList': {
      const start = Number(node.attrs?.['start'] ?? 1);
      const delimiter = previous?.type === 'orderedList' ? ')' : '.';
      return content.map((item, i) => listItem(item, `${start + i}${delimiter} `)).join('\n');
    }
    case 'horizontalRule':
      return '---';
    case 'table':
      return serializeTable(node);
    default:
      return serializeBlocks(content);
  }
}

function serializeBlocks(nodes: JSONContent[]): string {
  return nodes
    .map((node, i) => serializeBlock(node, nodes[i - 1]))
    .filter((text) => text !== '')
    .join('\n\n');
}

export function toMarkdown(json: JSONContent): string {
  return serializeBlocks(safeDocument(json).content ?? []);
}
