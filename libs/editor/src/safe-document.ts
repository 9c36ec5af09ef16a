// Exports take documents from storage and from clients, not only from our editor, so attribute values are brought back
// to what the editor itself can produce before anything is rendered: no unsafe link, no CSS or tag name smuggled in
// through an attribute.
import type { JSONContent } from '@tiptap/core';
import { isSafeHref } from './link-safety';

type Attrs = Record<string, unknown>;

const CELL_ALIGNMENTS = ['left', 'center', 'right'];

function positiveInteger(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

function headingLevel(value: unknown): number {
  return Math.min(3, positiveInteger(value, 1));
}

function cellAttrs(attrs: Attrs): Attrs {
  const colwidth = attrs['colwidth'];
  const widths = Array.isArray(colwidth) && colwidth.every((w) => typeof w === 'number' && Number.isFinite(w) && w > 0);
  return {
    colspan: positiveInteger(attrs['colspan'], 1),
    rowspan: positiveInteger(attrs['rowspan'], 1),
    colwidth: widths ? colwidth : null,
    align: CELL_ALIGNMENTS.includes(attrs['align'] as string) ? attrs['align'] : null,
  };
}

function nodeAttrs(type: string | undefined, attrs: Attrs): Attrs | undefined {
  switch (type) {
    case 'heading':
      return { level: headingLevel(attrs['level']) };
    case 'orderedList':
      return { start: positiveInteger(attrs['start'], 1), type: null };
    case 'tableCell':
    case 'tableHeader':
      return cellAttrs(attrs);
    default:
      return undefined;
  }
}

function safeMarks(marks: JSONContent['marks']): JSONContent['marks'] {
  if (!marks) return undefined;
  const kept: NonNullable<JSONContent['marks']> = [];
  for (const mark of marks) {
    if (mark.type !== 'link') {
      kept.push({ type: mark.type });
      continue;
    }
    const href = mark.attrs?.['href'];
    if (!isSafeHref(href)) continue;
    const title = mark.attrs?.['title'];
    kept.push({ type: 'link', attrs: { href, title: typeof title === 'string' ? title : null } });
  }
  return kept;
}

/** A copy of `json` with attributes limited to safe values and links to http, https and mailto (others become text). */
export function safeDocument(json: JSONContent): JSONContent {
  const safe: JSONContent = { type: json.type };
  const attrs = nodeAttrs(json.type, json.attrs ?? {});
  if (attrs) safe.attrs = attrs;
  if (json.marks) safe.marks = safeMarks(json.marks);
  if (json.text !== undefined) safe.text = json.text;
  if (json.content) safe.content = json.content.map(safeDocument);
  return safe;
}
