// Documents the specs share, written the way the editor stores them (every attribute spelled out), so a round trip
// through Yjs can be compared with them as they are.
import type { JSONContent } from '@tiptap/core';

type Marks = JSONContent['marks'];

export const text = (value: string, marks?: Marks): JSONContent =>
  marks ? { type: 'text', marks, text: value } : { type: 'text', text: value };
export const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
export const heading = (level: number, value: string): JSONContent => ({ type: 'heading', attrs: { level }, content: [text(value)] });
export const listItem = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content });
export const link = (href: string) => ({
  type: 'link',
  attrs: { href, target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null },
});
const cellAttrs = { colspan: 1, rowspan: 1, colwidth: null, align: null };
export const headerCell = (value: string): JSONContent => ({ type: 'tableHeader', attrs: cellAttrs, content: [paragraph(text(value))] });
export const cell = (value: string): JSONContent => ({ type: 'tableCell', attrs: cellAttrs, content: [paragraph(text(value))] });
export const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

/** A short open data policy using every part of the schema a draft is likely to contain. */
export const openDataDraft: JSONContent = doc(
  heading(1, 'Open Data Policy'),
  paragraph(
    text('The City publishes data '),
    text('by default', [{ type: 'bold' }]),
    text(', in '),
    text('open formats', [{ type: 'italic' }]),
    text(' and '),
    text('never', [{ type: 'bold' }, { type: 'italic' }]),
    text(' in '),
    text('PDF scans', [{ type: 'strike' }]),
    text(', on the '),
    text('open data portal', [link('https://data.example.org/portal')]),
    text('.'),
  ),
  heading(2, 'Principles'),
  {
    type: 'bulletList',
    content: [listItem(paragraph(text('Open by default'))), listItem(paragraph(text('Timely and complete')))],
  },
  heading(2, 'Steps'),
  {
    type: 'orderedList',
    attrs: { start: 1, type: null },
    content: [listItem(paragraph(text('Inventory the datasets'))), listItem(paragraph(text('Publish them')))],
  },
  heading(3, 'Timeline'),
  {
    type: 'table',
    content: [
      { type: 'tableRow', content: [headerCell('Phase'), headerCell('Deadline')] },
      { type: 'tableRow', content: [cell('Inventory'), cell('Q1 2027')] },
    ],
  },
);
